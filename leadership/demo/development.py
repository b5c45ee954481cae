"""The demo manager's team at work: self-assessments, a development plan with needs, an active cycle.

The demo manager (manager@demo.nhs.uk) and their first four direct reports each get a submitted
self-assessment, two open development needs and a 90-day cycle that started 35 days ago, so the
day-30 check-in is due; the manager records their own, and the first report's is recorded for them.
Writes go through the development services, except where the service needs the person's own login,
which the demo's reports do not have (their self-assessments and check-in). Only what is missing is
written: a second run changes nothing.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from leadership.development import selectors, services
from leadership.models import ActionCycle, Assessment, Competency, Person, Rating, User

SEED = 2019
MANAGER_EMAIL = "manager@demo.nhs.uk"
REPORTS = 4  # direct reports brought into the demo
CYCLE_AGE_DAYS = 35  # so the day-30 check-in is due and can be recorded and commented on
NEEDS = ["Have more open conversations about performance", "Lead the team through the next change"]
FOCUS = "Build the team's confidence with quality improvement"
PROGRESS = "Ran the first improvement huddle; two ideas are being tried on the ward."


def seed() -> dict:
    """Write the missing parts of the demo manager's team's development. Returns counts added."""
    user = User.objects.filter(email=MANAGER_EMAIL).select_related("person").first()
    framework = selectors.published_framework()
    manager = getattr(user, "person", None) if user is not None else None
    if manager is None or framework is None:
        return {"assessments": 0, "needs": 0, "cycles": 0}
    reports = list(Person.objects.filter(line_manager=manager, active=True)
                   .order_by("employee_number")[:REPORTS])
    competencies = list(framework.competencies.order_by("id"))
    rng = random.Random(SEED)
    added = {"assessments": 0, "needs": 0, "cycles": 0}
    for index, person in enumerate([manager, *reports]):
        levels = {c.id: rng.randint(1, 4) for c in competencies}  # drawn every run: same choices each time
        own = Assessment.objects.filter(person=person, framework=framework, kind=Assessment.Kind.SELF)
        if not own.exists():
            _self_assess(user, manager, person, framework, levels)
            added["assessments"] += 1
        plan = services.plan_for(person)
        if not plan.needs.exists():
            weakest = sorted(competencies, key=lambda c: (levels[c.id], c.id))[:len(NEEDS)]
            for description, competency in zip(NEEDS, weakest, strict=False):
                services.need_create(actor=user, person=person, description=description,
                                     competency=competency)
                added["needs"] += 1
        if not ActionCycle.objects.filter(person=person).exists():
            _start_cycle(user, person, plan, records_check_in=person == manager, recorded_for_them=index == 1)
            added["cycles"] += 1
    return added


def _self_assess(user: User, manager: Person, person: Person, framework, levels: dict[int, int]) -> None:
    if person == manager:
        services.assessment_save(actor=user, person=person, kind=Assessment.Kind.SELF, framework=framework,
                                 ratings={cid: (level, "") for cid, level in levels.items()}, submit=True)
        return
    # The report has no login to act with: the rows the service would write for them.
    assessment = Assessment.objects.create(person=person, framework=framework, kind=Assessment.Kind.SELF,
                                           status=Assessment.Status.SUBMITTED, submitted_at=timezone.now())
    Rating.objects.bulk_create(Rating(assessment=assessment, competency=Competency(id=cid),
                                      level=Decimal(level), evidence="") for cid, level in levels.items())


def _start_cycle(user: User, person: Person, plan, *, records_check_in: bool,
                 recorded_for_them: bool) -> None:
    today = timezone.localdate()
    cycle = services.cycle_start(actor=user, focus=FOCUS, starts_on=today - timedelta(days=CYCLE_AGE_DAYS),
                                 person=person)
    need = plan.needs.order_by("id").first()
    services.action_create(actor=user, cycle=cycle, title="Shadow a senior colleague's team meeting",
                           due_on=today + timedelta(days=14), need=need)
    check_in = cycle.check_ins.get(day=30)
    if records_check_in:
        services.check_in_record(actor=user, check_in=check_in, progress=PROGRESS)
    elif recorded_for_them:  # no login of their own: what check_in_record writes for them
        check_in.progress, check_in.recorded_at, check_in.next_reminder_at = PROGRESS, timezone.now(), None
        check_in.save(update_fields=["progress", "recorded_at", "next_reminder_at"])
