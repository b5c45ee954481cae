"""Who reads, edits and attests the values handbook (part of communications.access)."""

from django.db.models import QuerySet

from communications.models import HandbookVersion, ValuesAttestation
from leadership import access as core
from leadership.models import ManagementLevel, User

__all__ = ["attests_values", "edits_handbook", "handbook_versions", "is_asked_to_attest",
           "own_attestations", "published_handbook_versions"]


def published_handbook_versions(user: User) -> QuerySet[HandbookVersion]:
    """Every signed-in person reads the published versions: the handbook is national."""
    if not user.is_authenticated:
        return HandbookVersion.objects.none()
    return HandbookVersion.objects.filter(status=HandbookVersion.Status.PUBLISHED)


def handbook_versions(user: User) -> QuerySet[HandbookVersion]:
    """Versions whose management pages the user opens, drafts included: national admins only."""
    if not edits_handbook(user):
        return HandbookVersion.objects.none()
    return HandbookVersion.objects.all()


def edits_handbook(user: User) -> bool:
    return core.is_national_admin(user)


def attests_values(user: User) -> bool:
    """Anyone with a staff record of their own may attest; managers are asked to (is_asked_to_attest)."""
    return core.own_person(user) is not None


def is_asked_to_attest(user: User) -> bool:
    person = core.own_person(user)
    return person is not None and person.management_level != ManagementLevel.NONE


def own_attestations(user: User) -> QuerySet[ValuesAttestation]:
    person = core.own_person(user)
    if person is None:
        return ValuesAttestation.objects.none()
    return ValuesAttestation.objects.filter(person=person)
