"""Organisational scorecards (R15): hand-entered measures per organisation and quarter."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from appraisal import access, selectors
from appraisal.models import OrganisationScorecard, ScorecardMeasure, ScorecardTarget
from appraisal.services.shared import require
from leadership import numbers
from leadership.audit import audit_context
from leadership.dates import quarter_start, require_dates_in_range
from leadership.models import Organisation, User


@transaction.atomic
def scorecard_measure_save(
    *,
    actor: User,
    organisation: Organisation,
    period: date,
    perspective: str,
    name: str,
    target: Decimal,
    actual: Decimal | None,
    higher_is_better: bool = True,
) -> ScorecardMeasure:
    require(
        access.may_edit_scorecard(actor, organisation),
        "Only the organisation's HR admins and board secretaries edit its scorecard.",
    )
    require_dates_in_range(period=period)
    target = numbers.require_amount(target, field="target", max_digits=12, decimal_places=2)
    actual = numbers.require_amount(actual, field="actual", max_digits=12, decimal_places=2)
    scorecard, _ = OrganisationScorecard.objects.get_or_create(
        organisation=organisation, period=quarter_start(period)
    )
    measure, _ = ScorecardMeasure.objects.update_or_create(
        scorecard=scorecard,
        name=name.strip(),
        defaults={
            "perspective": perspective,
            "target": target,
            "actual": actual,
            "higher_is_better": higher_is_better,
        },
    )
    scorecard.save(update_fields=["updated_at"])
    return measure


def _require_editor(actor: User, organisation: Organisation) -> None:
    require(access.may_edit_scorecard(actor, organisation),
            "Only the organisation's HR admins and board secretaries edit its scorecard.")


@transaction.atomic
def scorecard_measure_update(*, actor: User, measure: ScorecardMeasure, perspective: str, name: str,
                             target: Decimal, actual: Decimal | None,
                             higher_is_better: bool = True) -> ScorecardMeasure:
    """Correct a measure; the change is kept in its history (who, when, what it was)."""
    _require_editor(actor, measure.scorecard.organisation)
    measure.perspective, measure.name = perspective, name.strip()
    measure.target = numbers.require_amount(target, field="target", max_digits=12, decimal_places=2)
    measure.actual = numbers.require_amount(actual, field="actual", max_digits=12, decimal_places=2)
    measure.higher_is_better = higher_is_better
    try:
        with transaction.atomic(), audit_context(actor=actor, source="page"):
            measure.save()
    except IntegrityError:
        raise ValidationError({"name": "The quarter already has a measure with that name."}) from None
    measure.scorecard.save(update_fields=["updated_at"])
    return measure


@transaction.atomic
def scorecard_measure_delete(*, actor: User, measure: ScorecardMeasure) -> None:
    """Remove a measure; its delete event keeps what it was and who removed it."""
    _require_editor(actor, measure.scorecard.organisation)
    scorecard = measure.scorecard
    with audit_context(actor=actor, source="page"):
        measure.delete()
    scorecard.save(update_fields=["updated_at"])


@transaction.atomic
def scorecard_target_save(*, actor: User, organisation: Organisation, measure: str,
                          target: Decimal) -> ScorecardTarget:
    """Set the target of one of the portal's own people measures (a rate's as a percentage)."""
    _require_editor(actor, organisation)
    if measure not in selectors.AUTO_MEASURE_SLUGS:
        raise ValidationError("That is not one of the portal's own measures.")
    target = numbers.require_amount(target, field="target", max_digits=12, decimal_places=2)
    if target is None or target < 0:
        raise ValidationError({"target": "Enter a target of 0 or more."})
    with audit_context(actor=actor, source="page"):
        row, _ = ScorecardTarget.objects.update_or_create(organisation=organisation, measure=measure,
                                                          defaults={"target": target})
    return row
