"""Demo training data: runs of the reference courses, and a spread of records and ratings.

Call `seed()` after leadership.demo.seed (the lead wires it into `manage.py seed_demo`). It writes
only what is missing (runs keyed by course and start date; records by person, course, date and
the course's title), so a second run changes nothing, whatever other records the database holds.
The providers and courses themselves come from migration 0002.
"""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from leadership.audit import audit_context
from leadership.development import services as development_services
from leadership.models import Action, ActionCycle, ManagementLevel, Person, User
from training.models import Course, CourseRun, Enrolment, Evaluation, TrainingRecord

SEED = 2015
PLACES = ["Leeds", "Manchester", "Birmingham", "London", "Bristol", "Online"]
RECORDS_PER_COURSE = 40


@transaction.atomic
def seed() -> dict:
    rng = random.Random(SEED)
    today = timezone.localdate()
    courses = list(Course.objects.filter(active=True).order_by("code"))
    runs = 0
    for course in courses:
        for weeks in (4, 12, 26):
            starts = today + timedelta(weeks=weeks)
            _, created = CourseRun.objects.get_or_create(
                course=course,
                starts_on=starts,
                defaults={"ends_on": starts + timedelta(days=1), "place": rng.choice(PLACES), "capacity": 12},
            )
            runs += created
    managers = list(
        Person.objects.filter(active=True)
        .exclude(management_level=ManagementLevel.NONE)
        .order_by("id")
        .values_list("id", "organisation_id")[:2000]
    )
    records = 0
    enrolments = _seed_team_enrolments(courses, today)
    course_actions = _seed_course_action(courses, today)
    if not managers:
        return {"runs": runs, "records": 0, "enrolments": enrolments, "course_actions": course_actions}
    with audit_context(actor=None, source="command"):
        for course in courses:
            for n in range(RECORDS_PER_COURSE):
                person_id, organisation_id = rng.choice(managers)
                on = date(today.year - 1, 1, 1) + timedelta(days=(n * 11) % 600)
                status = rng.choices(list(TrainingRecord.Status.values), weights=[1, 8, 1, 1])[0]
                # Other records of the same course and day (an import, a benchmark's rows) may exist:
                # the demo's own is the one with the course's title, and a duplicate is no error.
                key = {"person_id": person_id, "course": course, "on": min(on, today), "title": course.title}
                record = TrainingRecord.objects.filter(**key).order_by("id").first()
                created = record is None
                if created:
                    record = TrainingRecord.objects.create(
                        **key, organisation_id=organisation_id, provider_name=course.provider.name,
                        status=status, hours=course.hours, cost=course.cost,
                        source=TrainingRecord.Source.IMPORT)
                records += created
                # Drawn every time, so a second run makes the same choices as the first.
                rated = rng.random() < 0.6
                scores = rng.randint(3, 5), rng.randint(2, 5), rng.randint(3, 5)
                if created and status == TrainingRecord.Status.COMPLETED and rated:
                    Evaluation.objects.create(record=record, course=course, content=scores[0],
                                              delivery=scores[1], relevance=scores[2], comment="")
    return {"runs": runs, "records": records, "enrolments": enrolments, "course_actions": course_actions}


DEMO_MANAGER_EMAIL = "manager@demo.nhs.uk"


def _seed_team_enrolments(courses: list[Course], today: date) -> int:
    """The demo manager's team holds an enrolment in each state: two confirmed places and one on the
    waiting list of a full run, a request waiting for the manager, one declined, and one closed when
    its run was cancelled."""
    reports = list(Person.objects.filter(line_manager__user__email=DEMO_MANAGER_EMAIL, active=True)
                   .order_by("employee_number")[:4])
    if len(reports) < 4 or len(courses) < 3:
        return 0
    full_starts = today + timedelta(weeks=6)
    full_run, _ = CourseRun.objects.get_or_create(
        course=courses[0], starts_on=full_starts,
        defaults={"ends_on": full_starts, "place": "Leeds", "capacity": 2})
    open_run = courses[1].runs.filter(cancelled=False, starts_on__gt=today).order_by("starts_on").first()
    cancelled_starts = today + timedelta(weeks=8)
    cancelled_run, _ = CourseRun.objects.get_or_create(
        course=courses[2], starts_on=cancelled_starts,
        defaults={"ends_on": cancelled_starts, "place": "Manchester", "capacity": 12, "cancelled": True})
    now = timezone.now()
    wanted = [
        (full_run, reports[0], Enrolment.Status.ENROLLED, ""),
        (full_run, reports[1], Enrolment.Status.ENROLLED, ""),
        (full_run, reports[2], Enrolment.Status.WAITLISTED, ""),
        (open_run, reports[0], Enrolment.Status.REQUESTED, ""),
        (open_run, reports[3], Enrolment.Status.DECLINED, "The team is short-staffed that week."),
        (cancelled_run, reports[1], Enrolment.Status.CANCELLED, "The trainer is unavailable."),
    ]
    created_count = 0
    with audit_context(actor=None, source="command"):
        for run, person, status, reason in wanted:
            decided = status != Enrolment.Status.REQUESTED
            _, created = Enrolment.objects.get_or_create(run=run, person=person, defaults={
                "status": status, "decision_reason": reason, "decided_at": now if decided else None,
                "queued_at": now if decided else None})
            created_count += created
    return created_count


def _seed_course_action(courses: list[Course], today: date) -> int:
    """The demo manager's 90-day cycle has an action linked to a catalogue course (chosen as the
    action page would: the course's public id), so the cycle shows the course and its next run."""
    user = User.objects.filter(email=DEMO_MANAGER_EMAIL).select_related("person").first()
    person = getattr(user, "person", None) if user is not None else None
    if person is None or Action.objects.filter(cycle__person=person, course_id__isnull=False).exists():
        return 0
    cycle = ActionCycle.objects.filter(person=person, status=ActionCycle.Status.ACTIVE).first()
    if cycle is None:
        return 0
    run = (CourseRun.objects.filter(course__in=courses, cancelled=False, starts_on__gt=today)
           .select_related("course").order_by("starts_on", "course__code").first())
    if run is None:
        return 0
    development_services.action_create(
        actor=user, cycle=cycle, title=f"Attend {run.course.title}", due_on=run.ends_on or run.starts_on,
        course_id=run.course.public_id)
    return 1
