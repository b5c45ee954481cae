"""Typing a date into the NHS.UK date input (leadership.dates.DateInput) the way a person does."""

from datetime import date


def fill_date(page, label: str, day: date) -> None:
    """The day, month and year boxes of the date input whose legend is `label`."""
    group = page.get_by_role("group", name=label, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))
