"""The NHS.UK date input: one parser, one error wording, used by every date in every form."""

import importlib
import inspect
from datetime import date
from pathlib import Path

import pytest
from django import forms
from django.core.exceptions import ValidationError

from leadership import dates
from leadership.dates import DateInput, DateParts, UserDateField, parse_date_parts

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SKIPPED_DIRS = {".venv", "node_modules", "tests", "bench", "migrations"}


class MeetingForm(forms.Form):
    held_on = UserDateField(label="Held on")
    follow_up_on = UserDateField(label="Follow-up on", required=False)


def _error(parts, label="Held on") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        parse_date_parts(DateParts(*parts), label)
    return caught.value


def test_it_reads_day_month_and_year():
    assert parse_date_parts(DateParts("15", "3", "2025")) == date(2025, 3, 15)


def test_it_reads_a_month_by_name_or_abbreviation():
    assert parse_date_parts(DateParts("1", "March", "2025")) == date(2025, 3, 1)
    assert parse_date_parts(DateParts("1", "sep", "2025")) == date(2025, 9, 1)


def test_it_takes_29_february_only_in_a_leap_year():
    assert parse_date_parts(DateParts("29", "2", "2028")) == date(2028, 2, 29)
    assert parse_date_parts(DateParts("29", "2", "2000")) == date(2000, 2, 29)
    assert _error(("29", "2", "2027")).messages == ["Held on must be a real date"]
    assert _error(("29", "2", "1900")).messages == ["Held on must be a real date"]  # a century, not leap


@pytest.mark.parametrize(("parts", "message"), [
    (("", "3", "2025"), "Held on must include a day"),
    (("15", "", "2025"), "Held on must include a month"),
    (("15", "3", ""), "Held on must include a year"),
    (("", "", "2025"), "Held on must include a day and month"),
    (("15", "", ""), "Held on must include a month and year"),
])
def test_it_names_the_missing_parts(parts, message):
    error = _error(parts)
    assert error.messages == [message] and error.code == "incomplete"


@pytest.mark.parametrize("parts", [("x", "3", "2025"), ("15", "Maurch", "2025"), ("15", "3", "20a5"),
                                   ("-1", "3", "2025"), ("15", "13", "2025"), ("31", "4", "2025"),
                                   ("0", "3", "2025"), ("1.5", "3", "2025")])
def test_it_refuses_what_is_not_a_real_date(parts):
    assert _error(parts).messages == ["Held on must be a real date"]


def test_it_wants_a_year_of_four_numbers():
    assert _error(("15", "3", "25")).messages == ["Held on must include a year with 4 numbers"]


def test_nothing_typed_is_no_date():
    assert parse_date_parts(DateParts("", " ", "")) is None


def test_a_form_reads_the_three_boxes_and_keeps_what_was_typed():
    form = MeetingForm({"held_on-day": "7", "held_on-month": "11", "held_on-year": "2026"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"held_on": date(2026, 11, 7), "follow_up_on": None}

    refused = MeetingForm({"held_on-day": "31", "held_on-month": "2", "held_on-year": "2026"})
    assert refused.errors == {"held_on": ["Held on must be a real date"]}
    html = str(refused["held_on"].value())
    assert html == str(("31", "2", "2026"))


def test_an_empty_required_date_says_what_to_enter():
    form = MeetingForm({"held_on-day": "", "held_on-month": "", "held_on-year": ""})
    assert form.errors == {"held_on": ["Held on must include a day, month and year"]}


def test_a_date_outside_the_portal_range_is_refused_with_the_range():
    form = MeetingForm({"held_on-day": "1", "held_on-month": "1", "held_on-year": "1899"})
    assert form.errors == {"held_on": [dates.OUT_OF_RANGE]}


def test_a_single_iso_value_still_works_for_scripted_clients():
    form = MeetingForm({"held_on": "2026-11-07"})
    assert form.is_valid() and form.cleaned_data["held_on"] == date(2026, 11, 7)
    unreadable = MeetingForm({"held_on": "7/11/2026"})
    assert unreadable.errors == {"held_on": ["Held on must include a day and month"]}


def test_the_page_shows_the_nhs_date_input_with_the_typed_values_and_the_error():
    from django.template.loader import render_to_string

    form = MeetingForm({"held_on-day": "7", "held_on-month": "", "held_on-year": "2026"})
    form.is_valid()
    html = render_to_string("components/field.html", {"field": form["held_on"]})
    assert 'class="nhsuk-date-input"' in html and "<legend" in html
    assert 'name="held_on-day" type="text" inputmode="numeric" value="7"' in html
    assert 'id="id_held_on-month" name="held_on-month"' in html
    assert "nhsuk-input--width-2 nhsuk-input--error" in html  # only the empty month is marked
    assert html.count("nhsuk-input--error") == 1
    assert "Held on must include a month" in html
    assert "For example, 15 3 2025" in html and "YYYY" not in html


def _form_modules():
    for path in sorted(BASE_DIR.glob("*/**/forms.py")) + sorted(BASE_DIR.glob("*/**/forms/*.py")):
        relative = path.relative_to(BASE_DIR)
        if SKIPPED_DIRS.intersection(relative.parts):
            continue
        yield importlib.import_module(".".join(relative.with_suffix("").parts))


def test_every_date_in_every_form_is_the_nhs_date_input():
    checked = 0
    for module in _form_modules():
        for _, form_class in inspect.getmembers(module, inspect.isclass):
            if not (issubclass(form_class, forms.BaseForm) and form_class.__module__ == module.__name__):
                continue
            for name, field in form_class.base_fields.items():
                is_date = isinstance(field, forms.DateField) or isinstance(field.widget, forms.DateInput)
                if is_date:
                    where = f"{module.__name__}.{form_class.__name__}.{name}"
                    assert type(field) is UserDateField, f"{where} is a bare date field"
                    assert isinstance(field.widget, DateInput), f"{where} is not the NHS.UK date input"
                    checked += 1
    assert checked >= 20


def test_no_form_module_builds_a_django_date_widget():
    """Forms built on the fly (the appraisal steps) are not in base_fields: their source is checked."""
    for module in _form_modules():
        source = Path(module.__file__).read_text()
        assert "forms.DateInput" not in source and '"type": "date"' not in source, module.__name__
