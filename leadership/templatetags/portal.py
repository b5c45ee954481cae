"""Template filters for the NHS.UK form components."""

from datetime import date

from django import template

register = template.Library()


@register.filter
def input_value(bound_field) -> str:
    """The value an <input> shows: a date as ISO 8601 for type="date", else the widget's format."""
    value = bound_field.value()
    if value is None:
        return ""
    if isinstance(value, date) and getattr(bound_field.field.widget, "input_type", "") == "date":
        return value.isoformat()
    formatted = bound_field.field.widget.format_value(value)
    return "" if formatted is None else str(formatted)
