"""Talent lists cost the same queries for 2 rows as for 20, on pages and in the API."""

import pytest
from django.urls import reverse

from leadership.models import Organisation
from talentpool.models import PoolMembership, TalentPool
from tests.factories import OrganisationFactory, PersonFactory
from tests.query_counts import assert_queries_do_not_grow, page_opener
from tests.talentpool.factories import (
    GraduateTraineeFactory,
    PlacementFactory,
    PoolMembershipFactory,
    SecondmentFactory,
    SeniorContractFactory,
    TalentPoolFactory,
)

pytestmark = pytest.mark.django_db


def _pools_and_nominations(organisation, shown):
    """Own and regional pools, each with a nomination waiting for the HR admin's decision."""
    def add_rows(count):
        for _ in range(count):
            own = TalentPoolFactory(owner=organisation)
            region = OrganisationFactory(kind=Organisation.Kind.REGION)
            TalentPoolFactory(kind=TalentPool.Kind.ASPIRING_DIRECTORS, owner=None, region=region)
            PoolMembershipFactory(pool=own, status=PoolMembership.Status.NOMINATED)
            shown.append(own.name)
    return add_rows


def _members(pool, organisation, shown):
    def add_rows(count):
        regions = [OrganisationFactory(kind=Organisation.Kind.REGION) for _ in range(2)]
        for _ in range(count):
            person = PersonFactory(organisation=organisation, last_name=f"Member{len(shown)}")
            member = PoolMembershipFactory(pool=pool, person=person, readiness="ready_now")
            member.mobility_regions.set(regions)
            shown.append(member.person.last_name)
    return add_rows


def _trainees(organisation, shown):
    def add_rows(count):
        for _ in range(count):
            trainee = GraduateTraineeFactory(
                person=PersonFactory(organisation=organisation, last_name=f"Trainee{len(shown)}"))
            PlacementFactory(trainee=trainee)
            shown.append(trainee.person.last_name)
    return add_rows


def _secondments(organisation, shown):
    def add_rows(count):
        for _ in range(count):
            secondment = SecondmentFactory(person=PersonFactory(organisation=organisation),
                                           external_organisation=f"Acme {len(shown)}")
            shown.append(secondment.external_organisation)
    return add_rows


def _contracts(shown):
    def add_rows(count):
        for _ in range(count):
            contract = SeniorContractFactory(post=f"Director {len(shown)}")
            shown.append(contract.post)
    return add_rows


def test_the_pools_page(client_for, same_org_hr_admin, same_org, django_assert_num_queries):
    shown = []
    assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=_pools_and_nominations(same_org, shown),
        open_list=page_opener(client_for(same_org_hr_admin), reverse("talentpool:home"),
                              expect=lambda: shown[-1]))


def test_a_pools_members_page(client_for, same_org_hr_admin, same_org, pool, django_assert_num_queries):
    shown = []
    assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=_members(pool, same_org, shown),
        open_list=page_opener(client_for(same_org_hr_admin),
                              reverse("talentpool:pool_detail", args=[pool.public_id]),
                              expect=lambda: shown[-1]))


def test_the_graduate_trainees_page(client_for, same_org_hr_admin, same_org, django_assert_num_queries):
    shown = []
    assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=_trainees(same_org, shown),
        open_list=page_opener(client_for(same_org_hr_admin), reverse("talentpool:graduate_list"),
                              expect=lambda: shown[-1]))


def test_the_secondments_page(client_for, same_org_hr_admin, same_org, django_assert_num_queries):
    shown = []
    assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=_secondments(same_org, shown),
        open_list=page_opener(client_for(same_org_hr_admin), reverse("talentpool:secondment_list"),
                              expect=lambda: shown[-1]))


def test_the_senior_contracts_register(client_for, national_admin, django_assert_num_queries):
    shown = []
    assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=_contracts(shown),
        open_list=page_opener(client_for(national_admin), reverse("talentpool:contract_list"),
                              expect=lambda: shown[-1]))


@pytest.mark.parametrize("route", [
    "api:talent-pool-list", "api:talent-pool-member-list", "api:graduate-trainee-list",
    "api:secondment-list", "api:senior-contract-list",
])
def test_the_api_lists(api_for, same_org, pool, route, django_assert_num_queries):
    shown = []
    rows = {
        "api:talent-pool-list": _pools_and_nominations(same_org, shown),
        "api:talent-pool-member-list": _members(pool, same_org, shown),
        "api:graduate-trainee-list": _trainees(same_org, shown),
        "api:secondment-list": _secondments(same_org, shown),
        "api:senior-contract-list": _contracts(shown),
    }[route]
    # The senior contracts register is national scope only: a national body's client reads it.
    reader = OrganisationFactory(ods_code="X29", kind=Organisation.Kind.NATIONAL_BODY) \
        if route == "api:senior-contract-list" else same_org
    open_list = page_opener(api_for(reader, ["talent:read"]), reverse(route) + "?page_size=50")
    assert_queries_do_not_grow(django_assert_num_queries, add_rows=rows, open_list=open_list)
    assert len(open_list().json()["results"]) >= 20
