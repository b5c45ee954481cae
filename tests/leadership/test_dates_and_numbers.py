"""The portal's one date range and its calendar arithmetic (leadership/dates.py), the count bounds
(leadership/numbers.py), and every form that takes a date or a count using them."""

import importlib
import inspect
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from hypothesis import given, settings
from hypothesis import strategies as st

from leadership import dates, numbers

BASE_DIR = Path(__file__).resolve().parents[2]
FORM_MODULES = [
    "appraisal.forms",
    "leadership.forms",
    "leadership.development.forms",
    "talentpool.forms",
    "training.forms",
]
HUGE = st.one_of(
    st.integers(),
    st.sampled_from([2**31 - 1, 2**31, -(2**31) - 1, 2**63, 10**100, -(10**100), 0, -1]),
)


@pytest.mark.parametrize("day", [date(1900, 1, 1), date(2026, 2, 28), date(2100, 12, 31)])
def test_dates_from_1900_to_2100_are_in_range(day):
    dates.validate_user_date(day)


@pytest.mark.parametrize("day", [date.min, date(1899, 12, 31), date(2101, 1, 1), date(9999, 6, 1), date.max])
def test_dates_outside_1900_to_2100_are_refused_with_the_range_in_the_message(day):
    with pytest.raises(ValidationError) as refused:
        dates.validate_user_date(day)
    assert refused.value.messages == ["Enter a date between 1 January 1900 and 31 December 2100."]


def test_a_datetime_is_judged_by_its_date():
    assert dates.in_range(datetime(2100, 12, 31, 23, 59)) and not dates.in_range(datetime(2101, 1, 1))


def test_require_dates_in_range_names_each_bad_field_and_skips_empty_ones():
    with pytest.raises(ValidationError) as refused:
        dates.require_dates_in_range(starts_on=date(9999, 12, 1), ends_on=None, held_on=date(2025, 1, 1))
    assert set(refused.value.message_dict) == {"starts_on"}


@pytest.mark.parametrize("text", ["0001-01-01", "9999-12-31", "2026-13-01", "yesterday", "\x00"])
def test_a_query_date_that_is_unreadable_or_out_of_range_is_a_validation_error(text):
    with pytest.raises(ValidationError):
        dates.parse_user_date(text)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2028, 2, 29), 12, date(2029, 2, 28)),  # the leap day's anniversary is 28 February
        (date(2028, 2, 29), 48, date(2032, 2, 29)),  # and 29 February when there is one
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 1), 240, date(2046, 1, 1)),
    ],
)
def test_adding_months_keeps_the_day_or_takes_the_last_day_of_a_shorter_month(day, months, expected):
    assert dates.add_months(day, months) == expected


def test_a_year_after_29_february_is_28_february():
    assert dates.add_years(date(2028, 2, 29), 1) == date(2029, 2, 28)


@settings(max_examples=300, deadline=None)
@given(day=st.dates(), months=HUGE)
def test_adding_any_months_to_any_date_gives_a_date_or_a_validation_error(day, months):
    try:
        result = dates.add_months(day, months)
    except ValidationError:
        return
    assert result.day <= day.day
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months


@settings(max_examples=300, deadline=None)
@given(day=st.dates(), days=HUGE)
def test_adding_any_days_to_any_date_gives_a_date_or_a_validation_error(day, days):
    try:
        result = dates.add_days(day, days)
    except ValidationError:
        return
    assert (result - day).days == days


@settings(max_examples=200, deadline=None)
@given(value=HUGE)
def test_a_count_is_returned_in_its_bounds_or_refused_naming_its_field(value):
    try:
        assert numbers.require_count(value, field="places", minimum=1, maximum=numbers.INTEGER_MAX) == value
    except ValidationError as refused:
        assert not 1 <= value <= numbers.INTEGER_MAX
        assert refused.message_dict == {"places": ["Enter a whole number from 1 to 2,147,483,647."]}


@settings(max_examples=200, deadline=None)
@given(value=st.decimals(allow_nan=True, allow_infinity=True))
def test_an_amount_fits_its_column_or_is_refused_naming_its_field(value):
    try:
        kept = numbers.require_amount(value, field="target", max_digits=12, decimal_places=2)
    except ValidationError as refused:
        assert list(refused.message_dict) == ["target"]
    else:
        assert kept.is_finite() and abs(kept) < Decimal(10) ** 10


def _form_classes():
    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        for _, form_class in inspect.getmembers(module, inspect.isclass):
            if issubclass(form_class, forms.BaseForm) and form_class.__module__ == module_name:
                yield form_class


def test_every_date_field_in_every_form_takes_only_dates_in_range():
    checked = 0
    for form_class in _form_classes():
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.DateField):
                assert dates.validate_user_date in field.validators, f"{form_class.__name__}.{name}"
                checked += 1
    assert checked >= 20


def test_no_form_module_builds_a_plain_date_field():
    """Forms built on the fly (the appraisal steps) are not in base_fields: their source is checked."""
    for path in BASE_DIR.glob("*/**/forms.py"):
        if ".venv" not in path.parts and "node_modules" not in path.parts:
            assert "forms.DateField(" not in path.read_text(), path


def test_every_whole_number_field_in_every_form_has_bounds():
    for form_class in _form_classes():
        model = getattr(getattr(form_class, "_meta", None), "model", None)
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.DecimalField):  # a subclass of IntegerField, bounded by its digits
                assert field.max_digits is not None, f"{form_class.__name__}.{name}"
                continue
            if not isinstance(field, forms.IntegerField):
                continue
            if field.max_value is None:  # a model form's count is bounded by its model field
                model_field = model._meta.get_field(name)
                assert any(isinstance(v, MaxValueValidator) for v in model_field.validators), name
            else:
                assert field.min_value is not None, f"{form_class.__name__}.{name}"


def test_a_date_is_typed_into_the_nhs_date_input_and_the_range_is_checked_on_the_server():
    from django.template.loader import render_to_string

    from appraisal.forms import CycleForm

    html = render_to_string("components/field.html", {"field": CycleForm()["opens_on"]})
    assert html.count('inputmode="numeric"') == 3 and 'type="date"' not in html
    typed = {"opens_on-day": "1", "opens_on-month": "1", "opens_on-year": "2101"}
    refused = CycleForm({"name": "2026/27", **typed})
    assert refused.errors == {"opens_on": [dates.OUT_OF_RANGE]}
