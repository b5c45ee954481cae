"""Template filters and tags for the NHS.UK components: form values, the back link, breadcrumbs."""

from datetime import date

from django import template
from django.urls import reverse

from leadership.dates import PARTS, DateParts
from leadership.person_search import search_context

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


@register.filter
def date_parts(bound_field) -> list[dict]:
    """The day, month and year boxes of the NHS.UK date input: the day's id is the field's, so the
    error summary's link lands in the first box; boxes left empty are marked when the date is incomplete."""
    typed = DateParts.of(bound_field.value())
    incomplete = any(typed) and not all(typed)
    boxes = []
    for name, value, width in zip(PARTS, typed, (2, 2, 4), strict=True):
        marked = bool(bound_field.errors) and (not value if incomplete else True)
        box_id = bound_field.auto_id if name == "day" else f"{bound_field.auto_id}-{name}"
        boxes.append({"name": name, "label": name.capitalize(), "value": value, "width": width,
                      "error": marked, "id": box_id})
    return boxes


@register.inclusion_tag("components/person_search.html")
def person_search(bound_field, label_class: str = "") -> dict:
    """A PersonSearchField: the search box and the people to choose from (leadership.person_search)."""
    return {**search_context(bound_field), "label_class": label_class}


@register.inclusion_tag("components/back_link.html")
def back_link(href: str, label: str = "") -> dict:
    """The one back link and its wording: "Back to <label>", or "Back"."""
    return {"href": href, "label": label}


@register.inclusion_tag("components/breadcrumbs.html")
def breadcrumbs(*crumbs) -> dict:
    """Home, then the given (label, url) pairs: one list of pairs, or labels and urls alternating."""
    pairs = list(crumbs[0]) if len(crumbs) == 1 else list(zip(crumbs[::2], crumbs[1::2], strict=True))
    return {"crumbs": [("Home", reverse("home")), *pairs]}
