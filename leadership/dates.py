"""Dates people enter, in one range for the whole portal, and calendar arithmetic that stays in it.

The range is 1 January 1900 to 31 December 2100 (docs/security.md, "Dates and numbers in range"):
wide enough for any NHS career, narrow enough that a year, a 90-day cycle or a 240-month contract
term added to it is still a real date. Forms use UserDateField (the NHS.UK date input); imports,
query parameters and API filters call validate_user_date; services call require_dates_in_range
before they compute or write.

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


MONTH_NAMES = {name: number for number in range(1, 13)
               for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())}
PARTS = ("day", "month", "year")


class DateParts(tuple):
    """What a person typed into the day, month and year boxes, as text."""

    __slots__ = ()

    def __new__(cls, day="", month="", year=""):
        return super().__new__(cls, tuple(str(part or "").strip() for part in (day, month, year)))

    @classmethod
    def of(cls, value) -> "DateParts":
        """The boxes for a stored date, an ISO 8601 string (a pre-filled or scripted value) or typed parts."""
        if isinstance(value, DateParts):
            return value
        if isinstance(value, date):
            return cls(value.day, value.month, value.year)
        if isinstance(value, str) and value.strip():
            year, _, rest = value.strip().partition("-")
            month, _, day = rest.partition("-")
            return cls(day, month, year) if rest else cls("", "", value)
        return cls()


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def parse_date_parts(parts: DateParts, label: str = "The date") -> date | None:
    """The one parser for a date typed into the NHS.UK date input, with the one error wording.

    None when every box is empty (the field decides whether that is allowed); a month may be typed as
    a number or a name ("3", "Mar", "March"); the year needs 4 numbers; the date must exist."""
    day, month, year = parts
    if not (day or month or year):
        return None
    missing = [name for name, typed in zip(PARTS, parts, strict=True) if not typed]
    if missing:
        raise ValidationError(f"{label} must include a {_listed(missing)}", code="incomplete")
    month_number = MONTH_NAMES.get(month.lower()) or (int(month) if month.isdigit() else None)
    if not (day.isdigit() and year.isdigit() and month_number):
        raise ValidationError(f"{label} must be a real date", code="invalid")
    if len(year) != 4:
        raise ValidationError(f"{label} must include a year with 4 numbers", code="year_digits")
    try:
        return date(int(year), month_number, int(day))
    except ValueError:
        raise ValidationError(f"{label} must be a real date", code="invalid") from None


class DateInput(forms.Widget):
    """The NHS.UK date input: day, month and year boxes named <name>-day, <name>-month, <name>-year.

    A single <name> value in ISO 8601 is read too, so a scripted client or an old bookmark still works."""

    input_type = "nhsdate"

    def __init__(self, attrs=None):
        super().__init__(attrs)

    def value_from_datadict(self, data, files, name):
        keys = [f"{name}-{part}" for part in PARTS]
        if not any(key in data for key in keys) and name in data:
            return DateParts.of(data.get(name))
        return DateParts(*(data.get(key, "") for key in keys))

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(f"{name}-{part}" in data for part in PARTS)

    def format_value(self, value):
        return DateParts.of(value)


class UserDateField(forms.DateField):
    """Every date a person types into a form: the NHS.UK date input, parsed by parse_date_parts, in the
    portal's range. "{label}" in an error message is the field's label."""

    widget = DateInput
    default_validators = [validate_user_date]
    default_error_messages = {"required": "{label} must include a day, month and year"}

    def __init__(self, *args, **kwargs):
        kwargs.pop("input_formats", None)
        super().__init__(*args, **kwargs)

    def _label(self) -> str:
        return str(self.label or "The date")

    def to_python(self, value):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        return parse_date_parts(DateParts.of(value), self._label())

    def validate(self, value):
        if value in self.empty_values and self.required:
            message = self.error_messages["required"].replace("{label}", self._label())
            raise ValidationError(message, code="required")


def quarter_start(day: date) -> date:
    """The first day of the calendar quarter holding the day (dashboards' and scorecards' period)."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
