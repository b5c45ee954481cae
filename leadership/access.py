"""The one place that decides what an actor may see or change.

Views, API viewsets, exports, dashboards and tasks take their querysets from here. Anything outside
these querysets answers 404, so "not found" and "not yours" look the same.
"""

from dataclasses import dataclass, field
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404

from leadership.models import (
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


def grants(user: User) -> Grants:
    if not user.is_authenticated or not user.is_active:
        return Grants()
    cached = getattr(user, "_portal_grants", None)
    if cached is None:
        by_role: dict[str, set[int]] = {}
        rows = RoleAssignment.objects.filter(user=user).values_list("role", "organisation_id")
        for role, organisation_id in rows:
            by_role.setdefault(role, set()).add(organisation_id)
        cached = Grants({role: frozenset(ids) for role, ids in by_role.items()})
        user._portal_grants = cached
    return cached


def is_national_admin(user: User) -> bool:
    return grants(user).has(Role.NATIONAL_ADMIN)


def sees_every_organisation(user: User) -> bool:
    return any(grants(user).has(role) for role in NATIONAL_ROLES)


def own_person(user: User) -> Person | None:
    if not user.is_authenticated:
        return None
    try:
        return user.person
    except Person.DoesNotExist:
        return None


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
    if is_national_admin(user):
        return Person.objects.all()
    g = grants(user)
    visible = Q(organisation_id__in=g.orgs(Role.HR_ADMIN))
    visible |= Q(
        organisation_id__in=g.orgs(Role.BOARD_SECRETARY),
        management_level__in=[ManagementLevel.EXECUTIVE, ManagementLevel.BOARD],
    )
    person = own_person(user)
    if person is not None:
        visible |= Q(id=person.id) | Q(id__in=RawSQL(_report_ids_sql(), [person.id]))  # noqa: S611 - parameterised
    return Person.objects.filter(visible)


def manageable_people(user: User) -> QuerySet[Person]:
    """People whose records the user may change."""
    return Person.objects.filter(organisation__in=managed_organisations(user))


def imports(user: User):
    from leadership.models import PeopleImport

    return PeopleImport.objects.filter(organisation__in=managed_organisations(user))


def role_assignments(user: User) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.filter(organisation__in=managed_organisations(user))


def can_manage_organisation(user: User, organisation: Organisation) -> bool:
    return managed_organisations(user).filter(id=organisation.id).exists()


def get_or_404(queryset: QuerySet, public_id: UUID | str):
    """Fetch by public id inside an access queryset: another organisation's row is a 404."""
    try:
        return queryset.get(public_id=public_id)
    except (queryset.model.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None
