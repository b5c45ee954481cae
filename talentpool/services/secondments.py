"""Secondments in and out of the NHS (R7), and people flagged as recruited from other sectors."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from leadership.audit import audit_context
from leadership.dates import require_dates_in_range
from leadership.models import Person, SectorBackground, User
from talentpool import access
from talentpool.models import Secondment
from talentpool.services.shared import require, required_reason


def _check_terms(*, starts_on: date, ends_on: date) -> None:
    require_dates_in_range(starts_on=starts_on, ends_on=ends_on)
    if ends_on <= starts_on:
        raise ValidationError({"ends_on": "The secondment must end after it starts."})


@transaction.atomic
def secondment_create(
    *,
    actor: User,
    person: Person,
    direction: str,
    external_sector: str,
    external_organisation: str,
    starts_on: date,
    ends_on: date,
    purpose: str,
) -> Secondment:
    require(access.is_home_hr_admin(actor, person), "Only the person's HR admins record secondments.")
    _check_terms(starts_on=starts_on, ends_on=ends_on)
    return Secondment.objects.create(
        organisation=person.organisation,
        person=person,
        direction=direction,
        external_sector=external_sector,
        external_organisation=external_organisation,
        starts_on=starts_on,
        ends_on=ends_on,
        purpose=purpose,
        created_by=actor,
    )


def _require_open(secondment: Secondment) -> None:
    if secondment.cancelled_on is not None:
        raise ValidationError("This secondment was cancelled: it can no longer be changed.")


@transaction.atomic
def secondment_update(
    *,
    actor: User,
    secondment: Secondment,
    direction: str,
    external_sector: str,
    external_organisation: str,
    starts_on: date,
    ends_on: date,
    purpose: str,
) -> Secondment:
    """Correct or change a secondment's terms; the history keeps each version and who changed it."""
    require(access.is_home_hr_admin(actor, secondment.person),
            "Only the person's HR admins record secondments.")
    _require_open(secondment)
    _check_terms(starts_on=starts_on, ends_on=ends_on)
    secondment.direction, secondment.external_sector = direction, external_sector
    secondment.external_organisation, secondment.purpose = external_organisation, purpose
    secondment.starts_on, secondment.ends_on = starts_on, ends_on
    with audit_context(actor=actor):
        secondment.save(update_fields=["direction", "external_sector", "external_organisation", "purpose",
                                       "starts_on", "ends_on"])
    return secondment


@transaction.atomic
def secondment_cancel(*, actor: User, secondment: Secondment, reason: str) -> Secondment:
    """A secondment that will not go ahead (or stops early) is cancelled with its reason, not deleted."""
    require(access.is_home_hr_admin(actor, secondment.person),
            "Only the person's HR admins record secondments.")
    _require_open(secondment)
    reason = required_reason(reason)
    secondment.cancelled_on, secondment.cancelled_reason = timezone.localdate(), reason
    with audit_context(actor=actor):
        secondment.save(update_fields=["cancelled_on", "cancelled_reason"])
    return secondment


@transaction.atomic
def secondment_record_outcome(*, actor: User, secondment: Secondment, outcome: str) -> Secondment:
    require(access.is_home_hr_admin(actor, secondment.person),
            "Only the person's HR admins record secondments.")
    secondment.outcome = outcome
    with audit_context(actor=actor):
        secondment.save(update_fields=["outcome"])
    return secondment


@transaction.atomic
def external_recruit_flag(*, actor: User, person: Person, sector_background: str) -> Person:
    """Flag (or correct) where a person was recruited from, as the ESR import does (R7)."""
    require(access.is_home_hr_admin(actor, person), "Only the person's HR admins flag recruits.")
    if sector_background not in SectorBackground.values:
        raise ValidationError({"sector_background": "Choose the sector the person came from."})
    if sector_background == person.sector_background:
        raise ValidationError({"sector_background": "That is already the person's sector background."})
    person.sector_background = sector_background
    with audit_context(actor=actor, source="page"):
        person.save(update_fields=["sector_background"])
    return person
