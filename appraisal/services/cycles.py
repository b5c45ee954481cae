"""Appraisal cycles: an organisation's appraisal year, opened by its HR admins."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from appraisal import access
from appraisal.models import AppraisalCycle
from appraisal.services.shared import require
from leadership.dates import add_years, require_dates_in_range
from leadership.models import Organisation, User


@transaction.atomic
def cycle_create(
    *, actor: User, organisation: Organisation, name: str, opens_on: date, closes_on: date | None = None
) -> AppraisalCycle:
    """Annual by default: open for a year from the opening date (one opened on 29 February closes on
    27 February next year, the day before the anniversary, 28 February: see leadership/dates.py)."""
    require(access.is_hr_for(actor, organisation),
             "Only the organisation's HR admins can open appraisal cycles.")
    require_dates_in_range(opens_on=opens_on, closes_on=closes_on)
    if closes_on is None:
        closes_on = add_years(opens_on, 1) - timedelta(days=1)
    if closes_on <= opens_on:
        raise ValidationError("The cycle must close after it opens.")
    try:
        with transaction.atomic():
            return AppraisalCycle.objects.create(
                organisation=organisation, name=name, opens_on=opens_on, closes_on=closes_on, created_by=actor
            )
    except IntegrityError:
        raise ValidationError("There is already a cycle with that name.") from None
