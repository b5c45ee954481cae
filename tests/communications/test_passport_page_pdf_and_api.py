"""The passport page and PDF show every section to those who read the passport; the API serves it to
the home organisation's client only, each section only with its own area's scope."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from appraisal.models import Appraisal
from communications.handbook import services as handbook_services
from talentpool import selectors as talent_selectors
from talentpool.models import PoolMembership
from tests.appraisal.factories import AppraisalFactory
from tests.factories import PersonFactory, user_with_person
from tests.training.factories import RecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def passport_person(same_org_manager, handbook):
    person = same_org_manager.person
    handbook_services.values_attest(actor=same_org_manager, version=handbook)
    RecordFactory(person=person, title="Edward Jenner Programme", course=None, on=date(2025, 2, 1))
    appraiser = PersonFactory(organisation=person.organisation, first_name="Ada", last_name="Appraiser")
    appraisal = AppraisalFactory(
        cycle__organisation=person.organisation, appraisee=person, appraiser=appraiser
    )
    Appraisal.objects.filter(pk=appraisal.pk).update(
        state=Appraisal.State.SIGNED_OFF,
        signed_off_at=timezone.now(),
        overall_score=Decimal("3.10"),
        band="Strong performance",
    )
    PoolMembership.objects.create(
        pool=talent_selectors.national_pool(),
        person=person,
        route="hr_admin",
        rationale="Ready",
        status="active",
        joined_on=date(2025, 1, 1),
    )
    return person


def test_the_owner_and_their_hr_admin_see_every_section(
    client_for, same_org_manager, same_org_hr_admin, passport_person
):
    url = reverse("communications:passport", args=[passport_person.public_id])
    for user in (same_org_manager, same_org_hr_admin):
        body = client_for(user).get(url).content.decode()
        for text in ("Version 1", "Edward Jenner Programme", "Strong performance", "National", "Active"):
            assert text in body, text


def test_a_colleague_or_another_trust_gets_404(client_for, same_org, other_org_hr_admin, passport_person):
    url = reverse("communications:passport", args=[passport_person.public_id])
    colleague = user_with_person(same_org, first_name="Nosy", last_name="Colleague")
    assert client_for(colleague).get(url).status_code == 404
    assert client_for(other_org_hr_admin).get(url).status_code == 404


def test_the_pdf_is_a_pdf_of_the_passport(client_for, same_org_manager, passport_person):
    response = client_for(same_org_manager).get(
        reverse("communications:passport_pdf", args=[passport_person.public_id])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_person_page_and_home_link_to_the_passport_and_handbook(
    client_for, same_org_manager, same_org_hr_admin, passport_person
):
    passport_url = reverse("communications:passport", args=[passport_person.public_id]).encode()
    home = client_for(same_org_manager).get(reverse("home")).content
    assert passport_url in home and reverse("communications:handbook").encode() in home
    person_page = client_for(same_org_hr_admin).get(
        reverse("person_detail", args=[passport_person.public_id])
    )
    assert passport_url in person_page.content and b"has attested version 1" in person_page.content


def _api_url(person):
    return reverse("api:passport-detail", args=[person.public_id])


def test_a_client_with_every_scope_reads_every_section(api_for, same_org, passport_person):
    data = api_for(same_org).get(_api_url(passport_person)).json()
    assert data["omitted"] == []
    assert [a["handbook_version"] for a in data["values"]] == [1]
    assert [t["title"] for t in data["training"]] == ["Edward Jenner Programme"]
    assert [a["band"] for a in data["appraisals"]] == ["Strong performance"]
    assert [m["status"] for m in data["talent"]] == ["active"]


def test_each_section_needs_its_own_scope(api_for, same_org, passport_person):
    data = api_for(same_org, ["communications:read"]).get(_api_url(passport_person)).json()
    assert "values" in data
    assert not {"appraisals", "talent", "training", "qualifications", "competencies"} & data.keys()
    assert set(data["omitted"]) == {"appraisals", "talent", "training", "qualifications", "competencies"}
    data = api_for(same_org, ["communications:read", "appraisals:read"]).get(_api_url(passport_person)).json()
    assert [a["band"] for a in data["appraisals"]] == ["Strong performance"] and "talent" not in data
    data = api_for(same_org, ["communications:read", "talent:read"]).get(_api_url(passport_person)).json()
    assert [m["status"] for m in data["talent"]] == ["active"] and "appraisals" not in data


def test_the_passport_itself_needs_communications_read(api_for, same_org, passport_person):
    response = api_for(same_org, ["people:read", "appraisals:read"]).get(_api_url(passport_person))
    assert response.status_code == 403


def test_a_footprint_client_does_not_read_a_trusts_passports(api_for, icb, passport_person):
    assert api_for(icb).get(_api_url(passport_person)).status_code == 404
