"""Access rules for recording a leaver: part of leadership.access, the one place that decides."""

from django.db.models import QuerySet

from leadership.access import managed_organisations
from leadership.models import Person, User

__all__ = ["may_record_leaver", "successors"]


def may_record_leaver(user: User, person: Person) -> bool:
    """HR admins of the person's organisation (and national admins) record that they have left."""
    return managed_organisations(user).filter(id=person.organisation_id).exists()


def successors(person: Person) -> QuerySet[Person]:
    """Who may take over a leaver's reports and duties: active colleagues in the same organisation."""
    return (Person.objects.filter(organisation_id=person.organisation_id, active=True)
            .exclude(pk=person.pk).order_by("last_name", "first_name"))
