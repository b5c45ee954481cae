"""The one place that decides what an actor may see or change.

Views, API viewsets, exports, dashboards and tasks take their querysets from here. Anything outside
these querysets answers 404, so "not found" and "not yours" look the same.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404

from leadership.models import (
    FOOTPRINT_KINDS,
    PERSONAL_SCOPES,
    ApiClient,
    ApiScope,
    DataSharingAgreement,
    ManagementLevel,
    Organisation,
    Person,
    Role,
    RoleAssignment,
    User,
)

NATIONAL_ROLES = {Role.NATIONAL_ADMIN, Role.EDUCATION_LEAD}


@dataclass(frozen=True)
class Grants:
    """The organisations in which a user holds each role, read once per request."""

    by_role: dict[str, frozenset[int]] = field(default_factory=dict)

    def orgs(self, role: str) -> frozenset[int]:
        return self.by_role.get(role, frozenset())

    def has(self, role: str, organisation_id: int | None = None) -> bool:
        orgs = self.orgs(role)
        return bool(orgs) if organisation_id is None else organisation_id in orgs


_GRANTS_WITH_PREDECESSORS_SQL = """
    WITH RECURSIVE reach(role, organisation_id) AS (
        SELECT role, organisation_id FROM leadership_roleassignment WHERE user_id = %s
        UNION
        SELECT reach.role, o.id FROM leadership_organisation o
        JOIN reach ON o.successor_id = reach.organisation_id
    ) SELECT role, organisation_id FROM reach
"""


def with_predecessors(organisation_ids) -> frozenset[int]:
    """The organisations and every organisation merged into them, however long ago (R13)."""
    found = set(organisation_ids)
    frontier = set(found)
    while frontier:
        merged = Organisation.objects.filter(successor_id__in=frontier).values_list("id", flat=True)
        frontier = set(merged) - found
        found |= frontier
    return frozenset(found)


def grants(user: User) -> Grants:
    if not user.is_authenticated or not user.is_active:
        return Grants()
    cached = getattr(user, "_portal_grants", None)
    if cached is None:
        by_role: dict[str, set[int]] = {}
        # A role in a successor reaches the organisations it took over (R13: history stays readable).
        with connection.cursor() as cursor:
            cursor.execute(_GRANTS_WITH_PREDECESSORS_SQL, [user.pk])
            rows = cursor.fetchall()
        for role, organisation_id in rows:
            by_role.setdefault(role, set()).add(organisation_id)
        cached = Grants({role: frozenset(ids) for role, ids in by_role.items()})
        user._portal_grants = cached
    return cached


def is_national_admin(user: User) -> bool:
    return grants(user).has(Role.NATIONAL_ADMIN)


def sees_every_organisation(user: User) -> bool:
    return any(grants(user).has(role) for role in NATIONAL_ROLES)


def is_hr_admin(user: User, organisation_id: int | None = None) -> bool:
    """HR admin of that organisation (of any, without one)."""
    return grants(user).has(Role.HR_ADMIN, organisation_id)


def hr_admin_organisation_ids(user: User) -> frozenset[int]:
    return grants(user).orgs(Role.HR_ADMIN)


# Named rules for pages and the header (one name per rule) ---------------------------------------

def sees_people_list(user: User) -> bool:
    g = grants(user)
    return any(g.has(role) for role in (Role.HR_ADMIN, Role.NATIONAL_ADMIN, Role.BOARD_SECRETARY))


def sees_security_log(user: User) -> bool:
    return is_national_admin(user)


def sees_undelivered_mail(user: User) -> bool:
    return is_national_admin(user)


def opens_django_admin(user: User) -> bool:
    return is_national_admin(user) and user.is_staff


# Roles whose holders must use two-factor authentication (DESIGN.md, security).
MFA_ROLES = frozenset({Role.HR_ADMIN, Role.EDUCATION_LEAD, Role.BOARD_SECRETARY, Role.NATIONAL_ADMIN,
                       Role.MODERATOR})


def needs_mfa(user: User) -> bool:
    g = grants(user)
    return user.is_superuser or any(g.has(role) for role in MFA_ROLES)


# Who is told: the users holding a role, for notifications -----------------------------------------

def hr_admin_users(organisation_ids) -> QuerySet[User]:
    """Active HR admins of those organisations."""
    return User.objects.filter(role_assignments__role=Role.HR_ADMIN,
                               role_assignments__organisation_id__in=organisation_ids,
                               is_active=True).distinct()


def national_admin_users() -> QuerySet[User]:
    return User.objects.filter(role_assignments__role=Role.NATIONAL_ADMIN, is_active=True).distinct()


def education_lead_users() -> QuerySet[User]:
    return User.objects.filter(role_assignments__role=Role.EDUCATION_LEAD, is_active=True).distinct()


def hr_admin_grants() -> QuerySet:
    """(organisation_id, user_id) of every HR admin grant: sweeps join it in SQL to tell organisations."""
    return RoleAssignment.objects.filter(role=Role.HR_ADMIN).values("organisation_id", "user_id")


def hr_admins_by_organisation(organisation_ids) -> dict[int, list[User]]:
    """Each organisation's HR admins (one query), for sweeps that tell many organisations at once."""
    found: dict[int, list[User]] = {}
    for grant in RoleAssignment.objects.filter(organisation_id__in=organisation_ids,
                                               role=Role.HR_ADMIN).select_related("user"):
        found.setdefault(grant.organisation_id, []).append(grant.user)
    return found


