"""R8: the national senior pool takes holders of the accredited senior-manager qualification, or people
a national admin has let in by a recorded exception with a reason."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from talentpool import services
from talentpool.models import NationalPoolException, PoolMembership, TalentPool
from tests.factories import PersonFactory
from tests.talentpool.factories import TalentPoolFactory, qualify

pytestmark = pytest.mark.django_db


@pytest.fixture
def unqualified(same_org_manager):
    return same_org_manager.person.reports.get(first_name="Rita")


def test_nominating_someone_without_the_qualification_is_refused(same_org_hr_admin, unqualified, pool):
    with pytest.raises(ValidationError, match="accredited senior-manager qualification"):
        services.membership_nominate(actor=same_org_hr_admin, pool=pool, person=unqualified,
                                     rationale="Strong")
    assert not PoolMembership.objects.filter(person=unqualified).exists()


def test_the_page_shows_the_refusal_as_a_form_error_and_writes_nothing(
    client_for, same_org_hr_admin, unqualified, pool
):
    response = client_for(same_org_hr_admin).post(
        reverse("talentpool:nominate"),
        {"pool": pool.public_id, "person": unqualified.public_id, "rationale": "Strong"})
    assert response.status_code == 200
    assert b"nhsuk-error-summary" in response.content and b"A national admin may record" in response.content
    assert not PoolMembership.objects.filter(person=unqualified).exists()


def test_other_pools_do_not_ask_for_the_qualification(same_org, same_org_hr_admin, unqualified):
    own_pool = TalentPoolFactory(owner=same_org)
    membership = services.membership_nominate(actor=same_org_hr_admin, pool=own_pool, person=unqualified,
                                              rationale="Ward leader in waiting")
    assert membership.status == PoolMembership.Status.NOMINATED


def test_a_qualified_person_is_nominated(same_org_hr_admin, unqualified, pool):
    qualify(unqualified)
    membership = services.membership_nominate(actor=same_org_hr_admin, pool=pool, person=unqualified,
                                              rationale="Strong")
    assert membership.pool.kind == TalentPool.Kind.NATIONAL_SENIOR


def test_a_national_admins_exception_lets_them_be_nominated_and_keeps_who_and_why(
    national_admin, same_org_hr_admin, unqualified, pool
):
    exception = services.national_pool_exception_grant(
        actor=national_admin, person=unqualified, reason="Equivalent qualification from NHS Scotland")
    assert exception.granted_by == national_admin
    assert exception.reason == "Equivalent qualification from NHS Scotland"
    assert NationalPoolException.pgh_event_model.objects.filter(pgh_obj_id=exception.pk).exists()
    services.membership_nominate(actor=same_org_hr_admin, pool=pool, person=unqualified, rationale="Strong")
    assert PoolMembership.objects.filter(person=unqualified, pool=pool).exists()


def test_only_a_national_admin_records_an_exception(same_org_hr_admin, unqualified):
    with pytest.raises(PermissionDenied):
        services.national_pool_exception_grant(actor=same_org_hr_admin, person=unqualified, reason="Please")
    assert not NationalPoolException.objects.exists()


def test_an_exception_needs_a_reason_and_is_not_for_the_qualified(national_admin, unqualified):
    with pytest.raises(ValidationError):
        services.national_pool_exception_grant(actor=national_admin, person=unqualified, reason="  ")
    qualify(unqualified)
    with pytest.raises(ValidationError, match="no exception is needed"):
        services.national_pool_exception_grant(actor=national_admin, person=unqualified, reason="Why not")
    assert not NationalPoolException.objects.exists()


def test_the_exception_page_is_reached_from_the_persons_page_by_national_admins_only(
    client_for, national_admin, same_org_hr_admin, unqualified
):
    person_page = reverse("person_detail", args=[unqualified.public_id])
    url = reverse("talentpool:pool_exception", args=[unqualified.public_id])
    assert url.encode() in client_for(national_admin).get(person_page).content
    assert url.encode() not in client_for(same_org_hr_admin).get(person_page).content
    assert client_for(same_org_hr_admin).get(url).status_code == 404
    refused = client_for(national_admin).post(url, {"reason": ""})
    assert refused.status_code == 200 and not NationalPoolException.objects.exists()
    assert client_for(national_admin).post(url, {"reason": "Overseas equivalent"}).status_code == 302
    assert NationalPoolException.objects.get(person=unqualified).reason == "Overseas equivalent"
    assert b"Overseas equivalent" in client_for(national_admin).get(url).content


def test_the_persons_page_offers_nominate_to_a_pool_to_those_who_may_nominate(
    client_for, same_org_hr_admin, other_org_hr_admin, unqualified, other_org
):
    link = f'{reverse("talentpool:nominate")}?person={unqualified.public_id}'.encode()
    page = client_for(same_org_hr_admin).get(reverse("person_detail", args=[unqualified.public_id]))
    assert link in page.content and b"Nominate to a pool" in page.content
    stranger = PersonFactory(organisation=other_org)
    other = client_for(same_org_hr_admin).get(reverse("person_detail", args=[stranger.public_id]))
    assert other.status_code == 404
    nominate = client_for(same_org_hr_admin).get(link.decode())
    assert f'value="{unqualified.public_id}" selected'.encode() in nominate.content
