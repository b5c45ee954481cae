"""Communications' row rules (broadcasts, handbook, passports, boards), on leadership.access."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from communications.handbook.access import *  # noqa: F403
from communications.models import Board, BoardPost, BoardThread, Broadcast, PostReport
from communications.passport.access import *  # noqa: F403
from leadership.access import *  # noqa: F403 - the core's rules too, so this app asks one module
from leadership.access import (
    _api_client_organisation_ids,
    api_client,
    delete_events,
    exact_figure_organisations,
    grants,
    is_national_admin,
    own_person,
)
from leadership.models import Organisation, OrganisationKind, Person, Role, User

# Broadcasts (R1) --------------------------------------------------------------------------------
# A national admin sends from their national body to any audience; an HR admin sends to their own
# organisation's staff only. Staff see what is aimed at them once published; the sending
# organisation's senders see what it sent; an HR admin sees what reached their organisation (its
# rates, and a national broadcast they may pass on).

CASCADING_KINDS = frozenset(
    {OrganisationKind.NHS_TRUST, OrganisationKind.FOUNDATION_TRUST, OrganisationKind.ICB}
)


def broadcast_sender_organisations(user: User) -> QuerySet[Organisation]:
    """Organisations the user may send a broadcast from."""
    g = grants(user)
    return Organisation.objects.filter(id__in=g.orgs(Role.NATIONAL_ADMIN) | g.orgs(Role.HR_ADMIN))


def sends_national_broadcasts(user: User, organisation: Organisation) -> bool:
    """A national admin, sending from their national body: any audience. Anyone else: their own staff."""
    return grants(user).has(Role.NATIONAL_ADMIN, organisation.id)


def may_send_broadcasts(user: User) -> bool:
    g = grants(user)
    return g.has(Role.NATIONAL_ADMIN) or g.has(Role.HR_ADMIN)


def aimed_at_q(person: Person) -> Q:
    """Broadcasts whose audience holds this person (each dimension given must match)."""
    reached = Q(everyone=True) | Q(reach=person.organisation_id)
    levels = Q(management_levels=[]) | Q(management_levels__contains=[person.management_level])
    roles = Q(commissioner_roles=[])
    if person.commissioner_roles:
        roles |= Q(commissioner_roles__overlap=person.commissioner_roles)
    return reached & levels & roles


def published_q(now=None) -> Q:
    now = now or timezone.now()
    return Q(publish_at__lte=now) & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def broadcasts_for_me(user: User) -> QuerySet[Broadcast]:
    """The feed: published, unexpired broadcasts aimed at the user's own staff record."""
    person = own_person(user)
    if person is None:
        return Broadcast.objects.none()
    ids = Broadcast.objects.filter(aimed_at_q(person), published_q()).values("id")
    return Broadcast.objects.filter(id__in=ids)


def broadcasts(user: User) -> QuerySet[Broadcast]:
    """Broadcasts the user may open: aimed at them once published, sent by their organisation, or
    (HR admins) reaching their organisation; national admins every one."""
    if is_national_admin(user):
        return Broadcast.objects.all()
    if not user.is_authenticated:
        return Broadcast.objects.none()
    g = grants(user)
    hr_orgs = g.orgs(Role.HR_ADMIN)
    visible = Q(sender_organisation_id__in=hr_orgs)
    if hr_orgs:
        visible |= Q(publish_at__lte=timezone.now()) & (Q(everyone=True) | Q(reach__in=hr_orgs))
    person = own_person(user)
    if person is not None:
        visible |= aimed_at_q(person) & Q(publish_at__lte=timezone.now())
    return Broadcast.objects.filter(id__in=Broadcast.objects.filter(visible).values("id"))


def sent_broadcasts(user: User) -> QuerySet[Broadcast]:
    """Broadcasts sent from the organisations the user sends for."""
    if is_national_admin(user):
        return Broadcast.objects.all()
    return Broadcast.objects.filter(sender_organisation_id__in=grants(user).orgs(Role.HR_ADMIN))


def rate_organisations(user: User, broadcast: Broadcast) -> frozenset[int] | None:
    """Organisations whose read rates the user sees for this broadcast: every one (None) for its
    senders and national admins; their own for HR admins of an organisation it reached; else none."""
    g = grants(user)
    if is_national_admin(user) or g.has(Role.HR_ADMIN, broadcast.sender_organisation_id):
        return None
    return g.orgs(Role.HR_ADMIN)


def sees_broadcast_rates(user: User, broadcast: Broadcast) -> bool:
    ids = rate_organisations(user, broadcast)
    return ids is None or bool(ids)


