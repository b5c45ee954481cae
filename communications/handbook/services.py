"""Every write about the values handbook. Keyword-only, atomic, taking the acting user."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from communications import access
from communications.handbook import data, selectors
from communications.models import HandbookValue, HandbookVersion, ValuesAttestation
from communications.models.handbook import HANDBOOK_LEVELS
from leadership.audit import audit_context
from leadership.models import User


@transaction.atomic
def handbook_draft_start(*, actor: User | None) -> HandbookVersion:
    """A new draft, copied from the current version (or the first handbook's text when there is none)."""
    if actor is not None and not access.edits_handbook(actor):
        raise PermissionDenied("Only national admins edit the values handbook.")
    if HandbookVersion.objects.filter(status=HandbookVersion.Status.DRAFT).exists():
        raise ValidationError("A draft is already open: edit it, or publish it first.")
    current = selectors.current_version()
    number = (HandbookVersion.objects.aggregate(highest=Max("number"))["highest"] or 0) + 1
    with audit_context(actor=actor):
        draft = HandbookVersion.objects.create(
            number=number, created_by=actor,
            introduction=current.introduction if current else data.INTRODUCTION)
        if current is not None:
            values = [(v.name, v.summary, v.meanings) for v in current.values.all()]
        else:
            values = data.DEFAULT_VALUES
        HandbookValue.objects.bulk_create(
            HandbookValue(version=draft, position=position, name=name, summary=summary,
                          meanings=dict(meanings))
            for position, (name, summary, meanings) in enumerate(values, start=1))
    return draft


def _draft_for(actor: User | None, version: HandbookVersion) -> HandbookVersion:
    if actor is not None and not access.edits_handbook(actor):
        raise PermissionDenied("Only national admins edit the values handbook.")
    version = HandbookVersion.objects.select_for_update().get(pk=version.pk)
    if not version.editable:
        raise ValidationError("A published version cannot change: start a new draft.")
    return version


@transaction.atomic
def handbook_value_update(*, actor: User, value: HandbookValue, summary: str,
                          meanings: dict[str, str]) -> HandbookValue:
    _draft_for(actor, value.version)
    missing = [level.label for level in HANDBOOK_LEVELS if not (meanings.get(level) or "").strip()]
    if missing:
        raise ValidationError(f"Say what the value means for every level (missing: {', '.join(missing)}).")
    with audit_context(actor=actor):
        value.summary = summary
        value.meanings = {level.value: meanings[level].strip() for level in HANDBOOK_LEVELS}
        value.save(update_fields=["summary", "meanings"])
        HandbookVersion.objects.filter(pk=value.version_id).update(updated_at=timezone.now())
    return value


@transaction.atomic
def handbook_publish(*, actor: User | None, version: HandbookVersion, change_note: str) -> HandbookVersion:
    """The draft becomes the current version: every manager is asked to read and attest it again."""
    version = _draft_for(actor, version)
    with audit_context(actor=actor):
        version.status = HandbookVersion.Status.PUBLISHED
        version.published_at, version.published_by = timezone.now(), actor
        version.change_note = change_note
        version.save(update_fields=["status", "published_at", "published_by", "change_note"])
    return version


@transaction.atomic
def values_attest(*, actor: User, version: HandbookVersion) -> ValuesAttestation:
    """The actor read the current version and commits to lead by its values."""
    if not access.attests_values(actor):
        raise PermissionDenied("Only people with a staff record attest to the handbook.")
    if version != selectors.current_version():
        raise ValidationError("Only the current version of the handbook can be attested.")
    person = access.own_person(actor)
    try:
        with transaction.atomic(), audit_context(actor=actor):
            return ValuesAttestation.objects.create(
                person=person, organisation_id=person.organisation_id, version=version,
                attested_at=timezone.now(), recorded_by=actor)
    except IntegrityError:
        raise ValidationError("You have already attested this version.") from None
