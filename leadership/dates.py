"""Dates people enter, in one range for the whole portal, and calendar arithmetic that stays in it.

The range is 1 January 1900 to 31 December 2100 (docs/security.md, "Dates and numbers in range"):
wide enough for any NHS career, narrow enough that a year, a 90-day cycle or a 240-month contract
term added to it is still a real date. Forms use UserDateField; imports, query parameters and API
filters call validate_user_date; services call require_dates_in_range before they compute or write.

Adding months or years keeps the day of the month and, where the new month is shorter, takes its
last day: 31 January plus a month is 28 (or 29) February, and 29 February 2028 plus a year is
28 February 2029, as PostgreSQL's interval arithmetic and dateutil's relativedelta do.
"""

import calendar
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)
OUT_OF_RANGE = "Enter a date between 1 January 1900 and 31 December 2100."
BEYOND_CALENDAR = "That date is too far away to calculate with: enter a date between 1900 and 2100."


def uk_today() -> date:
    """Today in England, whatever time zone is active (the API answers in UTC)."""
    return timezone.localdate(timezone=ZoneInfo("Europe/London"))


def in_range(day: date) -> bool:
    if isinstance(day, datetime):
        day = day.date()  # a datetime does not compare with a date
    return EARLIEST <= day <= LATEST


def validate_user_date(value: date) -> None:
    """The one check for a date a person typed, imported or sent as a parameter."""
    if value is not None and not in_range(value):
        raise ValidationError(OUT_OF_RANGE, code="date_out_of_range")


def clamp_to_range(value: date) -> date:
    """A query bound (a filter's from, to or since) brought into the range: a schema-valid request is
    never refused, and a bound before 1900 already means "from the start", one after 2100 "none yet"."""
    if value is None or in_range(value):
        return value
    if isinstance(value, datetime):
        edge = datetime.min.time() if value.date() < EARLIEST else datetime.max.time()
        return datetime.combine(EARLIEST if value.date() < EARLIEST else LATEST, edge, tzinfo=UTC)
    return EARLIEST if value < EARLIEST else LATEST


def require_dates_in_range(**named: date | None) -> None:
    """A service's defence in depth: every named date given is in range, or nothing happens."""
    errors = {
        name: ValidationError(OUT_OF_RANGE, code="date_out_of_range")
        for name, value in named.items()
        if value is not None and not in_range(value)
    }
    if errors:
        raise ValidationError(errors)


def parse_user_date(text: str) -> date:
    """A YYYY-MM-DD query parameter: ValidationError for anything unreadable or out of range."""
    try:
        day = date.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValidationError("Enter a date in the form YYYY-MM-DD.", code="invalid") from None
    validate_user_date(day)
    return day


def add_days(day: date, days: int) -> date:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        raise ValidationError(BEYOND_CALENDAR, code="date_overflow") from None


def add_months(day: date, months: int) -> date:
    """The same day so many calendar months on, or the month's last day when it is shorter."""
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    if not date.min.year <= year <= date.max.year:
        raise ValidationError(BEYOND_CALENDAR, code="date_overflow")
    month = month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    """29 February plus a year is 28 February (see the module's docstring)."""
    return add_months(day, 12 * years)


class UserDateField(forms.DateField):
    """A form's date field in the portal's range; browsers' date pickers are told the range too."""

    default_validators = [validate_user_date]

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if getattr(widget, "input_type", "") == "date":
            attrs.update(min=EARLIEST.isoformat(), max=LATEST.isoformat())
        return attrs


def quarter_start(day: date) -> date:
    """The first day of the calendar quarter holding the day (dashboards' and scorecards' period)."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