def own_person(user: User) -> Person | None:
    """The user's own staff record; a leaver's record no longer makes them anyone's manager."""
    if not user.is_authenticated:
        return None
    try:
        person = user.person
    except Person.DoesNotExist:
        return None
    return person if person.active else None


def organisations_under(footprint_ids: frozenset[int] | set[int]) -> set[int]:
    """The footprints, their predecessors (a CCG's history follows its ICB) and all below them."""
    found = set(footprint_ids)
    found |= set(Organisation.objects.filter(successor_id__in=found).values_list("id", flat=True))
    frontier = set(found)
    while frontier:
        children = set(
            Organisation.objects.filter(parent_id__in=frontier).values_list("id", flat=True)
        )
        frontier = children - found
        found |= frontier
    return found


# The footprint rule. An ICB, CCG or region (its footprint viewers, its API clients) sees organisation
# records and figures for every organisation under it (organisations_under), but row-level personal
# records only of its own staff, or of a trust under it that has recorded a live data-sharing agreement
# with it covering that area (scope). personal_reach is the one place that says whose staff that is.


@dataclass(frozen=True)
class PersonalReach:
    """The organisations whose staff's personal records (in one area) an actor reads in full."""

    own: frozenset[int]  # its own staff: a client's organisation, a user's HR-admin organisations
    agreed: frozenset[int]  # trusts sharing with one of its footprints: consent rules still apply

    @property
    def ids(self) -> frozenset[int]:
        return self.own | self.agreed


def agreed_trust_ids(footprint_ids, scope: str) -> frozenset[int]:
    """Trusts still under those footprints with an agreement in force today that covers the scope."""
    if scope not in PERSONAL_SCOPES:
        raise ValueError(f"{scope!r} is not a personal-records scope.")
    if not footprint_ids:
        return frozenset()
    rows = DataSharingAgreement.objects.live().filter(
        footprint_id__in=footprint_ids, scopes__contains=[scope]).values_list("footprint_id", "trust_id")
    by_footprint: dict[int, set[int]] = {}
    for footprint_id, trust_id in rows:
        by_footprint.setdefault(footprint_id, set()).add(trust_id)
    # A trust that has since moved out from under the footprint no longer shares with it.
    return frozenset(trust_id for footprint_id, trusts in by_footprint.items()
                     for trust_id in trusts & organisations_under({footprint_id}))


def personal_reach(actor: "User | ApiClient", scope: str) -> PersonalReach:
    """Whose staff records in the scope's area the actor reads: an API client its own organisation's,
    a user those of the organisations where they are HR admin; plus, for a client of a footprint or a
    footprint viewer, the trusts that share with that footprint. National admins are handled by callers."""
    if isinstance(actor, ApiClient):
        own = with_predecessors({actor.organisation_id})
        footprints = own if actor.organisation.kind in FOOTPRINT_KINDS else frozenset()
    else:
        g = grants(actor)
        own, footprints = g.orgs(Role.HR_ADMIN), g.orgs(Role.FOOTPRINT_VIEWER)
    return PersonalReach(own=own, agreed=agreed_trust_ids(footprints, scope) - own)


def personal_organisation_ids(actor: "User | ApiClient", scope: str) -> frozenset[int]:
    return personal_reach(actor, scope).ids


def footprints_above(organisation: Organisation) -> QuerySet[Organisation]:
    """The ICBs, CCGs and regions whose reach holds the organisation: a trust may share with these."""
    ids, current, seen = set(), organisation.parent, set()
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        ids.add(current.pk)
        if current.successor_id:  # a dissolved CCG's trusts follow its successor ICB
            ids.add(current.successor_id)
        current = current.parent
    return Organisation.objects.filter(id__in=ids, kind__in=FOOTPRINT_KINDS).order_by("kind", "name")


