"""The demo manager's team at work: assessment rounds, 360 feedback, plans and 90-day cycles.

The demo manager (manager@demo.nhs.uk) and their first four direct reports each get:
- self-assessment rounds (two for the manager and the first two reports, so the gap view's trend
  shows), and the manager's line-manager ratings of each report (two rounds for the first two),
  on the national competencies and the demo acute trust's local one;
- for the manager, a released 360 round (four colleagues answered) and an open one collecting answers;
- a development plan with a career aspiration and needs in each state: open, met, dropped and
  carried over, each closed one with a note;
- a 90-day cycle at day 45 (the manager, after a reviewed cycle whose actions show what was done),
  10, 80, 100 (review due) and 110 (review overdue: the first sweep tells the manager), with
  check-ins recorded and overdue, so the first reminder sweep sends reminders.
Writes go through the development services, except where the service needs the person's own login,
which the demo's reports do not have (their self-assessments and check-ins), and the 360 invitations
(written as sent: the demo emails nobody). Only what is missing is written: a second run changes nothing.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from leadership.demo import pathways
from leadership.development import selectors, services
from leadership.models import (
    ActionCycle,
    Assessment,
    Competency,
    DevelopmentNeed,
    Person,
    RaterInvitation,
    Rating,
    User,
)

SEED = 2019
MANAGER_EMAIL = "manager@demo.nhs.uk"
REPORTS = 4  # direct reports brought into the demo
ROUND_GAP_DAYS = 180  # the first round was half a year before the second
TWO_ROUNDS = 3  # the manager and the first two reports have two rounds
# The day each person's current cycle has reached: the manager's, then each report's.
CYCLE_DAYS_IN = (45, 10, 80, 100, 110)
FOCUS = "Build the team's confidence with quality improvement"
PREVIOUS_FOCUS = "Settle the new rota and hold regular one-to-ones"
PROGRESS = "Ran the first improvement huddle; two ideas are being tried on the ward."
ASPIRATION = "To lead a larger service within three years, starting with a matron or service manager post."
# (description, status, note): one need in each state.
NEEDS = (
    ("Have more open conversations about performance", DevelopmentNeed.Status.OPEN, ""),
    ("Lead the team through the next change", DevelopmentNeed.Status.CARRIED_OVER,
     "Carried over: the ward move was postponed to next quarter."),
    ("Build a budget for the service", DevelopmentNeed.Status.MET,
     "Met: drafted this year's budget with the finance business partner."),
    ("Learn the new e-rostering system", DevelopmentNeed.Status.DROPPED,
     "Dropped: the trust chose to keep the current system."),
)
RATERS_ANSWERED = 4  # the manager's released 360 round


def seed() -> dict:
    """Write the missing parts of the demo manager's team's development. Returns counts added."""
    added = {"assessments": 0, "feedback_rounds": 0, "needs": 0, "cycles": 0}
    user = User.objects.filter(email=MANAGER_EMAIL).select_related("person").first()
    framework = selectors.published_framework()
    manager = getattr(user, "person", None) if user is not None else None
    if manager is None or framework is None:
        return added
    reports = list(Person.objects.filter(line_manager=manager, active=True)
                   .order_by("employee_number")[:REPORTS])
    # The trust's local competency first, so the team is rated on it beside the national ones.
    pathways.ensure_local_competency(framework, manager.organisation)
    competencies = list(selectors.assessed_competencies(framework, manager).order_by("id"))
    rng = random.Random(SEED)
    for index, person in enumerate([manager, *reports]):
        # Drawn every run, so a second run makes the same choices.
        first = {c.id: rng.randint(1, 3) for c in competencies}
        later = {cid: min(4, level + rng.randint(0, 1)) for cid, level in first.items()}
        rounds = [first, later] if index < TWO_ROUNDS else [first]
        added["assessments"] += _self_rounds(user, manager, person, framework, rounds)
        if person != manager:
            added["assessments"] += _manager_rounds(user, person, framework, rounds)
        added["needs"] += _plan(user, person, weakest=sorted(competencies, key=lambda c: (first[c.id], c.id)))
        if not ActionCycle.objects.filter(person=person).exists():
            _cycles(user, person, days_in=CYCLE_DAYS_IN[index], own_login=person == manager)
            added["cycles"] += 1
    added["feedback_rounds"] += _feedback(user, manager, reports, framework, competencies, rng)
    return added


def _backdate(assessment: Assessment, days_ago: int) -> None:
    when = timezone.now() - timedelta(days=days_ago)
    Assessment.objects.filter(id=assessment.id).update(created_at=when, submitted_at=when, updated_at=when)


def _self_rounds(user: User, manager: Person, person: Person, framework, rounds: list[dict]) -> int:
    """The person's self-assessment rounds that are missing, oldest first."""
    have = Assessment.objects.filter(person=person, kind=Assessment.Kind.SELF).count()
    for number, levels in enumerate(rounds[have:], start=have + 1):
        days_ago = ROUND_GAP_DAYS * (len(rounds) - number)
        if person == manager:
            if number > 1:
                services.assessment_round_start(actor=user, person=person, kind=Assessment.Kind.SELF,
                                                framework=framework)
            assessment = services.assessment_save(
                actor=user, person=person, kind=Assessment.Kind.SELF, framework=framework,
                ratings={cid: (level, "") for cid, level in levels.items()}, submit=True)
        else:  # the report has no login to act with: the rows the service would write for them
            assessment = Assessment.objects.create(
                person=person, framework=framework, kind=Assessment.Kind.SELF, round_number=number,
                status=Assessment.Status.SUBMITTED, submitted_at=timezone.now())
            Rating.objects.bulk_create(Rating(assessment=assessment, competency=Competency(id=cid),
                                              level=Decimal(level)) for cid, level in levels.items())
        if days_ago:
            _backdate(assessment, days_ago)
    return max(0, len(rounds) - have)


