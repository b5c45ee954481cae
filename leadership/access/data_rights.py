"""Access rules for people's rights over their data: part of leadership.access, the one place that decides."""

from django.db.models import QuerySet

from leadership.access import manageable_people
from leadership.models import Person, User

__all__ = ["may_export_person_data", "subject_access_people"]


def subject_access_people(user: User) -> QuerySet[Person]:
    """People whose subject access export the user may produce: an HR admin of the person's
    organisation, or a national admin. Anyone else's record answers 404."""
    return manageable_people(user)


def may_export_person_data(user: User, person: Person) -> bool:
    return subject_access_people(user).filter(id=person.id).exists()