def sharing_agreements(user: User) -> QuerySet[DataSharingAgreement]:
    """Agreements the user may read: those their managed organisations gave or received."""
    managed = managed_organisations(user)
    return DataSharingAgreement.objects.filter(Q(trust__in=managed) | Q(footprint__in=managed))


def managed_sharing_agreements(user: User) -> QuerySet[DataSharingAgreement]:
    """Agreements the user may revoke: their trust's, as its HR admin (national admins: any)."""
    return DataSharingAgreement.objects.filter(trust__in=managed_organisations(user))


def may_record_sharing_agreement(user: User, trust: Organisation) -> bool:
    return can_manage_organisation(user, trust)


def organisations(user: User) -> QuerySet[Organisation]:
    """Organisations whose pages the user may open."""
    if sees_every_organisation(user):
        return Organisation.objects.all()
    g = grants(user)
    ids = set(g.orgs(Role.HR_ADMIN) | g.orgs(Role.BOARD_SECRETARY))
    ids |= organisations_under(g.orgs(Role.FOOTPRINT_VIEWER))
    person = own_person(user)
    if person is not None:
        ids.add(person.organisation_id)
    return Organisation.objects.filter(id__in=ids)


def managed_organisations(user: User) -> QuerySet[Organisation]:
    """Organisations whose people, imports and roles the user may change."""
    if is_national_admin(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(id__in=grants(user).orgs(Role.HR_ADMIN))


def _report_ids_sql() -> str:
    return """
        WITH RECURSIVE chain(id) AS (
            SELECT id FROM leadership_person WHERE line_manager_id = %s
            UNION
            SELECT p.id FROM leadership_person p JOIN chain c ON p.line_manager_id = c.id
        ) SELECT id FROM chain
    """


def reports(user: User) -> QuerySet[Person]:
    """Everyone below the user in the line-management hierarchy."""
    person = own_person(user)
    if person is None:
        return Person.objects.none()
    return Person.objects.filter(id__in=RawSQL(_report_ids_sql(), [person.id]))  # noqa: S611 - parameterised


def people(user: User) -> QuerySet[Person]:
    """People whose records the user may read."""
    return Person.objects.filter(people_q(user, ApiScope.PEOPLE_READ))


def people_q(user: User, scope: str) -> Q:
    """People visibility, with a footprint's agreed trusts for the area (scope) being read."""
    if is_national_admin(user):
        return Q()
    if not user.is_authenticated:
        return Q(pk__in=[])
    g = grants(user)
    visible = Q(organisation_id__in=personal_organisation_ids(user, scope))
    visible |= Q(
        organisation_id__in=g.orgs(Role.BOARD_SECRETARY),
        management_level__in=[ManagementLevel.EXECUTIVE, ManagementLevel.BOARD],
    )
    person = own_person(user)
    if person is not None:
        visible |= Q(id=person.id) | Q(id__in=RawSQL(_report_ids_sql(), [person.id]))  # noqa: S611 - parameterised
    return visible


def manageable_people(user: User) -> QuerySet[Person]:
    """People whose records the user may change."""
    return Person.objects.filter(organisation__in=managed_organisations(user))


def imports(user: User):
    from leadership.models import PeopleImport

    return PeopleImport.objects.filter(organisation__in=managed_organisations(user))


def role_assignments(user: User) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.filter(organisation__in=managed_organisations(user))


def notifications(user: User):
    """A person's own notifications, and nobody else's."""
    from leadership.models import Notification

    return Notification.objects.filter(recipient_id=user.pk) if user.is_authenticated \
        else Notification.objects.none()


def api_clients(user: User):
    """The API clients of organisations the user manages."""
    from leadership.models import ApiClient

    return ApiClient.objects.filter(organisation__in=managed_organisations(user))


def security_events(user: User):
    """The security event log is for national admins only."""
    from leadership.models import SecurityEvent

    if not is_national_admin(user):
        return SecurityEvent.objects.none()
    return SecurityEvent.objects.all()


def undelivered_notifications(user: User):
    """Emails that failed or wait to be tried again: national admins only (they span every organisation)."""
    from leadership.models import Notification

    if not is_national_admin(user):
        return Notification.objects.none()
    return Notification.objects.filter(
        Q(email_state=Notification.EmailState.FAILED)
        | Q(email_state=Notification.EmailState.PENDING, email_attempts__gt=0)
    )


def can_manage_organisation(user: User, organisation: Organisation) -> bool:
    return managed_organisations(user).filter(id=organisation.id).exists()


def get_or_404(queryset: QuerySet, public_id: UUID | str):
    """Fetch by public id inside an access queryset: another organisation's row is a 404."""
    try:
        return queryset.get(public_id=public_id)
    except (queryset.model.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None


def managed_organisation_or_404(user: User, ods_code: str) -> Organisation:
    """An organisation whose people, imports and roles the user may change, by ODS code; else 404."""
    organisation = managed_organisations(user).filter(ods_code=ods_code.upper()).first()
    if organisation is None:
        raise Http404
    return organisation


# The REST API. Its actor is a signed-in user (the rules above, unchanged) or an API client: a
# trust's, CCG's or ICB's system bound to one organisation. Viewsets call api_* with the request.

# Resources a client can mirror, named as their routes: each has a deletions feed (api_deletions),
# registered by the app that owns it (AppConfig.ready), with the read scope the feed needs.
@dataclass(frozen=True)
class DeletionFeed:
    scope: str
    rows: Callable[[object], QuerySet]  # the request -> delete events the actor may hear of


_DELETION_FEEDS: dict[str, DeletionFeed] = {}
# The OpenAPI schema of the feed's `resource` parameter: its enum grows as apps register their feeds.
DELETION_RESOURCE_SCHEMA: dict = {"type": "string", "enum": []}


def register_deletion_feed(resource: str, *, scope: str, rows: Callable[[object], QuerySet]) -> None:
    _DELETION_FEEDS[resource] = DeletionFeed(scope=scope, rows=rows)
    if resource not in DELETION_RESOURCE_SCHEMA["enum"]:
        DELETION_RESOURCE_SCHEMA["enum"].append(resource)


def deletion_feeds() -> dict[str, DeletionFeed]:
    """Every mirrorable resource's feed, by resource name."""
    return dict(_DELETION_FEEDS)


def api_client(request):
    """The live API client whose token authenticated the request; None for a session user."""
    application = getattr(getattr(request, "auth", None), "application", None)
    client = getattr(application, "api_client", None)
    return None if client is None or client.revoked_at is not None else client


def api_client_organisation_ids(client) -> frozenset[int]:
    """Organisations (and their figures) a client reads: its own, and for an ICB, CCG or region every
    organisation under it. Their staff's personal records follow api_personal_reach instead."""

    if client.organisation.kind in FOOTPRINT_KINDS:
        return frozenset(organisations_under({client.organisation_id}))
    return with_predecessors({client.organisation_id})  # a merged trust's records follow its successor


def _api_client_organisation_ids(request, client) -> frozenset[int]:
    cached = getattr(request, "_api_organisation_ids", None)
    if cached is None:
        cached = request._api_organisation_ids = api_client_organisation_ids(client)
    return cached


def api_personal_reach(request, client, scope: str) -> PersonalReach:
    """personal_reach for the request's client, read once per request and scope."""
    cache = request.__dict__.setdefault("_api_personal_reach", {})
    if scope not in cache:
        cache[scope] = personal_reach(client, scope)
    return cache[scope]


def api_personal_ids(request, client, scope: str) -> frozenset[int]:
    return api_personal_reach(request, client, scope).ids


def api_organisations(request) -> QuerySet[Organisation]:
    client = api_client(request)
    if client is None:
        return organisations(request.user)
    return Organisation.objects.filter(id__in=_api_client_organisation_ids(request, client))


def api_people(request) -> QuerySet[Person]:
    """Staff records: a client reads its own organisation's, and a footprint's client those of trusts
    sharing people records with it (personal_reach), as a footprint viewer does on the pages."""
    client = api_client(request)
    if client is None:
        return people(request.user)
    return Person.objects.filter(organisation_id__in=api_personal_ids(request, client, ApiScope.PEOPLE_READ))


def api_deletions(request, resource: str) -> QuerySet:
    """Delete events (pghistory) of rows the actor could have listed before they were deleted."""
    if resource not in _DELETION_FEEDS:
        raise ValueError(f"Unknown API resource {resource!r}.")
    return _DELETION_FEEDS[resource].rows(request)


def delete_events(app_label: str, event_model: str) -> QuerySet:
    from django.apps import apps

    return apps.get_model(app_label, event_model).objects.filter(pgh_label="delete")


def api_deletion_reach(request, scope: str | None = None) -> frozenset[int] | None:
    """Organisations whose deleted rows the actor hears of; None for all.

    With a scope, for personal records: the actor's personal_reach, as their lists. Without, for
    organisation records: a client's organisations; a signed-in user's HR-admin organisations (a
    deleted row no longer answers to the rules above, so only those whose every row they read)."""
    client = api_client(request)
    if client is not None:
        if scope is not None:
            return api_personal_ids(request, client, scope)
        ids = _api_client_organisation_ids(request, client)
        if client.organisation.kind not in FOOTPRINT_KINDS:
            return ids
        # An organisation deleted from under a footprint still reports its rows' deletions there: the
        # same reach as organisations_under (successors of the footprint itself, children of any).
        gone = delete_events("leadership", "OrganisationEvent").filter(
            Q(parent_id__in=ids) | Q(successor_id=client.organisation_id))
        return ids | frozenset(gone.values_list("pgh_obj_id", flat=True))
    if is_national_admin(request.user):
        return None
    if scope is not None:
        return personal_organisation_ids(request.user, scope)
    return grants(request.user).orgs(Role.HR_ADMIN)


def deleted_or_current_staff_of(organisation_ids) -> Q:
    """Rows (or their delete events) whose person is, or was when deleted, in those organisations: a
    cascade from deleting a person writes the person's delete event in the same transaction."""
    from django.apps import apps

    person_events = apps.get_model("leadership", "PersonEvent").objects
    return Q(person_id__in=Person.objects.filter(organisation_id__in=organisation_ids).values("id")) | Q(
        person_id__in=person_events.filter(pgh_label="delete", organisation_id__in=organisation_ids)
        .values("pgh_obj_id")
    )


def deletions_by_organisation(request, app_label: str, event_model: str, scope: str | None) -> QuerySet:
    """Delete events of rows that carry their organisation, for the organisations in the actor's reach
    (a scope for personal records, None for organisation records)."""
    deletes = delete_events(app_label, event_model)
    reach = api_deletion_reach(request, scope)
    return deletes if reach is None else deletes.filter(organisation_id__in=reach)


def deletions_by_staff(request, deletes: QuerySet, scope: str) -> QuerySet:
    """Those delete events of rows that belong to a person, for the staff in the actor's personal reach."""
    reach = api_deletion_reach(request, scope)
    return deletes if reach is None else deletes.filter(deleted_or_current_staff_of(reach))


def _people_deletions(request) -> QuerySet:
    deletes = delete_events("leadership", "PersonEvent")
    reach = api_deletion_reach(request, ApiScope.PEOPLE_READ)
    return deletes if reach is None else deletes.filter(organisation_id__in=reach)


def _organisation_deletions(request) -> QuerySet:
    deletes = delete_events("leadership", "OrganisationEvent")
    client = api_client(request)
    if client is not None:
        ids = _api_client_organisation_ids(request, client)
    elif sees_every_organisation(request.user):
        return deletes
    else:
        ids = set(organisations(request.user).values_list("id", flat=True))
    return deletes.filter(Q(pgh_obj_id__in=ids) | Q(parent_id__in=ids))


# The core's own feature areas (development, dashboards' figures, data rights) answer from here too;
# training, appraisal and talentpool keep their rules in their own access modules, on this core.
from leadership.access.dashboards import *  # noqa: E402, F403
from leadership.access.data_rights import *  # noqa: E402, F403
from leadership.access.development import *  # noqa: E402, F403
from leadership.access.invitations import *  # noqa: E402, F403
from leadership.access.roles import *  # noqa: E402, F403

register_deletion_feed("organisations", scope=ApiScope.ORGANISATIONS_READ, rows=_organisation_deletions)
register_deletion_feed("people", scope=ApiScope.PEOPLE_READ, rows=_people_deletions)
for _resource, _rows in {
    "competency-frameworks": api_competency_framework_deletions,  # noqa: F405
    "assessments": api_assessment_deletions,  # noqa: F405
    "development-plans": api_development_plan_deletions,  # noqa: F405
    "action-cycles": api_action_cycle_deletions,  # noqa: F405
}.items():
    register_deletion_feed(_resource, scope=ApiScope.DEVELOPMENT_READ, rows=_rows)
from leadership.access.leavers import *  # noqa: E402, F403

# The header's sections, one named rule each.
from leadership.access.menus import *  # noqa: E402, F403
from leadership.access.mergers import *  # noqa: E402, F403
from leadership.access.pathways import *  # noqa: E402, F403
