"""Whose leadership passport a user reads, shares, revokes and imports (part of communications.access).

The passport is the person's own and their home organisation's: the person, the home organisation's HR
admins and national admins read it. A share link opens it for the receiving organisation's staff until
it expires or is revoked; only that organisation's HR admins import it.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from communications.models import PassportShare
from communications.models.passport import token_hash
from leadership import access as core
from leadership.models import EMPLOYER_KINDS, ApiScope, Organisation, Person, User

__all__ = ["api_passport_people", "api_passport_scopes", "import_target_people", "may_import_passport",
           "may_share_passport", "passport_people", "passport_recipients", "passport_shares",
           "shared_passport_or_404"]


def passport_people(user: User) -> QuerySet[Person]:
    """The person themself, the HR admins of their organisation, national admins."""
    if not user.is_authenticated:
        return Person.objects.none()
    visible = Q(organisation__in=core.managed_organisations(user))
    person = core.own_person(user)
    if person is not None:
        visible |= Q(pk=person.pk)
    return Person.objects.filter(visible)


def may_share_passport(user: User, person: Person) -> bool:
    """The person, or their HR admin on their behalf (someone moving before they have a login)."""
    return passport_people(user).filter(pk=person.pk, active=True).exists()


def passport_shares(user: User) -> QuerySet[PassportShare]:
    """Shares the user sees and may revoke: those of passports they read."""
    return PassportShare.objects.filter(person__in=passport_people(user))


def passport_recipients(person: Person) -> QuerySet[Organisation]:
    """The NHS employers a passport can be shared with: any active trust but the person's own."""
    employers = Organisation.objects.filter(kind__in=EMPLOYER_KINDS, active=True)
    return employers.exclude(pk=person.organisation_id)


def shared_passport_or_404(user: User, token: str) -> PassportShare:
    """The share behind a link, for the receiving organisation's staff (and for those who read the
    passport anyway); anyone else, or a token nobody issued, gets 404. Expiry is the page's to show."""
    share = (PassportShare.objects.select_related("person", "person__organisation", "recipient")
             .filter(token_hash=token_hash(token)).first())
    if share is None or not user.is_authenticated:
        raise Http404
    person = core.own_person(user)
    in_recipient = (person is not None and person.organisation_id == share.recipient_id) \
        or core.is_hr_admin(user, share.recipient_id)
    if in_recipient or passport_people(user).filter(pk=share.person_id).exists():
        return share
    raise Http404


def may_import_passport(user: User, share: PassportShare) -> bool:
    return core.is_hr_admin(user, share.recipient_id)


def import_target_people(user: User, share: PassportShare) -> QuerySet[Person]:
    """The receiving organisation's current staff records the passport may be imported into."""
    if not may_import_passport(user, share):
        return Person.objects.none()
    return Person.objects.filter(organisation_id=share.recipient_id, active=True).exclude(pk=share.person_id)


# The API: /api/v1/passports/{person}/ is for the home organisation's client (its own staff only);
# a signed-in user reads what the pages show them. Each section needs its own area's scope.
SECTION_SCOPES = {
    "values": ApiScope.COMMUNICATIONS_READ,
    "competencies": ApiScope.DEVELOPMENT_READ,
    "qualifications": ApiScope.TRAINING_READ,
    "training": ApiScope.TRAINING_READ,
    "appraisals": ApiScope.APPRAISALS_READ,
    "talent": ApiScope.TALENT_READ,
}


def api_passport_people(request) -> QuerySet[Person]:
    client = core.api_client(request)
    if client is None:
        return passport_people(request.user)
    return Person.objects.filter(organisation_id=client.organisation_id)


def api_passport_scopes(request) -> set[str]:
    """The sections' scopes the request may read: a client's token decides; a signed-in user reads all."""
    if core.api_client(request) is None:
        return set(SECTION_SCOPES.values())
    return {scope for scope in set(SECTION_SCOPES.values()) if request.auth.allow_scopes([scope])}
