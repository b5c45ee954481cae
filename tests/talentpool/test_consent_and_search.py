"""Consent decides who sees a member across trusts: pages, search, export and API."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leadership.models import Notification
from talentpool import services
from talentpool.models import Shortlisting
from tests.factories import OrganisationFactory, PersonFactory, user_with_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(same_org, make_member):
    shared = make_member(
        PersonFactory(organisation=same_org, first_name="Sharon", last_name="Shared"),
        consent=True,
        readiness="ready_now",
    )
    private = make_member(
        PersonFactory(organisation=same_org, first_name="Priya", last_name="Private"),
        consent=False,
        readiness="ready_now",
    )
    return shared, private


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("route", ["talentpool:search", "talentpool:search_export"])
def test_another_trust_sees_only_members_who_consented(client_for, other_org_hr_admin, members, route):
    body = _body(client_for(other_org_hr_admin).get(reverse(route)))
    assert b"Sharon" in body
    assert b"Priya" not in body


def test_the_home_trust_sees_every_member(client_for, same_org_hr_admin, members):
    body = client_for(same_org_hr_admin).get(reverse("talentpool:search")).content
    assert b"Sharon" in body and b"Priya" in body


def test_a_member_without_consent_is_a_404_to_another_trust(client_for, other_org_hr_admin, members):
    _, private = members
    client = client_for(other_org_hr_admin)
    assert client.get(reverse("talentpool:membership_detail", args=[private.public_id])).status_code == 404
    assert client.get(reverse("talentpool:membership_shortlist", args=[private.public_id])).status_code == 404


def test_a_manager_without_a_role_does_not_see_other_trusts_members(client_for, other_org, members):
    manager = user_with_person(other_org, first_name="Mo")
    body = client_for(manager).get(reverse("talentpool:search")).content
    assert b"Sharon" not in body


def test_the_api_shows_other_trusts_only_consenting_members(api_for, other_org, same_org, members):
    names = {
        row["person"]["first_name"]
        for row in api_for(other_org).get(reverse("api:talent-pool-member-list")).json()["results"]
    }
    assert names == {"Sharon"}
    names = {
        row["person"]["first_name"]
        for row in api_for(same_org).get(reverse("api:talent-pool-member-list")).json()["results"]
    }
    assert names == {"Sharon", "Priya"}


def test_the_api_detail_of_a_private_member_is_404_to_another_trust(api_for, other_org, members):
    _, private = members
    response = api_for(other_org).get(reverse("api:talent-pool-member-detail", args=[private.public_id]))
    assert response.status_code == 404


def test_search_filters_by_readiness_region_level_and_sector(
    client_for, same_org_hr_admin, same_org, make_member
):
    region = OrganisationFactory(ods_code="Y56", name="London", kind="region")
    near = make_member(
        PersonFactory(
            organisation=same_org, first_name="Nina", sector_background="private", management_level="senior"
        ),
        readiness="ready_now",
    )
    near.mobility_regions.add(region)
    make_member(
        PersonFactory(organisation=same_org, first_name="Fred", management_level="middle"),
        readiness="three_plus_years",
    )
    client = client_for(same_org_hr_admin)
    for query in (
        {"readiness": "ready_now"},
        {"region": "Y56"},
        {"management_level": "senior"},
        {"sector_background": "private"},
    ):
        body = client.get(reverse("talentpool:search"), query).content
        assert b"Nina" in body and b"Fred" not in body, query


def test_search_pages_in_a_fixed_number_of_queries(
    client_for, other_org_hr_admin, same_org, make_member, django_assert_max_num_queries
):
    def queries_for_search() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("talentpool:search"))
        return len(captured)

    client = client_for(other_org_hr_admin)
    client.get(reverse("talentpool:search"))  # warm the session
    for n in range(3):
        make_member(PersonFactory(organisation=same_org, first_name=f"Member{n}"), consent=True)
    few = queries_for_search()
    for n in range(3, 30):
        make_member(PersonFactory(organisation=same_org, first_name=f"Member{n}"), consent=True)
    assert queries_for_search() == few
    with django_assert_max_num_queries(22):
        response = client.get(reverse("talentpool:search"))
    assert b"30 members found" in response.content


def test_another_trust_shortlists_a_consenting_member_and_both_are_told(
    client_for, other_org_hr_admin, other_org, same_org, same_org_hr_admin, make_member
):
    member_user = user_with_person(same_org, first_name="Sharon")
    membership = make_member(member_user.person, consent=True)
    response = client_for(other_org_hr_admin).post(
        reverse("talentpool:membership_shortlist", args=[membership.public_id]),
        {"organisation": other_org.ods_code, "vacancy": "Director of finance (REF 42)", "reason": "Fits"},
    )
    assert response.status_code == 302
    assert Shortlisting.objects.filter(membership=membership, organisation=other_org).exists()
    told = set(Notification.objects.filter(kind="talent_shortlisted").values_list("recipient", flat=True))
    assert told == {member_user.pk, same_org_hr_admin.pk}


def test_a_private_member_cannot_be_shortlisted_by_another_trust(other_org_hr_admin, other_org, members):
    _, private = members
    with pytest.raises(PermissionDenied):
        services.membership_shortlist(
            actor=other_org_hr_admin, membership=private, organisation=other_org, vacancy="CEO", reason="x"
        )
