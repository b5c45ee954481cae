"""R11's appraiser-training rule: the exceptions national admins record, with their reason."""

from django.core.exceptions import ValidationError
from django.db import transaction

from appraisal import access
from appraisal.models import AppraiserException
from appraisal.services.shared import require
from leadership.audit import audit_context
from leadership.models import Person, User


@transaction.atomic
def appraiser_exception_record(*, actor: User, person: Person, reason: str) -> AppraiserException:
    """Let a person appraise without the appraisal-skills course; the reason stays in the audit trail."""
    require(access.may_record_appraiser_exception(actor),
            "Only national admins can record an exception to the appraiser-training rule.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason for the exception."})
    if AppraiserException.objects.filter(person=person).exists():
        raise ValidationError(f"An exception is already recorded for {person.full_name}.")
    with audit_context(actor=actor, source="page"):
        return AppraiserException.objects.create(person=person, reason=reason, recorded_by=actor)
