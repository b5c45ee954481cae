"""The Burden Impact Assessment's arithmetic, on hand-computed cases: hours = minutes x returns a year x
organisations / 60; hourly cost = the band's annual midpoint / 1,950; cost = hours x hourly cost."""

from decimal import Decimal

import pytest
from django.urls import reverse

from governance import selectors, services
from governance.models import PayBandRate
from tests.governance import factories

pytestmark = pytest.mark.django_db


def test_the_hourly_cost_is_the_midpoint_over_1950_hours_to_the_penny():
    assert selectors.hourly_cost(Decimal("33226.50")) == Decimal("17.04")  # 17.0392...
    assert selectors.hourly_cost(Decimal("57129.50")) == Decimal("29.30")  # 29.2971...
    assert selectors.hourly_cost(Decimal("39000")) == Decimal("20.00")


def test_the_seeded_midpoints_are_unconfirmed_until_a_national_admin_confirms_them():
    rates = PayBandRate.objects.all()
    assert rates.count() == 11
    assert not rates.filter(confirmed=True).exists()
    assert rates.get(band="5").annual_midpoint == Decimal("33226.50")


def test_a_monthly_return_of_two_roles_across_200_organisations(same_org):
    assessment = factories.assessment(same_org, frequency="monthly", organisations=200)
    factories.role(assessment, band="5", minutes=90)
    factories.role(assessment, band="8a", minutes=20, name="Information manager")
    burden = selectors.burden(assessment)
    first, second = burden.lines
    assert (first.hours_per_year, first.hourly_cost, first.cost_per_year) == (
        Decimal("3600.00"),
        Decimal("17.04"),
        Decimal("61344.00"),
    )  # 90 x 12 x 200 / 60; 3,600 x 17.04
    assert (second.hours_per_year, second.hourly_cost, second.cost_per_year) == (
        Decimal("800.00"),
        Decimal("29.30"),
        Decimal("23440.00"),
    )  # 20 x 12 x 200 / 60; 800 x 29.30
    assert (burden.hours_per_year, burden.cost_per_year) == (Decimal("4400.00"), Decimal("84784.00"))
    assert burden.uses_unconfirmed_rates
    assert first.working == (
        "90 minutes x 12 returns a year x 200 organisations / 60 = 3,600.00 hours; "
        "£33,226.50 / 1,950 = £17.04 an hour; 3,600.00 x £17.04 = £61,344.00"
    )


def test_a_weekly_return_rounds_hours_and_pounds_half_up(same_org):
    assessment = factories.assessment(same_org, frequency="weekly", organisations=3)
    factories.role(assessment, band="2", minutes=7)
    line = selectors.burden(assessment).lines[0]
    # 7 x 52 x 3 / 60 = 18.2 hours; 23,615 / 1,950 = 12.1102... -> 12.11; 18.20 x 12.11 = 220.402 -> 220.40
    assert (line.hours_per_year, line.hourly_cost, line.cost_per_year) == (
        Decimal("18.20"),
        Decimal("12.11"),
        Decimal("220.40"),
    )


def test_a_national_admins_new_midpoint_changes_the_cost(same_org, national_admin):
    assessment = factories.assessment(same_org, frequency="yearly", organisations=10)
    factories.role(assessment, band="5", minutes=60)
    services.pay_band_rate_update(
        actor=national_admin,
        rate=PayBandRate.objects.get(band="5"),
        annual_midpoint=Decimal("39000"),
        confirmed=True,
        source="Checked",
    )
    burden = selectors.burden(assessment)
    assert burden.cost_per_year == Decimal("200.00")  # 60 x 1 x 10 / 60 = 10 hours x £20.00
    assert not burden.uses_unconfirmed_rates


def test_only_national_admins_edit_the_midpoints(client_for, same_org_hr_admin, national_admin):
    url = reverse("governance:pay_rate_edit", args=["5"])
    assert client_for(same_org_hr_admin).get(url).status_code == 404
    response = client_for(national_admin).post(
        url, {"annual_midpoint": "34000", "confirmed": "on", "source": "NHS Employers 2025/26"}
    )
    assert response.status_code == 302
    rate = PayBandRate.objects.get(band="5")
    assert (rate.annual_midpoint, rate.confirmed, rate.updated_by) == (
        Decimal("34000.00"),
        True,
        national_admin,
    )


def test_the_assessment_page_shows_the_burden_with_its_arithmetic(client_for, same_org_hr_admin, same_org):
    assessment = factories.assessment(same_org, frequency="monthly", organisations=200)
    factories.role(assessment, band="5", minutes=90)
    page = client_for(same_org_hr_admin).get(
        reverse("governance:assessment_detail", args=[assessment.public_id])
    )
    body = page.content.decode()
    assert "3600.00 hours" in body and "£61344.00" in body
    assert "90 minutes x 12 returns a year x 200 organisations / 60" in body
    assert "Unconfirmed pay rates" in body


def test_a_published_assessment_is_readable_across_the_nhs_and_a_draft_is_not(
    client_for, same_org, other_org_hr_admin, same_org_hr_admin
):
    draft = factories.assessment(same_org, title="Draft request")
    published = factories.assessment(
        same_org,
        title="Published request",
        published=True,
        status="approved",
        decided_on="2026-01-05",
        approver_name="Chief Executive",
    )
    client = client_for(other_org_hr_admin)
    assert client.get(reverse("governance:assessment_detail", args=[published.public_id])).status_code == 200
    assert client.get(reverse("governance:assessment_detail", args=[draft.public_id])).status_code == 404
    assert client.get(reverse("governance:assessment_decide", args=[published.public_id])).status_code == 404
    assert (
        client.post(
            reverse("governance:assessment_detail", args=[published.public_id]),
            {"role": "x", "band": "5", "minutes_per_return": "5"},
        ).status_code
        == 404
    )


def test_the_decision_records_who_approved_it_and_needs_roles_first(client_for, same_org, same_org_hr_admin):
    assessment = factories.assessment(same_org)
    url = reverse("governance:assessment_decide", args=[assessment.public_id])
    data = {
        "status": "approved",
        "approver_name": "Director of Workforce",
        "decided_on": "2026-01-05",
        "decision_notes": "Proportionate",
        "publish": "on",
    }
    client = client_for(same_org_hr_admin)
    refused = client.post(url, data)
    assert refused.status_code == 200 and "Add at least one staff role first" in refused.content.decode()
    factories.role(assessment)
    assert client.post(url, data).status_code == 302
    assessment.refresh_from_db()
    assert (assessment.status, assessment.approver_name, assessment.approved_by, assessment.published) == (
        "approved",
        "Director of Workforce",
        same_org_hr_admin,
        True,
    )
