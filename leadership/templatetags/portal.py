"""Template filters and tags for the NHS.UK components: form values, the back link, breadcrumbs."""

from datetime import date

from django import template
from django.urls import reverse

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


@register.inclusion_tag("components/back_link.html")
def back_link(href: str, label: str = "") -> dict:
    """The one back link and its wording: "Back to <label>", or "Back"."""
    return {"href": href, "label": label}


@register.inclusion_tag("components/breadcrumbs.html")
def breadcrumbs(*crumbs) -> dict:
    """Home, then the given (label, url) pairs: one list of pairs, or labels and urls alternating."""
    pairs = list(crumbs[0]) if len(crumbs) == 1 else list(zip(crumbs[::2], crumbs[1::2], strict=True))
    return {"crumbs": [("Home", reverse("home")), *pairs]}
