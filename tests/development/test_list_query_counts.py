"""Development lists cost the same queries for 2 rows as for 20, on pages and in the API."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from leadership.models import Assessment, CompetencyFramework, RaterInvitation
from tests.development.factories import (
    ActionCycleFactory,
    ActionFactory,
    AssessmentFactory,
    CheckInFactory,
    DevelopmentNeedFactory,
    FrameworkDraftFactory,
    RaterInvitationFactory,
    default_framework,
)
from tests.factories import PersonFactory
from tests.query_counts import assert_queries_do_not_grow, page_opener

pytestmark = pytest.mark.django_db


@pytest.fixture
def rita(same_org_manager):
    """A direct report of same_org_manager."""
    return same_org_manager.person.reports.get(first_name="Rita")


def test_a_persons_development_page(client_for, same_org_manager, rita, django_assert_num_queries):
    framework = default_framework()
    competencies = list(framework.competencies.all())
    shown = []

    def add_rows(count):
        for _ in range(count):
            need = DevelopmentNeedFactory(plan__person=rita, competency=competencies[len(shown) % 9])
            AssessmentFactory(person=rita, kind=Assessment.Kind.FEEDBACK_360, assessor=None,
                              closed_at=timezone.now(), rater_count=Assessment.MIN_RATERS)
            shown.append(need.description)

    assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=add_rows,
        open_list=page_opener(client_for(same_org_manager),
                              reverse("development:person_development", args=[rita.public_id]),
                              expect=lambda: shown[-1]))


def test_rater_approvals(client_for, same_org_manager, django_assert_num_queries):
    shown = []

    def add_rows(count):
        for _ in range(count):
            report = PersonFactory(line_manager=same_org_manager.person)
            invitation = RaterInvitationFactory(
                assessment__person=report, rater=None, email=f"outside.{len(shown)}@example.com",
                approval=RaterInvitation.Approval.PENDING)
            shown.append(invitation.email)

    assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=add_rows,
        open_list=page_opener(client_for(same_org_manager), reverse("development:rater_approvals"),
                              expect=lambda: shown[-1]))


def test_framework_versions(client_for, national_admin, django_assert_num_queries):
    default_framework()

    def add_rows(count):
        FrameworkDraftFactory.create_batch(count, status=CompetencyFramework.Status.RETIRED)

    assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=add_rows,
        open_list=page_opener(client_for(national_admin), reverse("development:framework_versions")))


def test_a_cycle_page_with_many_actions_and_check_ins(client_for, same_org_manager,
                                                      django_assert_num_queries):
    cycle = ActionCycleFactory(person=same_org_manager.person)
    plan_need = DevelopmentNeedFactory(plan__person=same_org_manager.person)
    shown = []

    def add_rows(count):
        for _ in range(count):
            day = 10 * (len(shown) + 1)
            action = ActionFactory(cycle=cycle, need=plan_need, due_on=cycle.starts_on + timedelta(days=day))
            CheckInFactory(cycle=cycle, day=day, progress=f"Progress on day {day}",
                           recorded_at=timezone.now(), recorded_by=same_org_manager)
            shown.append(action.title)

    assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=add_rows,
        open_list=page_opener(client_for(same_org_manager),
                              reverse("development:cycle_detail", args=[cycle.public_id]),
                              expect=lambda: shown[-1]))


def _assessments(organisation):
    def add_rows(count):
        for _ in range(count):
            person = PersonFactory(organisation=organisation)
            AssessmentFactory(person=person)
            AssessmentFactory(person=person, kind=Assessment.Kind.FEEDBACK_360, assessor=None,
                              closed_at=timezone.now(), rater_count=Assessment.MIN_RATERS)
    return add_rows


def _plans(organisation):
    def add_rows(count):
        for _ in range(count):
            DevelopmentNeedFactory.create_batch(2, plan__person=PersonFactory(organisation=organisation))
    return add_rows


def _cycles(organisation):
    def add_rows(count):
        for _ in range(count):
            cycle = ActionCycleFactory(person=PersonFactory(organisation=organisation))
            ActionFactory.create_batch(2, cycle=cycle)
            CheckInFactory(cycle=cycle)
    return add_rows


@pytest.mark.parametrize(("route", "rows"), [
    ("api:assessment-list", _assessments),
    ("api:development-plan-list", _plans),
    ("api:action-cycle-list", _cycles),
])
def test_the_api_lists(api_for, same_org, route, rows, django_assert_num_queries):
    default_framework()
    open_list = page_opener(api_for(same_org, ["development:read"]), reverse(route) + "?page_size=50")
    assert_queries_do_not_grow(django_assert_num_queries, add_rows=rows(same_org), open_list=open_list)
    assert len(open_list().json()["results"]) >= 20
