"""Access rules for invitations: part of leadership.access, the one place that decides."""

from django.db.models import QuerySet

from leadership.access import manageable_people
from leadership.models import Invitation, Person, User

# HR admins invite the staff of their own organisations, national admins anyone; the same people
# see those invitations, resend and revoke them. Opening an invitation needs only its token.


def invitable_people(user: User) -> QuerySet[Person]:
    """People the user may invite (or whose invitations they may resend and revoke): those whose
    records they may change."""
    return manageable_people(user)


def invitations(user: User) -> QuerySet[Invitation]:
    return Invitation.objects.filter(person__in=invitable_people(user))


def may_invite(user: User, person: Person | None = None) -> bool:
    """Whether the user invites anyone at all (menus), or this person."""
    people = invitable_people(user)
    return (people.filter(id=person.id) if person is not None else people).exists()