def rates_exact_for(user: User) -> frozenset[int]:
    """Organisations whose rates the user sees exactly (their employer's); the rest follow disclosure.py."""
    return exact_figure_organisations(user)


def cascade_organisations(user: User, broadcast: Broadcast) -> QuerySet[Organisation]:
    """The trusts and ICBs the user may pass this broadcast on from: HR admins of one it reached."""
    orgs = Organisation.objects.filter(id__in=grants(user).orgs(Role.HR_ADMIN), kind__in=CASCADING_KINDS)
    if not broadcast.everyone:
        orgs = orgs.filter(id__in=broadcast.reach.values("id"))
    return orgs


def api_broadcasts(request) -> QuerySet[Broadcast]:
    """A client reads published broadcasts aimed at its organisations, and those its organisation sent."""
    client = api_client(request)
    if client is None:
        return broadcasts(request.user)
    ids = _api_client_organisation_ids(request, client)
    visible = Q(sender_organisation_id=client.organisation_id) | Q(publish_at__lte=timezone.now()) & (
        Q(everyone=True) | Q(reach__in=ids)
    )
    return Broadcast.objects.filter(id__in=Broadcast.objects.filter(visible).values("id"))


def api_rate_organisations(request) -> tuple[frozenset[int] | None, frozenset[int]]:
    """(organisations whose rates the actor reads, None for all; those it reads exactly)."""
    client = api_client(request)
    if client is None:
        g = grants(request.user)
        return (
            None if is_national_admin(request.user) else g.orgs(Role.HR_ADMIN),
            exact_figure_organisations(request.user),
        )
    return _api_client_organisation_ids(request, client), frozenset({client.organisation_id})


def api_broadcast_deletions(request) -> QuerySet:
    """A deleted broadcast is heard where it was sent from, and by everyone when it was for everyone."""
    deletes = delete_events("communications", "BroadcastEvent")
    client = api_client(request)
    if client is None:
        if is_national_admin(request.user):
            return deletes
        return deletes.filter(
            Q(everyone=True) | Q(sender_organisation_id__in=grants(request.user).orgs(Role.HR_ADMIN))
        )
    return deletes.filter(Q(everyone=True) | Q(sender_organisation_id=client.organisation_id))


# Best-practice boards (R17) ---------------------------------------------------------------------
# Boards are NHS-wide: every signed-in person reads and posts. Moderators (national admins and holders
# of the moderator role) also see hidden posts, hide and restore them.


def is_moderator(user: User) -> bool:
    g = grants(user)
    return g.has(Role.NATIONAL_ADMIN) or g.has(Role.MODERATOR)


def boards(user: User) -> QuerySet[Board]:
    return Board.objects.all() if user.is_authenticated else Board.objects.none()


def threads(user: User) -> QuerySet[BoardThread]:
    """Threads the user may open: all but hidden ones, which moderators still see."""
    if not user.is_authenticated:
        return BoardThread.objects.none()
    if is_moderator(user):
        return BoardThread.objects.all()
    return BoardThread.objects.filter(hidden_at__isnull=True)


def posts(user: User) -> QuerySet[BoardPost]:
    """Posts of the threads the user may open (a hidden post is shown as hidden, by the presenter)."""
    return BoardPost.objects.filter(thread__in=threads(user))


def may_accept_answer(user: User, thread: BoardThread) -> bool:
    return thread.author_id == user.pk or is_moderator(user)


def open_reports(user: User) -> QuerySet[PostReport]:
    """The moderation queue: open reports, for moderators only."""
    if not is_moderator(user):
        return PostReport.objects.none()
    return PostReport.objects.filter(closed_at__isnull=True)


def moderation_posts(user: User) -> QuerySet[BoardPost]:
    """Posts a moderator may hide or restore: every post; nobody else's."""
    return BoardPost.objects.all() if is_moderator(user) else BoardPost.objects.none()


def api_board_threads(request) -> QuerySet[BoardThread]:
    """Boards are NHS-wide: every client reads every thread that is not hidden."""
    return BoardThread.objects.filter(hidden_at__isnull=True)


def api_board_thread_deletions(request) -> QuerySet:
    return delete_events("communications", "BoardThreadEvent")


def has_open_report_q() -> Exists:
    return Exists(PostReport.objects.filter(post=OuterRef("pk"), closed_at__isnull=True))


def moderator_users() -> QuerySet[User]:
    """Who is told of a report: holders of the moderator role and national admins."""
    return User.objects.filter(
        role_assignments__role__in=[Role.MODERATOR, Role.NATIONAL_ADMIN], is_active=True
    ).distinct()
