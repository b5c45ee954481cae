"""The demo's development: rounds with a trend, 360 feedback, needs in each state, cycles at day 10, 45,
80, 100 and 110 with check-ins recorded and overdue, so the first reminder sweep has work; idempotent."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from leadership.demo import development
from leadership.development import reminders, selectors
from leadership.models import Action, ActionCycle, Assessment, DevelopmentNeed, Notification, User

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, seeded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def manager(demo):
    return User.objects.select_related("person").get(email=development.MANAGER_EMAIL).person


def test_the_manager_and_two_reports_have_two_self_assessment_rounds_so_trends_show(manager):
    people = [manager, *manager.reports.order_by("employee_number")[:2]]
    for person in people:
        rounds = Assessment.objects.filter(person=person, kind=Assessment.Kind.SELF, status="submitted")
        assert sorted(rounds.values_list("round_number", flat=True)) == [1, 2]
    trend = selectors.competency_trends(manager, selectors.published_framework())
    assert len({a.submitted_at.date() for a in trend.rounds}) >= 3  # two self rounds and a 360


def test_the_manager_has_a_released_360_round_and_an_open_one(manager):
    released, current = Assessment.objects.filter(
        person=manager, kind=Assessment.Kind.FEEDBACK_360).order_by("round_number")
    assert released.status == "submitted" and released.rater_count == development.RATERS_ANSWERED
    assert current.closed_at is None and current.invitations.filter(answered_at__isnull=False).count() == 1


def test_plans_have_an_aspiration_and_needs_in_each_state_with_notes(manager):
    plan = manager.development_plan
    assert plan.aspiration
    assert set(plan.needs.values_list("status", flat=True)) == set(DevelopmentNeed.Status.values)
    assert all(n.status_note for n in plan.needs.exclude(status=DevelopmentNeed.Status.OPEN))


def test_cycles_stand_at_day_10_45_80_100_and_110_after_a_reviewed_one(manager):
    today = timezone.localdate()
    people = [manager, *manager.reports.order_by("employee_number")[:4]]
    active = {c.person_id: (today - c.starts_on).days
              for c in ActionCycle.objects.filter(person__in=people, status="active")}
    assert sorted(active.values()) == [10, 45, 80, 100, 110]
    reviewed = ActionCycle.objects.get(person=manager, status="closed")
    assert reviewed.actions.filter(status="done").exists() and reviewed.next.actions.filter(
        carried_from__isnull=False).exists()


def test_the_first_sweep_sends_check_in_and_review_reminders_and_a_second_sends_none(manager):
    before = Notification.objects.count()
    reminders.sweep(now=timezone.now() + timedelta(minutes=1))
    written = Notification.objects.filter(recipient=manager.user).values_list("kind", flat=True)
    assert "checkin-reminder" in written and "cycle-review" in written
    count = Notification.objects.count()
    assert count > before
    reminders.sweep(now=timezone.now() + timedelta(minutes=2))
    assert Notification.objects.count() == count


def test_the_team_is_rated_on_the_trusts_local_competency_beside_the_national_ones(manager):
    framework = selectors.published_framework()
    local = framework.competencies.get(organisation=manager.organisation)
    for kind in (Assessment.Kind.SELF, Assessment.Kind.FEEDBACK_360):
        latest = Assessment.objects.filter(person=manager, kind=kind, status="submitted").order_by(
            "-round_number").first()
        assert latest.ratings.filter(competency=local).exists(), kind
    report = manager.reports.order_by("employee_number").first()
    rated = Assessment.objects.get(person=report, kind=Assessment.Kind.LINE_MANAGER, round_number=1)
    assert rated.ratings.count() == selectors.assessed_competencies(framework, report).count()
    assert next(r for r in selectors.gap_rows(manager, framework) if r.competency == local).self_rating


def test_the_managers_cycle_has_an_action_linked_to_a_catalogue_course(manager):
    from training.models import Course

    action = Action.objects.get(cycle__person=manager, cycle__status="active", course_id__isnull=False)
    course = Course.objects.get(public_id=action.course_id)
    assert course.title in action.title and course.runs.filter(cancelled=False).exists()


def test_the_demo_trust_has_countersigned_and_withdrawn_appraisals(manager):
    from appraisal.models import Appraisal

    appraisals = Appraisal.objects.filter(organisation=manager.organisation)
    assert appraisals.filter(state="countersigned", countersigned_at__isnull=False).exists()
    withdrawn = appraisals.get(state="withdrawn")
    assert withdrawn.withdrawn_reason and not withdrawn.appraisee.active and withdrawn.appraisee.left_on


def test_a_second_run_adds_nothing(manager):
    assert development.seed() == {"assessments": 0, "feedback_rounds": 0, "needs": 0, "cycles": 0}
