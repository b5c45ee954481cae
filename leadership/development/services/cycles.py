"""The 90-day cycle: start, actions (linked to needs, catalogue courses or objectives), check-ins,
and the review that closes it and opens the next. Its reminders are swept (development.reminders)."""

from datetime import date, timedelta
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from leadership import access
from leadership.dates import require_dates_in_range
from leadership.development import courses, reminders
from leadership.models import (
    CHECK_IN_DAYS,
    CYCLE_DAYS,
    Action,
    ActionCycle,
    CheckIn,
    DevelopmentNeed,
    Organisation,
    Person,
    User,
)


def _schedule_check_ins(cycle: ActionCycle) -> None:
    rows = []
    for day in CHECK_IN_DAYS:
        due_on = cycle.starts_on + timedelta(days=day)
        stage, at = reminders.first_reminder_at(due_on)
        rows.append(CheckIn(cycle=cycle, day=day, due_on=due_on, reminder_stage=stage, next_reminder_at=at))
    CheckIn.objects.bulk_create(rows)


@transaction.atomic
def cycle_start(
    *,
    actor: User,
    focus: str,
    starts_on: date,
    person: Person | None = None,
    organisation: Organisation | None = None,
    previous: ActionCycle | None = None,
) -> ActionCycle:
    """Open a 90-day cycle for a person, or for an organisation (training coordination)."""
    if (person is None) == (organisation is None):
        raise ValueError("A cycle belongs to a person or to an organisation.")
    if organisation is not None and not access.can_manage_organisation(actor, organisation):
        raise PermissionDenied("Only the organisation's HR admins run its own cycles.")
    # In range, so the day-90 check-in and the cycle's end are real dates.
    require_dates_in_range(starts_on=starts_on)
    try:
        with transaction.atomic():
            cycle = ActionCycle.objects.create(
                person=person,
                organisation=person.organisation if person else organisation,
                focus=focus,
                starts_on=starts_on,
                previous=previous,
                review_reminder_at=reminders.review_reminder_at(starts_on + timedelta(days=CYCLE_DAYS), 0),
            )
    except IntegrityError:
        raise ValidationError("There is already an active 90-day cycle: review it first.") from None
    _schedule_check_ins(cycle)
    return cycle


def _require_catalogue_course(course_id: UUID | None) -> None:
    if course_id is not None and course_id not in courses.describe([course_id]):
        raise ValidationError({"course": "Choose a course from the training catalogue."})


@transaction.atomic
def action_create(
    *,
    actor: User,
    cycle: ActionCycle,
    title: str,
    due_on: date,
    owner: Person | None = None,
    need: DevelopmentNeed | None = None,
    course_id: UUID | None = None,
    objective_id: UUID | None = None,
) -> Action:
    if cycle.status != ActionCycle.Status.ACTIVE:
        raise ValidationError("A closed cycle cannot take new actions.")
    require_dates_in_range(due_on=due_on)
    if need is not None and (cycle.person_id is None or need.plan.person_id != cycle.person_id):
        raise ValidationError("Link a need from the same person's development plan.")
    _require_catalogue_course(course_id)
    action = Action.objects.create(
        cycle=cycle,
        title=title,
        due_on=due_on,
        owner=owner or cycle.person,
        need=need,
        course_id=course_id,
        objective_id=objective_id,
    )
    cycle.save(update_fields=["updated_at"])
    return action


UNCHANGED = object()  # action_update's course_id when the form does not touch the course


@transaction.atomic
def action_update(
    *, actor: User, action: Action, status: str, title: str | None = None, due_on: date | None = None,
    course_id=UNCHANGED,
) -> Action:
    require_dates_in_range(due_on=due_on)
    if status not in Action.Status.values:
        raise ValidationError({"status": "Choose the action's status."})
    fields = ["status", "title", "due_on"]
    if course_id is not UNCHANGED and course_id != action.course_id:
        _require_catalogue_course(course_id)
        action.course_id = course_id
        fields.append("course_id")
    action.status = status
    action.title = title or action.title
    action.due_on = due_on or action.due_on
    action.save(update_fields=fields)
    action.cycle.save(update_fields=["updated_at"])
    return action


@transaction.atomic
def action_delete(*, actor: User, action: Action) -> None:
    cycle = action.cycle
    action.delete()
    cycle.save(update_fields=["updated_at"])


@transaction.atomic
def check_in_record(*, actor: User, check_in: CheckIn, progress: str) -> CheckIn:
    """The cycle's owner records progress; no further reminders for this check-in."""
    owner = access.own_person(actor)
    if check_in.cycle.person_id is None or owner is None or owner.id != check_in.cycle.person_id:
        raise PermissionDenied("Only the person records their own check-in.")
    check_in = CheckIn.objects.select_for_update().get(id=check_in.id)
    check_in.progress, check_in.recorded_at, check_in.recorded_by = progress, timezone.now(), actor
    check_in.next_reminder_at = None
    check_in.save(update_fields=["progress", "recorded_at", "recorded_by", "next_reminder_at"])
    check_in.cycle.save(update_fields=["updated_at"])
    return check_in


@transaction.atomic
def check_in_comment(*, actor: User, check_in: CheckIn, comment: str) -> CheckIn:
    person = check_in.cycle.person
    if person is None or not access.reports(actor).filter(id=person.id).exists():
        raise PermissionDenied("Only the person's line manager can comment.")
    check_in.manager_comment, check_in.commented_at, check_in.commented_by = comment, timezone.now(), actor
    check_in.save(update_fields=["manager_comment", "commented_at", "commented_by"])
    check_in.cycle.save(update_fields=["updated_at"])
    return check_in


@transaction.atomic
def cycle_review(
    *, actor: User, cycle: ActionCycle, summary: str, next_focus: str, today: date | None = None
) -> ActionCycle:
    """Close the cycle and open the next, carrying its unfinished actions over. Returns the next."""
    cycle = ActionCycle.objects.select_for_update().get(id=cycle.id)
    if cycle.status != ActionCycle.Status.ACTIVE:
        raise ValidationError("This cycle has already been reviewed.")
    cycle.status, cycle.review_summary, cycle.closed_at = ActionCycle.Status.CLOSED, summary, timezone.now()
    cycle.review_reminder_at = None
    cycle.save(update_fields=["status", "review_summary", "closed_at", "review_reminder_at"])
    cycle.check_ins.update(next_reminder_at=None)
    today = today or timezone.localdate()
    starts_on = max(today, cycle.ends_on)
    following = cycle_start(
        actor=actor,
        focus=next_focus or cycle.focus,
        starts_on=starts_on,
        person=cycle.person,
        organisation=cycle.organisation if cycle.person is None else None,
        previous=cycle,
    )
    for action in cycle.actions.filter(status__in=Action.UNFINISHED):
        Action.objects.create(
            cycle=following,
            title=action.title,
            owner=action.owner,
            due_on=max(action.due_on, starts_on),
            status=action.status,
            need=action.need,
            course_id=action.course_id,
            objective_id=action.objective_id,
            carried_from=action,
        )
    return following
