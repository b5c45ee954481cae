"""Every write about leadership passports: share links and the import at the receiving organisation.
Keyword-only, atomic, taking the acting user."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from communications import access
from communications.models import PassportShare, ValuesAttestation
from communications.models.passport import SHARE_DAYS_MAX, new_token, token_hash
from communications.passport import selectors
from leadership.audit import audit_context
from leadership.models import Organisation, Person, User
from training.models import Qualification, TrainingRecord


@transaction.atomic
def passport_share_create(*, actor: User, person: Person, recipient: Organisation,
                          days: int) -> tuple[PassportShare, str]:
    """A link for the recipient's staff, valid for `days`; the token is returned once and stored hashed."""
    if not access.may_share_passport(actor, person):
        raise PermissionDenied("Only the person, or their HR admin, shares their passport.")
    if not access.passport_recipients(person).filter(pk=recipient.pk).exists():
        raise ValidationError({"recipient": "Choose another active NHS trust."})
    if not 1 <= days <= SHARE_DAYS_MAX:
        raise ValidationError({"days": f"A link lasts between 1 and {SHARE_DAYS_MAX} days."})
    token = new_token()
    with audit_context(actor=actor):
        share = PassportShare.objects.create(person=person, recipient=recipient, token_hash=token_hash(token),
                                             expires_at=PassportShare.expiry_in(days), created_by=actor)
    return share, token


@transaction.atomic
def passport_share_revoke(*, actor: User, share: PassportShare) -> PassportShare:
    """The link stops working at once."""
    share = access.passport_shares(actor).select_for_update().get(pk=share.pk)
    if share.revoked:
        raise ValidationError("This link is already revoked.")
    with audit_context(actor=actor):
        share.revoked_at, share.revoked_by = timezone.now(), actor
        share.save(update_fields=["revoked_at", "revoked_by"])
    return share


def why_unusable(share: PassportShare) -> str:
    """Why a link no longer opens the passport, in words for the person who opened it ("" when it does)."""
    if share.revoked:
        return "This passport link has been revoked. Ask the person to share their passport again."
    if share.expired:
        return "This passport link has expired. Ask the person to share their passport again."
    return ""


@dataclass
class ImportResult:
    training: int = 0
    qualifications: int = 0
    attestations: int = 0


@transaction.atomic
def passport_import(*, actor: User, share: PassportShare, person: Person) -> ImportResult:
    """Copy the passport's training records, qualifications and values attestations into the person's
    record at the receiving organisation, each marked transferred with its source. All or nothing; the
    old organisation's rows are untouched, so it keeps its own history."""
    share = PassportShare.objects.select_for_update().select_related("person__organisation").get(pk=share.pk)
    if not access.may_import_passport(actor, share):
        raise PermissionDenied("Only HR admins of the organisation the passport was shared with import it.")
    if reason := why_unusable(share):
        raise ValidationError(reason)
    if share.imported_at is not None:
        raise ValidationError("This passport has already been imported.")
    if not access.import_target_people(actor, share).filter(pk=person.pk).exists():
        raise ValidationError({"person": "Choose a current member of your organisation's staff."})
    source, result = share.person, ImportResult()
    origin = f"{source.organisation.name} ({source.organisation.ods_code})"
    with audit_context(actor=actor, source="import"):
        records = {}
        for record in selectors.completed_training(source):
            copy = TrainingRecord(
                person=person, organisation_id=person.organisation_id, course_id=record.course_id,
                title=record.title, provider_name=record.provider_name, status=record.status, on=record.on,
                hours=record.hours, cost=0, source=TrainingRecord.Source.TRANSFERRED,
                transferred_from=origin, recorded_by=actor)
            copy.full_clean(exclude=["certificate"])  # a bad row stops the whole import
            copy.save()
            records[record.pk] = copy
            result.training += 1
        held = set(person.qualifications.values_list("course_id", flat=True))
        for qualification in source.qualifications.exclude(course_id__in=held):
            copied_record = records.get(qualification.record_id)
            Qualification.objects.create(
                person=person, course_id=qualification.course_id, name=qualification.name,
                senior=qualification.senior, awarded_on=qualification.awarded_on, transferred_from=origin,
                record=copied_record)
            result.qualifications += 1
        attested = set(person.values_attestations.values_list("version_id", flat=True))
        for attestation in source.values_attestations.exclude(version_id__in=attested):
            ValuesAttestation.objects.create(
                person=person, organisation_id=person.organisation_id, version_id=attestation.version_id,
                attested_at=attestation.attested_at, source=ValuesAttestation.Source.TRANSFERRED,
                transferred_from=origin, recorded_by=actor)
            result.attestations += 1
        share.imported_at, share.imported_by, share.imported_into = timezone.now(), actor, person
        share.save(update_fields=["imported_at", "imported_by", "imported_into"])
    return result