def _manager_rounds(user: User, person: Person, framework, rounds: list[dict]) -> int:
    """The manager's ratings of a report, one round per self-assessment round."""
    kind = Assessment.Kind.LINE_MANAGER
    have = Assessment.objects.filter(person=person, kind=kind).count()
    for number, levels in enumerate(rounds[have:], start=have + 1):
        if number > 1:
            services.assessment_round_start(actor=user, person=person, kind=kind, framework=framework)
        assessment = services.assessment_save(
            actor=user, person=person, kind=kind, framework=framework, submit=True,
            ratings={cid: (max(1, level - (cid % 2)), "") for cid, level in levels.items()})
        days_ago = ROUND_GAP_DAYS * (len(rounds) - number)
        if days_ago:
            _backdate(assessment, days_ago)
    return max(0, len(rounds) - have)


def _plan(user: User, person: Person, weakest: list[Competency]) -> int:
    """The plan's aspiration and one need in each state; only the missing ones are added."""
    plan = services.plan_for(person)
    if not plan.aspiration:
        services.plan_aspiration_update(actor=user, person=person, aspiration=ASPIRATION)
    have = set(plan.needs.values_list("description", flat=True))
    added = 0
    for (description, status, note), competency in zip(NEEDS, weakest, strict=False):
        if description in have:
            continue
        need = services.need_create(actor=user, person=person, description=description, competency=competency)
        if status != DevelopmentNeed.Status.OPEN:
            services.need_set_status(actor=user, need=need, status=status, note=note)
        added += 1
    return added


def _cycles(user: User, person: Person, *, days_in: int, own_login: bool) -> None:
    """The current cycle at `days_in` (after a reviewed one, for the manager), its action and the
    check-ins recorded: all but the latest one due, which stays overdue for the reminder sweep."""
    today = timezone.localdate()
    starts_on = today - timedelta(days=days_in)
    plan = services.plan_for(person)
    need = plan.needs.filter(status__in=DevelopmentNeed.LIVE).order_by("id").first()
    if own_login:
        previous = services.cycle_start(actor=user, focus=PREVIOUS_FOCUS, person=person,
                                        starts_on=starts_on - timedelta(days=90))
        services.action_create(actor=user, cycle=previous, title="Agree the new rota with the team",
                               due_on=starts_on - timedelta(days=60), need=None)
        done = previous.actions.get()
        services.action_update(actor=user, action=done, status="done")
        services.action_create(actor=user, cycle=previous, title="Hold a one-to-one with each report",
                               due_on=starts_on - timedelta(days=10), need=need)
        for check_in in previous.check_ins.all():
            services.check_in_record(actor=user, check_in=check_in, progress="On track.")
        cycle = services.cycle_review(actor=user, cycle=previous, today=starts_on,
                                      summary="The rota is settled; one-to-ones continue.", next_focus=FOCUS)
    else:
        cycle = services.cycle_start(actor=user, focus=FOCUS, starts_on=starts_on, person=person)
    services.action_create(actor=user, cycle=cycle, title="Shadow a senior colleague's team meeting",
                           due_on=today + timedelta(days=14), need=need)
    due = [c for c in cycle.check_ins.order_by("day") if c.due_on < today]
    for check_in in due[:-1]:
        _record(user, check_in, own_login)
    if own_login and due:  # the manager records theirs; their reports' latest stays overdue
        _record(user, due[-1], own_login)


def _record(user: User, check_in, own_login: bool) -> None:
    if own_login:
        services.check_in_record(actor=user, check_in=check_in, progress=PROGRESS)
        return
    # No login of their own: what check_in_record writes for them.
    check_in.progress, check_in.recorded_at, check_in.next_reminder_at = PROGRESS, timezone.now(), None
    check_in.save(update_fields=["progress", "recorded_at", "next_reminder_at"])


def _feedback(user: User, manager: Person, reports: list[Person], framework, competencies, rng) -> int:
    """The manager's released 360 round (four colleagues answered) and an open one with one answer."""
    if Assessment.objects.filter(person=manager, kind=Assessment.Kind.FEEDBACK_360).exists():
        return 0
    peers = list(Person.objects.filter(organisation_id=manager.organisation_id, active=True,
                                       line_manager_id=manager.line_manager_id)
                 .exclude(id=manager.id).exclude(work_email="").order_by("employee_number")[:2])
    raters = [(p, RaterInvitation.Relationship.REPORT) for p in reports if p.work_email] + [
        (p, RaterInvitation.Relationship.PEER) for p in peers]
    if len(raters) < RATERS_ANSWERED:
        return 0
    released = _round(user, manager, framework, raters[:RATERS_ANSWERED], competencies, rng, answered=4)
    services.feedback_round_close(actor=user, assessment=released)
    _backdate(released, ROUND_GAP_DAYS // 2)
    _round(user, manager, framework, raters[:3], competencies, rng, answered=1)
    return 2


def _round(user, manager, framework, raters, competencies, rng, *, answered: int) -> Assessment:
    assessment = Assessment.objects.create(
        person=manager, framework=framework, kind=Assessment.Kind.FEEDBACK_360,
        round_number=services.next_round_number(manager, Assessment.Kind.FEEDBACK_360))
    for number, (rater, relationship) in enumerate(raters):
        invitation = RaterInvitation.objects.create(
            assessment=assessment, rater=rater, email=rater.work_email.lower(), relationship=relationship,
            invited_by=user, email_sent_at=timezone.now())  # written as sent: the demo emails nobody
        if number < answered:
            services.rater_answer(invitation=invitation,
                                  ratings={c.id: rng.randint(2, 4) for c in competencies})
    return assessment
