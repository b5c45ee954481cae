"""Recording a merger: validated, shown before it is done (merger_preview), then done at once."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from leadership import access, events
from leadership.api_clients import api_client_revoke
from leadership.audit import audit_context
from leadership.dates import require_dates_in_range
from leadership.models import (
    FOOTPRINT_KINDS,
    ActionCycle,
    ApiClient,
    Assessment,
    DevelopmentPlan,
    Organisation,
    OrganisationMerger,
    Person,
    User,
)


@dataclass(frozen=True)
class MergerPreview:
    """What recording the merger will change, for the confirmation page."""

    people: int
    api_clients: int
    children: int


def merger_preview(predecessor: Organisation) -> MergerPreview:
    return MergerPreview(
        people=Person.objects.filter(organisation=predecessor).count(),
        api_clients=ApiClient.objects.filter(organisation=predecessor, revoked_at__isnull=True).count(),
        children=Organisation.objects.filter(parent=predecessor, active=True).count(),
    )


def merger_validate(predecessor: Organisation, successor: Organisation, dissolved_on: date,
                    reason: str) -> None:
    require_dates_in_range(dissolved_on=dissolved_on)
    errors = {}
    if predecessor.id == successor.id:
        errors["successor"] = "An organisation cannot succeed itself: choose another successor."
    elif not predecessor.active:
        errors["predecessor"] = f"{predecessor.name} is already dissolved."
    elif not successor.active:
        errors["successor"] = f"{successor.name} is dissolved: choose the one that took over from it."
    elif (predecessor.kind in FOOTPRINT_KINDS) != (successor.kind in FOOTPRINT_KINDS):
        errors["successor"] = "A trust is succeeded by a trust, and an ICB, CCG or region by a footprint."
    if dissolved_on > timezone.localdate():
        errors["dissolved_on"] = "Record a merger on or after the day it happens."
    if not reason.strip():
        errors["reason"] = "Say why, for example the order or decision that merged them."
    if errors:
        raise ValidationError(errors)


def _require_no_clash(predecessor: Organisation, successor: Organisation) -> None:
    taken = Person.objects.filter(organisation=successor, employee_number__in=Person.objects.filter(
        organisation=predecessor).values("employee_number")).values_list("employee_number", flat=True)
    clashes = sorted(taken)[:5]
    if clashes:
        raise ValidationError({"move_people": f"{successor.name} already has staff with the employee "
                                              f"numbers {', '.join(clashes)}: leave the records for the "
                                              f"next ESR import."})


def _merged_reach(predecessor: Organisation) -> frozenset[int]:
    """The organisations whose records start to read under the successor: A, those merged into A before,
    and for a footprint every organisation under it."""
    if predecessor.kind in FOOTPRINT_KINDS:
        return frozenset(access.organisations_under({predecessor.id}))
    return access.with_predecessors({predecessor.id})


def _touch_history(predecessor: Organisation, successor: Organisation, now) -> None:
    """Bump the dissolved organisation's rows so clients' delta pulls bring them under the successor;
    each area above the core bumps its own (events.organisation_merged, sent here, before staff move)."""
    organisation_ids = _merged_reach(predecessor)
    staff = Person.objects.filter(organisation_id__in=access.with_predecessors({predecessor.id}))
    Organisation.objects.filter(id__in=organisation_ids).update(updated_at=now)
    staff.update(updated_at=now)
    Assessment.objects.filter(person__in=staff).update(updated_at=now)
    DevelopmentPlan.objects.filter(person__in=staff).update(updated_at=now)
    ActionCycle.objects.filter(Q(person__in=staff) | Q(organisation_id__in=organisation_ids)).update(
        updated_at=now)
    events.organisation_merged.send(sender=OrganisationMerger, predecessor=predecessor, successor=successor,
                                    organisation_ids=organisation_ids, staff=staff, stamped_at=now)


@transaction.atomic
def organisation_merge(*, actor: User, predecessor: Organisation, successor: Organisation, dissolved_on: date,
                       move_people: bool, reason: str) -> OrganisationMerger:
    """A is dissolved into B: A closes with B as its successor, its staff move to B now (or at the next
    ESR import), its API clients are revoked, and the change is recorded with who and why."""
    if not access.may_record_mergers(actor):
        raise PermissionDenied("Only national admins record mergers.")
    predecessor = Organisation.objects.select_for_update().get(pk=predecessor.pk)
    merger_validate(predecessor, successor, dissolved_on, reason)
    now = timezone.now()
    with audit_context(actor=actor, reason=reason.strip()):
        _touch_history(predecessor, successor, now)
        moved = 0
        if move_people:
            _require_no_clash(predecessor, successor)
            moved = Person.objects.filter(organisation=predecessor).update(organisation=successor,
                                                                           updated_at=now)
        revoked = 0
        for client in ApiClient.objects.filter(organisation=predecessor, revoked_at__isnull=True):
            api_client_revoke(actor=actor, client=client)
            revoked += 1
        predecessor.active, predecessor.dissolved_on, predecessor.successor = False, dissolved_on, successor
        predecessor.save(update_fields=["active", "dissolved_on", "successor"])
        merger = OrganisationMerger.objects.create(
            predecessor=predecessor, successor=successor, dissolved_on=dissolved_on, people_moved=moved,
            api_clients_revoked=revoked, reason=reason.strip(), recorded_by=actor)
    return merger
