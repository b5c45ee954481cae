"""Organisational scorecards (R15): hand-entered measures per organisation and quarter."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from appraisal import access
from appraisal.models import OrganisationScorecard, ScorecardMeasure
from appraisal.services.shared import require
from leadership import numbers
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
