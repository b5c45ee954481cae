"""Succession candidates change readiness and are removed; secondments are edited and cancelled;
external recruits are flagged from the person's page; contracts are edited, extended and ended. Each
change keeps its history (who, and why), and destructive ones ask for confirmation first."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from leadership.models import Notification
from talentpool import reminders, selectors, services
from talentpool.models import Secondment, SeniorContract, SuccessionCandidate, SuccessionPlan
from tests.factories import PersonFactory
from tests.talentpool.factories import SecondmentFactory, SeniorContractFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(same_org, same_org_hr_admin, same_org_manager):
    plan = SuccessionPlan.objects.create(organisation=same_org, post="Chief nurse")
    services.succession_candidate_add(actor=same_org_hr_admin, plan=plan, person=same_org_manager.person,
                                      readiness="three_plus_years")
    return plan


def _candidate_url(name, plan, person):
    return reverse(name, args=[plan.public_id, person.public_id])


def test_readiness_changes_with_who_and_why_in_the_plans_history(
    client_for, same_org_hr_admin, same_org_manager, plan
):
    person = same_org_manager.person
    response = client_for(same_org_hr_admin).post(
        _candidate_url("talentpool:candidate_readiness", plan, person),
        {"readiness": "ready_now", "reason": "Acted up for six months"})
    assert response.status_code == 302
    assert SuccessionCandidate.objects.get(plan=plan, person=person).readiness == "ready_now"
    latest = selectors.succession_history(plan)[0]
    assert (latest["what"], latest["readiness"], latest["who"], latest["why"]) == (
        "Readiness changed", "Ready now", same_org_hr_admin.email, "Acted up for six months")
    page = client_for(same_org_hr_admin).get(reverse("talentpool:succession_detail", args=[plan.public_id]))
    assert b"Acted up for six months" in page.content


def test_a_readiness_change_needs_a_reason(same_org_hr_admin, plan):
    candidate = plan.candidates.get()
    with pytest.raises(ValidationError):
        services.succession_candidate_readiness(actor=same_org_hr_admin, candidate=candidate,
                                                readiness="ready_now", reason="")
    candidate.refresh_from_db()
    assert candidate.readiness == "three_plus_years"


def test_removing_a_candidate_asks_for_confirmation_and_the_history_keeps_them(
    client_for, same_org_hr_admin, same_org_manager, plan
):
    url = _candidate_url("talentpool:candidate_remove", plan, same_org_manager.person)
    client = client_for(same_org_hr_admin)
    assert b"Confirm to continue" in client.post(url, {"reason": "Left the directorate"}).content
    assert plan.candidates.exists()
    assert client.post(url, {"reason": "Left the directorate", "confirm": "on"}).status_code == 302
    assert not plan.candidates.exists()
    removed = selectors.succession_history(plan)[0]
    assert (removed["what"], removed["why"]) == ("Removed", "Left the directorate")
    assert client.get(url).status_code == 404


def test_another_organisation_cannot_change_candidates(
    client_for, other_org_hr_admin, same_org_manager, plan
):
    for name in ("talentpool:candidate_readiness", "talentpool:candidate_remove"):
        response = client_for(other_org_hr_admin).post(
            _candidate_url(name, plan, same_org_manager.person),
            {"readiness": "ready_now", "reason": "x", "confirm": "on"})
        assert response.status_code == 404
    assert plan.candidates.get().readiness == "three_plus_years"


@pytest.fixture
def secondment(same_org_manager):
    return SecondmentFactory(person=same_org_manager.person)


def test_a_secondment_is_edited_with_its_history(client_for, same_org_hr_admin, secondment):
    response = client_for(same_org_hr_admin).post(
        reverse("talentpool:secondment_edit", args=[secondment.public_id]),
        {"direction": "out", "external_sector": "third_sector", "external_organisation": "Demo Charity",
         "starts_on": "2025-02-01", "ends_on": "2025-08-01", "purpose": "Partnerships"})
    assert response.status_code == 302, response.content
    secondment.refresh_from_db()
    assert (secondment.external_organisation, secondment.starts_on) == ("Demo Charity", date(2025, 2, 1))
    history = selectors.change_history(secondment)
    assert history[0]["who"] == same_org_hr_admin.email
    assert {c["label"] for c in history[0]["changes"]} >= {"External organisation", "Starts on"}


def test_a_secondment_ending_before_it_starts_is_a_form_error(client_for, same_org_hr_admin, secondment):
    response = client_for(same_org_hr_admin).post(
        reverse("talentpool:secondment_edit", args=[secondment.public_id]),
        {"direction": "out", "external_sector": "private", "external_organisation": "Acme",
         "starts_on": "2025-08-01", "ends_on": "2025-02-01", "purpose": "x"})
    assert response.status_code == 200 and b"must end after it starts" in response.content
    secondment.refresh_from_db()
    assert secondment.starts_on == date(2025, 1, 1)


def test_cancelling_a_secondment_asks_for_confirmation_and_keeps_it_on_record(
    client_for, same_org_hr_admin, secondment
):
    url = reverse("talentpool:secondment_cancel", args=[secondment.public_id])
    client = client_for(same_org_hr_admin)
    assert b"Confirm to continue" in client.post(url, {"reason": "Host withdrew"}).content
    assert Secondment.objects.get(pk=secondment.pk).cancelled_on is None
    assert client.post(url, {"reason": "Host withdrew", "confirm": "on"}).status_code == 302
    secondment.refresh_from_db()
    assert secondment.cancelled_on is not None and secondment.cancelled_reason == "Host withdrew"
    assert client.get(reverse("talentpool:secondment_edit", args=[secondment.public_id])).status_code == 404
    with pytest.raises(ValidationError):
        services.secondment_cancel(actor=same_org_hr_admin, secondment=secondment, reason="Again")


def test_a_manager_may_not_change_a_secondment(same_org_manager, secondment):
    with pytest.raises(PermissionDenied):
        services.secondment_cancel(actor=same_org_manager, secondment=secondment, reason="x")


def test_an_external_recruit_is_flagged_from_the_persons_page(
    client_for, same_org_hr_admin, other_org_hr_admin, same_org
):
    person = PersonFactory(organisation=same_org, sector_background="nhs")
    url = reverse("talentpool:external_recruit", args=[person.public_id])
    page = client_for(same_org_hr_admin).get(reverse("person_detail", args=[person.public_id]))
    assert url.encode() in page.content
    assert client_for(other_org_hr_admin).post(url, {"sector_background": "private"}).status_code == 404
    assert client_for(same_org_hr_admin).post(url, {"sector_background": "private"}).status_code == 302
    person.refresh_from_db()
    assert person.sector_background == "private"
    listed = client_for(same_org_hr_admin).get(reverse("talentpool:secondment_list"))
    assert person.full_name.encode() in listed.content


@pytest.fixture
def contract(same_org_manager):
    return SeniorContractFactory(person=same_org_manager.person)


def test_a_contract_is_edited_and_its_minimum_term_follows(client_for, national_admin, contract):
    response = client_for(national_admin).post(
        reverse("talentpool:contract_edit", args=[contract.public_id]),
        {"post": "Chief operating officer", "starts_on": "2024-04-01", "minimum_term_months": "24",
         "next_assessment_due": "2026-04-01"})
    assert response.status_code == 302, response.content
    contract.refresh_from_db()
    assert (contract.post, contract.minimum_term_ends_on) == ("Chief operating officer", date(2026, 4, 1))
    assert selectors.change_history(contract)[0]["who"] == national_admin.email


def test_extending_a_contract_lengthens_the_minimum_term_with_a_reason(national_admin, contract):
    services.senior_contract_extend(actor=national_admin, contract=contract, months=12, reason="Board asked")
    contract.refresh_from_db()
    assert (contract.minimum_term_months, contract.minimum_term_ends_on) == (48, date(2028, 1, 1))
    with pytest.raises(ValidationError):
        services.senior_contract_extend(actor=national_admin, contract=contract, months=300, reason="Long")


def test_ending_a_contract_asks_for_confirmation_and_stops_its_alerts(client_for, national_admin, contract):
    url = reverse("talentpool:contract_end", args=[contract.public_id])
    client = client_for(national_admin)
    assert b"Confirm to continue" in client.post(url, {"ends_on": "2025-06-30", "reason": "Retired"}).content
    assert SeniorContract.objects.get(pk=contract.pk).ends_on is None
    response = client.post(url, {"ends_on": "2025-06-30", "reason": "Retired", "confirm": "on"})
    assert response.status_code == 302
    contract.refresh_from_db()
    assert (contract.ends_on, contract.ended_reason) == (date(2025, 6, 30), "Retired")
    assert reminders.contract_alert_sweep(today=date(2026, 9, 1)) == 0  # overdue and ending, but ended
    assert not Notification.objects.exists()
    assert client.get(reverse("talentpool:contract_extend", args=[contract.public_id])).status_code == 404


def test_only_national_admins_change_contracts(client_for, same_org_hr_admin, contract):
    for name in ("talentpool:contract_edit", "talentpool:contract_extend", "talentpool:contract_end"):
        assert client_for(same_org_hr_admin).get(reverse(name, args=[contract.public_id])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.senior_contract_end(actor=same_org_hr_admin, contract=contract, ends_on=date(2025, 1, 1),
                                     reason="x")
