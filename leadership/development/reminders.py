"""Check-in reminders: when each falls due, and the sweep that sends the due ones exactly once.

Reminder state is in PostgreSQL (CheckIn.reminder_stage, CheckIn.next_reminder_at), never in the
broker. Beat runs `sweep()` every few minutes; it claims due check-ins with SELECT ... FOR UPDATE
SKIP LOCKED, so sweeps running at once share the work, writes one Notification per (cycle,
milestone, recipient) key, and moves each check-in on to its next reminder in the same transaction.
Emails are queued only after that commits. A sweep that never ran is caught up by the next one.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from leadership import access
from leadership.models import REVIEW_LAPSE_DAYS, REVIEW_OVERDUE_DAYS, ActionCycle, CheckIn, User
from leadership.notifications import Message, notify_many

LONDON = ZoneInfo("Europe/London")
SEND_AT = time(8, 0)  # reminders go out at 08:00 UK time, GMT or BST
BATCH = 1000


@dataclass(frozen=True)
class Milestone:
    name: str
    offset_days: int  # from the check-in's due date
    to_manager: bool = False

    def title(self, day: int) -> str:
        return {
            "due-in-7-days": f"Your day {day} check-in is due in 7 days",
            "due-tomorrow": f"Your day {day} check-in is due tomorrow",
            "due-today": f"Your day {day} check-in is due today",
            "overdue": f"Your day {day} check-in is overdue",
            "overdue-7-days": f"A day {day} check-in is 7 days overdue",
        }[self.name]


MILESTONES = (
    Milestone("due-in-7-days", -7),
    Milestone("due-tomorrow", -1),
    Milestone("due-today", 0),
    Milestone("overdue", 1),
    Milestone("overdue-7-days", 7, to_manager=True),
)


def reminder_at(due_on: date, stage: int) -> datetime | None:
    """The moment of the stage-th reminder for a check-in due on a UK local date (None after the last)."""
    if stage >= len(MILESTONES):
        return None
    local_day = due_on + timedelta(days=MILESTONES[stage].offset_days)
    return datetime.combine(local_day, SEND_AT, tzinfo=LONDON)


def first_reminder_at(due_on: date, now: datetime | None = None) -> tuple[int, datetime | None]:
    """(stage, moment) of the first reminder still ahead when a check-in is scheduled."""
    now = now or timezone.now()
    stage = 0
    # A cycle started late (its day-30 check-in under 7 days away) starts at the next milestone.
    while stage < len(MILESTONES) - 1 and reminder_at(due_on, stage + 1) <= now:
        stage += 1
    return stage, reminder_at(due_on, stage)


def _recipients(check_in: CheckIn, milestone: Milestone, hr_admins: dict[int, list[User]]) -> list[User]:
    cycle = check_in.cycle
    if cycle.person is None:  # an organisation's own cycle: its HR admins are told
        return hr_admins.get(cycle.organisation_id, [])
    person = cycle.person
    if milestone.to_manager:
        manager = person.line_manager
        return [manager.user] if manager is not None and manager.user is not None else []
    return [person.user] if person.user is not None else []


def _messages(check_in: CheckIn, due: list[Milestone], hr_admins) -> list[Message]:
    # Only the latest of the person's due reminders is worth sending after a gap in sweeps; the
    # line manager's reminder is always sent.
    own = [m for m in due if not m.to_manager][-1:]
    wanted = own + [m for m in due if m.to_manager]
    cycle = check_in.cycle
    link = reverse("development:check_in", args=[cycle.public_id, check_in.day])
    subject = cycle.person.full_name if cycle.person else cycle.organisation.name
    messages = []
    for milestone in wanted:
        for user in _recipients(check_in, milestone, hr_admins):
            title = milestone.title(check_in.day)
            if milestone.to_manager:
                title = f"{subject}'s day {check_in.day} check-in is 7 days overdue"
            messages.append(
                Message(
                    recipient=user,
                    key=f"cycle:{cycle.public_id}:checkin-{check_in.day}:{milestone.name}:user:{user.public_id}",
                    kind="checkin-reminder",
                    title=title,
                    body=f'The day {check_in.day} check-in of the 90-day cycle "{cycle.focus}" '
                    f"is due on {check_in.due_on:%-d %B %Y}.",
                    link=link,
                )
            )
    return messages


def sweep_batch(*, now: datetime | None = None, batch: int = BATCH) -> int:
    """Claim up to `batch` due check-ins, record their reminders, move them on. Returns rows handled."""
    now = now or timezone.now()
    with transaction.atomic():
        check_ins = list(
            CheckIn.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(next_reminder_at__lte=now)
            .select_related("cycle__person__user", "cycle__person__line_manager__user", "cycle__organisation")
            .order_by("next_reminder_at")[:batch]
        )
        if not check_ins:
            return 0
        org_ids = {c.cycle.organisation_id for c in check_ins if c.cycle.person_id is None}
        hr_admins = access.hr_admins_by_organisation(org_ids) if org_ids else {}
        messages = []
        for check_in in check_ins:
            due = []
            stage = check_in.reminder_stage
            if not check_in.recorded and check_in.cycle.status == "active":
                while stage < len(MILESTONES) and reminder_at(check_in.due_on, stage) <= now:
                    due.append(MILESTONES[stage])
                    stage += 1
                messages += _messages(check_in, due, hr_admins)
                check_in.reminder_stage, check_in.next_reminder_at = (
                    stage,
                    reminder_at(check_in.due_on, stage),
                )
            else:
                check_in.next_reminder_at = None
        notify_many(messages)
        CheckIn.objects.bulk_update(check_ins, ["reminder_stage", "next_reminder_at"], batch_size=BATCH)
        return len(check_ins)


def sweep(*, now: datetime | None = None, batch: int = BATCH) -> int:
    """One sweep: every check-in and cycle review due now, in batches of their own transaction.
    Returns rows handled."""
    now = now or timezone.now()
    handled = 0
    for one_batch in (sweep_batch, review_sweep_batch):
        while True:
            done = one_batch(now=now, batch=batch)
            handled += done
            if done < batch:
                break
    return handled


# The review: from day 90 it is due (the person's to-do list); REVIEW_OVERDUE_DAYS later the cycle is
# "review overdue" and the line manager is told; REVIEW_LAPSE_DAYS after day 90 an unreviewed cycle
# is closed, so no cycle stays active for ever. Same state-in-PostgreSQL, claim-and-move-on rules.
REVIEW_MILESTONES = (("review-overdue", REVIEW_OVERDUE_DAYS), ("review-lapsed", REVIEW_LAPSE_DAYS))
LAPSED_SUMMARY = f"Closed without a review, {REVIEW_LAPSE_DAYS} days after its review date."


def review_reminder_at(review_on: date, stage: int) -> datetime | None:
    """The moment of the stage-th review milestone of a cycle reviewed on review_on (day 90)."""
    if stage >= len(REVIEW_MILESTONES):
        return None
    day = review_on + timedelta(days=REVIEW_MILESTONES[stage][1])
    return datetime.combine(day, SEND_AT, tzinfo=LONDON)


def _review_messages(cycle: ActionCycle, due: list[str], hr_admins) -> list[Message]:
    person = cycle.person
    subject = person.full_name if person else cycle.organisation.name
    link = reverse("development:cycle_review", args=[cycle.public_id])
    if person is None:
        told = hr_admins.get(cycle.organisation_id, [])
    else:
        manager = person.line_manager
        told = [manager.user] if manager is not None and manager.user is not None else []
    messages = []
    for name in due:
        recipients = list(told)
        if name == "review-lapsed" and person is not None and person.user is not None:
            recipients.append(person.user)
        for user in recipients:
            if name == "review-overdue":
                title = f"{subject}'s 90-day cycle review is overdue"
                body = (f'The review of the 90-day cycle "{cycle.focus}" was due on '
                        f"{cycle.ends_on:%-d %B %Y}. Reviewing it closes the cycle and opens the next.")
            else:
                title = f"{subject}'s 90-day cycle closed without a review"
                body = (f'The 90-day cycle "{cycle.focus}" was not reviewed within {REVIEW_LAPSE_DAYS} days '
                        "of its review date and is closed. Start a new cycle from the development pages.")
            messages.append(Message(
                recipient=user, key=f"cycle:{cycle.public_id}:{name}:user:{user.public_id}",
                kind="cycle-review", title=title, body=body, link=link,
            ))
    return messages


def _close_lapsed(cycle: ActionCycle, now: datetime) -> None:
    cycle.status, cycle.closed_at, cycle.review_summary = ActionCycle.Status.CLOSED, now, LAPSED_SUMMARY
    cycle.save(update_fields=["status", "closed_at", "review_summary"])
    CheckIn.objects.filter(cycle=cycle).update(next_reminder_at=None)


def review_sweep_batch(*, now: datetime | None = None, batch: int = BATCH) -> int:
    """Claim up to `batch` cycles whose review milestone is due, tell whom it concerns, move them on."""
    now = now or timezone.now()
    with transaction.atomic():
        cycles = list(
            ActionCycle.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(review_reminder_at__lte=now)
            .select_related("person__user", "person__line_manager__user", "organisation")
            .order_by("review_reminder_at")[:batch]
        )
        if not cycles:
            return 0
        org_ids = {c.organisation_id for c in cycles if c.person_id is None}
        hr_admins = access.hr_admins_by_organisation(org_ids) if org_ids else {}
        messages = []
        for cycle in cycles:
            stage, due = cycle.review_reminder_stage, []
            if cycle.status == ActionCycle.Status.ACTIVE:
                while stage < len(REVIEW_MILESTONES) and review_reminder_at(cycle.ends_on, stage) <= now:
                    due.append(REVIEW_MILESTONES[stage][0])
                    stage += 1
                messages += _review_messages(cycle, due, hr_admins)
                if "review-lapsed" in due:
                    _close_lapsed(cycle, now)
            cycle.review_reminder_stage = stage
            cycle.review_reminder_at = (review_reminder_at(cycle.ends_on, stage)
                                        if cycle.status == ActionCycle.Status.ACTIVE else None)
        notify_many(messages)
        ActionCycle.objects.bulk_update(cycles, ["review_reminder_stage", "review_reminder_at"],
                                        batch_size=BATCH)
        return len(cycles)
