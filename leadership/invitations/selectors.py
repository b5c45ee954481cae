"""Reads about logins and invitations, on querysets already scoped by access."""

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Case, Exists, OuterRef, QuerySet, TextChoices, Value, When

from leadership.models import Invitation, Person, User


class LoginStatus(TextChoices):
    NONE = "none", "No login"
    INVITED = "invited", "Invited"
    ACTIVE = "active", "Active"
    DEACTIVATED = "deactivated", "Deactivated"


def with_login_status(people: QuerySet[Person]) -> QuerySet[Person]:
    """Annotate `login_status`: invited means a pending invitation and no password set yet."""
    pending = Invitation.objects.filter(person=OuterRef("pk"), status=Invitation.Status.PENDING)
    return people.annotate(login_status=Case(
        When(user__isnull=True, then=Value(LoginStatus.NONE.value)),
        When(user__is_active=False, then=Value(LoginStatus.DEACTIVATED.value)),
        When(Exists(pending), user__password__startswith=UNUSABLE_PASSWORD_PREFIX,
             then=Value(LoginStatus.INVITED.value)),
        default=Value(LoginStatus.ACTIVE.value),
    ))


def pending_invitation(person: Person) -> Invitation | None:
    return person.invitations.filter(status=Invitation.Status.PENDING).first()


def invitation_candidates(people: QuerySet[Person]) -> QuerySet[Person]:
    """The people among these who can be invited now (services.refusal says why the others cannot)."""
    taken = User.objects.filter(email__iexact=OuterRef("work_email"))
    return people.filter(active=True, user__isnull=True).exclude(work_email="").exclude(Exists(taken))
