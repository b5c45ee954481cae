"""The handbook's part of the home to-do list (leadership.todo) and of a person's page."""

from django.urls import reverse

from communications import access
from communications.handbook import selectors
from leadership.person_page import Section
from leadership.todo import Todo


def handbook_todos(user) -> list[Todo]:
    """A manager who has not attested the current version is asked to read it and attest."""
    if not access.is_asked_to_attest(user):
        return []
    version = selectors.current_version()
    if version is None or selectors.has_attested(access.own_person(user), version):
        return []
    return [Todo(f"Read version {version.number} of the NHS values handbook and attest to it",
                 reverse("communications:handbook") + "#attest")]


def values_section(user, person) -> Section | None:
    """The person's attestation of the current version, for those who read their passport."""
    if not access.passport_people(user).filter(pk=person.pk).exists():
        return None
    version = selectors.current_version()
    attested = selectors.has_attested(person, version)
    status = (f"attested version {version.number} on {attested.attested_at:%d %B %Y}" if attested
              else "not attested the current version")
    return Section("NHS values", f"The NHS values handbook ({person.first_name} has {status})",
                   reverse("communications:handbook"))
