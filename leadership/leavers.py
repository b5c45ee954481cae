"""Recording a leaver: one service does everything in one transaction, and higher apps join in.

The core closes the person's record, login, invitations and 90-day cycles and hands their direct
reports to new line managers. Higher apps (appraisal, talent pools) register the duties they hold for
the leaver (`register_handovers`, shown on the page with a choice of successor) and act on the
`leadership.events.person_left` signal inside the same transaction, so the core never imports them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from leadership import access
from leadership.audit import audit_context
from leadership.dates import require_dates_in_range, uk_today
from leadership.development.services import feedback_rounds_end_for_leaver
from leadership.events import person_left
from leadership.invitations.services import invitation_revoke
from leadership.models import ActionCycle, Assessment, Invitation, Person, RaterInvitation, User
from leadership.security import user_deactivate
from leadership.services import check_line_manager

LAST_DAY_AHEAD = timedelta(days=366)  # a last day further ahead is a typing slip, not a notice period


@dataclass(frozen=True)
class Handover:
    """A duty the leaver holds in a higher app that someone else must take over."""

    key: str  # the form field's name, unique on the page, and the key of the choice in `handovers`
    section: str  # the heading it is listed under, e.g. "Appraisals"
    label: str  # what is handed over, e.g. "New appraiser for Sam Patel's appraisal (2025/26)"
    initial: Person | None = None


_providers: dict[str, Callable[[Person], list[Handover]]] = {}


def register_handovers(name: str, provider: Callable[[Person], list[Handover]]) -> None:
    """A higher app lists what a leaver hands over (from its AppConfig.ready)."""
    _providers[name] = provider


def handovers_for(person: Person) -> list[Handover]:
    return [item for provider in _providers.values() for item in provider(person)]


def feedback_rounds_to_leave(person: Person) -> list[str]:
    """The open 360 rounds the leaver takes part in, listed on the leaving page: others' rounds they
    were asked to rate (answered or not, so the list never tells whether they answered; unanswered
    invitations are withdrawn) and their own open round, which closes."""
    invited = (RaterInvitation.objects.filter(rater=person, assessment__closed_at__isnull=True,
                                              approval__in=RaterInvitation.SENDABLE)
               .exclude(assessment__person=person).select_related("assessment__person")
               .order_by("assessment__person__last_name", "assessment__created_at"))
    rounds = [f"Rater in {i.assessment.person.full_name}'s 360 round, opened "
              f"{i.assessment.created_at:%-d %B %Y}" for i in invited]
    own = Assessment.objects.filter(person=person, kind=Assessment.Kind.FEEDBACK_360, closed_at__isnull=True)
    rounds += [f"Their own 360 round, opened {a.created_at:%-d %B %Y}: it closes" for a in own]
    return rounds


def reports_to_reassign(person: Person):
    return person.reports.filter(active=True).order_by("last_name", "first_name")


def line_manager_key(report: Person) -> str:
    return f"line_manager_{report.public_id.hex}"


def first_record_day(person: Person) -> date:
    """The earliest day the portal knows the person worked here: when their record began."""
    return timezone.localdate(person.created_at)


def check_last_day(person: Person, last_day: date) -> None:
    require_dates_in_range(last_day=last_day)
    if last_day < first_record_day(person):
        raise ValidationError({"last_day": "The last day cannot be before their record began "
                                           f"({first_record_day(person):%-d %B %Y})."})
    if last_day > uk_today() + LAST_DAY_AHEAD:
        raise ValidationError({"last_day": "The last day must be within a year from today."})


@transaction.atomic
def person_leave(
    *, actor: User, person: Person, last_day: date, reason: str,
    new_line_managers: dict[UUID, Person | None] | None = None,
    handovers: dict[str, Person | None] | None = None,
) -> Person:
    """Record that the person has left on last_day. Direct reports missing from new_line_managers
    (report public id -> new manager) get no line manager; handovers go to the apps that registered them."""
    if not access.may_record_leaver(actor, person):
        raise PermissionDenied("Only the organisation's HR admins record its leavers.")
    person = Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
    if not person.active:
        raise ValidationError(f"{person.full_name} has already left"
                              + (f" (last day {person.left_on:%-d %B %Y})." if person.left_on else "."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why they left: the reason is recorded on everything closed."})
    check_last_day(person, last_day)
    new_line_managers = new_line_managers or {}
    with audit_context(actor=actor, reason=reason):
        _reassign_reports(person, new_line_managers)
        person.active, person.left_on = False, last_day
        person.save(update_fields=["active", "left_on", "updated_at"])
        _close_cycles(person, reason)
        feedback_rounds_end_for_leaver(person=person)
        _close_login(actor, person)
        person_left.send(sender=Person, person=person, actor=actor, reason=reason,
                         handovers=handovers or {})
    return person


def _reassign_reports(person: Person, new_line_managers: dict[UUID, Person | None]) -> None:
    """One report at a time against the stored chain, so two reports made each other's managers fail."""
    for report in reports_to_reassign(person):
        chosen = new_line_managers.get(report.public_id)
        key = line_manager_key(report)
        if chosen is not None:
            chosen = Person.objects.get(pk=chosen.pk)  # fresh: earlier reports on this page have moved
            if chosen.pk == person.pk or not chosen.active:
                raise ValidationError(
                    {key: f"Choose someone staying on as {report.full_name}'s line manager."})
            try:
                check_line_manager(report, chosen)
            except ValidationError as error:
                raise ValidationError({key: error.message_dict["line_manager"]}) from None
        report.line_manager = chosen
        report.save(update_fields=["line_manager", "updated_at"])


def _close_cycles(person: Person, reason: str) -> None:
    now = timezone.now()
    for cycle in ActionCycle.objects.select_for_update().filter(person=person, status="active"):
        cycle.status, cycle.closed_at, cycle.review_reminder_at = ActionCycle.Status.CLOSED, now, None
        cycle.review_summary = f"Closed when {person.full_name} left: {reason}"
        cycle.save(update_fields=["status", "closed_at", "review_summary", "review_reminder_at"])
        cycle.check_ins.update(next_reminder_at=None)


def _close_login(actor: User, person: Person) -> None:
    """No way back in: pending invitations are withdrawn, the login is deactivated, sessions end."""
    for invitation in Invitation.objects.filter(person=person, status=Invitation.Status.PENDING):
        invitation_revoke(actor=actor, invitation=invitation)
    person.refresh_from_db(fields=["user"])
    if person.user is not None and person.user.is_active:
        user_deactivate(actor=actor, user=person.user)
