"""Calibration: a review of a cycle's bands, and the band changes it agrees (with their reasons)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from appraisal import access
from appraisal.models import BAND_LABELS, Appraisal, AppraisalCycle, CalibrationChange, CalibrationReview
from appraisal.services.shared import require
from leadership.audit import audit_context
from leadership.dates import require_dates_in_range
from leadership.models import User


@transaction.atomic
def calibration_review_create(
    *, actor: User, cycle: AppraisalCycle, held_on: date, notes: str = ""
) -> CalibrationReview:
    require(access.is_hr_for(actor, cycle.organisation), "Only HR admins hold calibration reviews.")
    require_dates_in_range(held_on=held_on)
    return CalibrationReview.objects.create(
        organisation=cycle.organisation, cycle=cycle, held_on=held_on, notes=notes, held_by=actor
    )


@transaction.atomic
def calibration_change(
    *, actor: User, review: CalibrationReview, appraisal: Appraisal, band: str, reason: str
) -> CalibrationChange:
    """An agreed change of band, with its reason, in the audit trail (the appraisal's event carries it)."""
    require(access.is_hr_for(actor, review.organisation), "Only HR admins record calibration changes.")
    if appraisal.cycle_id != review.cycle_id:
        raise ValidationError("The appraisal is not in the review's cycle.")
    if appraisal.overall_score is None:
        raise ValidationError("Only a rated appraisal can be calibrated.")
    if band not in BAND_LABELS:
        raise ValidationError({"band": "Choose one of the rating bands."})
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason the review agreed."})
    before = appraisal.final_band
    if band == before:
        raise ValidationError({"band": "That is the band the appraisal already has."})
    with audit_context(actor=actor, calibration_review=str(review.public_id), reason=reason.strip()):
        appraisal.calibrated_band = band
        appraisal.save(update_fields=["calibrated_band"])
        return CalibrationChange.objects.create(
            review=review,
            appraisal=appraisal,
            band_before=before,
            band_after=band,
            reason=reason.strip(),
            changed_by=actor,
        )
