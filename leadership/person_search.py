"""Choosing a person: a search by name or employee number, then a choice among the matches.

One component for forms that pick someone (nominations, 9-box placing, succession candidates,
trainees, secondees, appraisees, appraisers and countersigners). It works without JavaScript: the search
button posts the form, the page comes back with the matches as radio buttons and everything typed so
far, and nothing is written. The people it can find are the field's queryset, which the view takes
from access (leadership.access or the app's access.py): the component narrows that reach, never widens it.

    person = PersonSearchField(None, label="Candidate")   # the view sets .queryset from access
    {% include "components/field.html" with field=form.person %}   # renders components/person_search.html
"""

import uuid
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.forms.utils import ErrorDict

SEARCH_BUTTON = "person_search"  # its value names the field being searched
MATCHES_SHOWN = 20
SEARCHING = "searching"


@dataclass(frozen=True)
class PersonSearch:
    """What the form posted for one person field: the search words, the chosen person's public id,
    and whether the search button (rather than the form's own) was pressed."""

    query: str = ""
    chosen: str = ""
    searching: bool = False


class PersonSearchInput(forms.Widget):
    input_type = "personsearch"

    def value_from_datadict(self, data, files, name):
        return PersonSearch(query=str(data.get(f"{name}-q", "")).strip()[:100],
                            chosen=str(data.get(name, "")).strip(),
                            searching=data.get(SEARCH_BUTTON) == name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}-q" not in data


class PersonSearchField(forms.ModelChoiceField):
    """A person of the queryset, by public id, chosen from a search (never a list of everyone)."""

    widget = PersonSearchInput
    default_error_messages = {
        "required": "Search for a person and choose them",
        "invalid_choice": "Choose a person from the search results",
    }

    def __init__(self, queryset=None, **kwargs):
        kwargs.pop("to_field_name", None)
        kwargs.pop("empty_label", None)  # an optional field offers "No one" among the results instead
        super().__init__(queryset, to_field_name="public_id", empty_label=None, **kwargs)

    def to_python(self, value):
        if isinstance(value, PersonSearch):
            if value.searching:  # a search is not a submission: the form holds (see hold_for_search)
                raise ValidationError("Choose a person from the search results", code=SEARCHING)
            value = value.chosen
        if value not in self.empty_values and not isinstance(value, self.queryset.model):
            try:
                uuid.UUID(str(value))
            except ValueError:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None
        return super().to_python(value)

    def has_changed(self, initial, data):
        chosen = data.chosen if isinstance(data, PersonSearch) else data
        return super().has_changed(initial, chosen)


def searching(form: forms.BaseForm) -> bool:
    """The search button of one of the form's person fields was pressed."""
    return any(getattr(error, "code", None) == SEARCHING
               for errors in form.errors.as_data().values() for error in errors)


def hold_for_search(form: forms.BaseForm) -> bool:
    """After a search, the page shows the matches and what was typed, without the errors of a form
    nobody submitted yet. Returns whether it was a search."""
    if not form.is_bound or not searching(form):
        return False
    form._errors = ErrorDict()  # shown as a fresh page: the real submission validates again
    return True


def people_matching(people: QuerySet, query: str) -> tuple[list, bool]:
    """The people of `people` whose names hold every word typed, or whose employee number starts with
    it; at most MATCHES_SHOWN, in name order, and whether there were more."""
    words = query.split()
    if not words:
        return [], False
    condition = Q()
    for word in words[:5]:
        condition &= (Q(first_name__icontains=word) | Q(last_name__icontains=word)
                      | Q(employee_number__istartswith=word))
    found = list(people.filter(condition).select_related("organisation")
                 .order_by("last_name", "first_name", "id")[:MATCHES_SHOWN + 1])
    return found[:MATCHES_SHOWN], len(found) > MATCHES_SHOWN


def _chosen_person(field: PersonSearchField, value):
    if value in (None, "") or field.queryset is None:
        return None
    if isinstance(value, field.queryset.model):
        return value
    if isinstance(value, int):  # a model form's initial value is the foreign key's id
        return field.queryset.filter(pk=value).select_related("organisation").first()
    try:
        return field.queryset.filter(public_id=uuid.UUID(str(value))).select_related("organisation").first()
    except ValueError:
        return None


def search_context(bound_field) -> dict:
    """What components/person_search.html shows: the search box, and the people to choose from (the
    one already chosen first, then the matches)."""
    field = bound_field.field
    value = bound_field.value()
    if not isinstance(value, PersonSearch):  # unbound: the initial person, if any
        value = PersonSearch(chosen=value if value is not None else "")
    typed = value
    chosen = _chosen_person(field, typed.chosen)
    matches, more = people_matching(field.queryset, typed.query) if typed.query else ([], False)
    others = [person for person in matches if chosen is None or person.pk != chosen.pk]
    options = ([chosen] if chosen is not None else []) + others
    return {
        "field": bound_field, "id": bound_field.auto_id, "name": bound_field.html_name,
        "query": typed.query, "searched": bool(typed.query), "more": more, "optional": not field.required,
        "no_matches": bool(typed.query) and not matches,
        "button": SEARCH_BUTTON,
        "options": [{"value": str(p.public_id), "checked": chosen is not None and p.pk == chosen.pk,
                     "label": person_label(p)} for p in options],
    }


def person_label(person) -> str:
    details = ", ".join(filter(None, [person.job_title, person.organisation.name]))
    return f"{person.full_name} ({person.employee_number}){', ' + details if details else ''}"
