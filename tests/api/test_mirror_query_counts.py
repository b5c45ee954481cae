"""A mirror pulls up to 1,000 rows a page: each list costs the same queries for one row as for fifty
(no query per row), for every record resource a client can mirror."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from appraisal import services as appraisal_services
from leadership.development import services as development_services
from leadership.models import Organisation, Role
from talentpool.models import TalentPool
from tests.api.test_mirror_appraisal import _appraisals_in
from tests.api.test_mirror_development import START, _self_assessment
from tests.api.test_mirror_talent import _member, _pool
from tests.development.conftest import ensure_default_framework
from tests.factories import OrganisationFactory, PersonFactory, user_with_person
from tests.governance import factories as governance_factories
from tests.talentpool.factories import (
    GraduateTraineeFactory,
    SecondmentFactory,
    SeniorContractFactory,
    TalentPoolFactory,
)
from tests.training.factories import CourseFactory, RecordFactory, RunFactory
from training.models import Enrolment

pytestmark = pytest.mark.django_db
ROWS = 3


def _frameworks(trust):
    ensure_default_framework()
    national_admin = user_with_person(OrganisationFactory(ods_code="X27", kind="national_body"),
                                      role=Role.NATIONAL_ADMIN)
    development_services.framework_draft_create(actor=national_admin)


def _assessments(trust):
    framework = ensure_default_framework()
    for _ in range(ROWS):
        _self_assessment(user_with_person(trust), framework)


def _plans(trust):
    for _ in range(ROWS):
        user = user_with_person(trust)
        for description in ("Budgeting", "Negotiation"):
            development_services.need_create(actor=user, person=user.person, description=description)


def _cycles(trust):
    for _ in range(ROWS):
        user = user_with_person(trust)
        cycle = development_services.cycle_start(actor=user, person=user.person, focus="Rota",
                                                 starts_on=START)
        for title in ("Shadow", "Read"):
            development_services.action_create(actor=user, cycle=cycle, title=title, due_on=date(2025, 2, 1))


def _appraisals(trust):
    _appraisals_in(trust, ROWS)


def _scorecards(trust):
    hr_admin = user_with_person(trust, role=Role.HR_ADMIN)
    for month in (1, 4, 7):
        for name in ("Engagement", "Turnover"):
            appraisal_services.scorecard_measure_save(
                actor=hr_admin, organisation=trust, period=date(2026, month, 1), perspective="People",
                name=name, target=Decimal(7), actual=Decimal(6))


def _talent_pools(trust):
    region = OrganisationFactory(kind=Organisation.Kind.REGION)
    for number in range(ROWS):
        TalentPoolFactory(kind=TalentPool.Kind.ASPIRING_DIRECTORS, owner=None, region=region,
                          name=f"Aspiring directors {number}")
        _pool(trust, f"Trust pool {number}")


def _pool_members(trust):
    pool = _pool(trust)
    regions = [OrganisationFactory(kind=Organisation.Kind.REGION) for _ in range(2)]
    for _ in range(ROWS):
        _member(pool, trust).mobility_regions.set(regions)


def _graduate_trainees(trust):
    GraduateTraineeFactory.create_batch(ROWS, person__organisation=trust)


def _secondments(trust):
    SecondmentFactory.create_batch(ROWS, person__organisation=trust)


def _senior_contracts(trust):
    SeniorContractFactory.create_batch(ROWS, person__organisation=trust, post="Director")


def _training_records(trust):
    staff = [PersonFactory(organisation=trust) for _ in range(3)]
    for index in range(55):
        RecordFactory(person=staff[index % 3])


def _enrolments(trust):
    run = RunFactory(capacity=100)
    for person in PersonFactory.create_batch(55, organisation=trust):
        Enrolment.objects.create(run=run, person=person)


def _catalogue(trust):
    for _ in range(55):
        CourseFactory()  # each with its own provider


def _data_returns(trust):
    for n in range(ROWS):
        governance_factories.data_return(trust, title=f"Return {n}", item_names=(f"Item {n}", "Shared item"))


def _burden_assessments(trust):
    for n in range(ROWS):
        governance_factories.assessment(trust, title=f"Request {n}", item_names=(f"Item {n}",))


def _board_positions(trust):
    for _ in range(ROWS):
        governance_factories.position(trust)


LISTS = {
    "api:competency-framework-list": ("development:read", _frameworks),
    "api:assessment-list": ("development:read", _assessments),
    "api:development-plan-list": ("development:read", _plans),
    "api:action-cycle-list": ("development:read", _cycles),
    "api:appraisal-list": ("appraisals:read", _appraisals),
    "api:scorecard-list": ("appraisals:read", _scorecards),
    "api:talent-pool-list": ("talent:read", _talent_pools),
    "api:talent-pool-member-list": ("talent:read", _pool_members),
    "api:graduate-trainee-list": ("talent:read", _graduate_trainees),
    "api:secondment-list": ("talent:read", _secondments),
    "api:senior-contract-list": ("talent:read", _senior_contracts),
    "api:training-record-list": ("training:read", _training_records),
    "api:training-enrolment-list": ("training:read", _enrolments),
    "api:training-course-list": ("training:read", _catalogue),
    "api:training-provider-list": ("training:read", _catalogue),
    "api:data-return-list": ("governance:read", _data_returns),
    "api:burden-assessment-list": ("governance:read", _burden_assessments),
    "api:board-position-list": ("governance:read", _board_positions),
}


def _queries(api, url, page_size) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url, {"page_size": page_size})
    assert response.status_code == 200, response.content
    return len(queries), len(response.json()["results"])


@pytest.mark.parametrize("route", sorted(LISTS))
def test_a_list_costs_the_same_queries_for_one_row_as_for_fifty(api_for, route):
    scope, build = LISTS[route]
    trust = OrganisationFactory(ods_code="RZ1")
    build(trust)
    # The senior contracts register is national scope only: a national body's client reads it.
    national = route == "api:senior-contract-list"
    reader = OrganisationFactory(ods_code="X28", kind="national_body") if national else trust
    api = api_for(reader, [scope])
    _queries(api, reverse(route), 1)  # the first request reads the token; later ones find it in Redis
    one, one_rows = _queries(api, reverse(route), 1)
    fifty, fifty_rows = _queries(api, reverse(route), 50)
    assert (one_rows, fifty_rows > 1) == (1, True)
    assert fifty == one
