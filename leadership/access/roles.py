"""Access rules for granting roles: part of leadership.access, the one place that decides."""

from django.db.models import QuerySet

from leadership.access import grants, is_national_admin, managed_organisations
from leadership.models import FOOTPRINT_KINDS, Organisation, OrganisationKind, Role, RoleAssignment, User

# HR admins grant and revoke their own organisation's HR admins and board secretaries; national
# admins grant any role anywhere it fits. Only a national admin removes an organisation's last HR admin.

TRUST_ROLES = (Role.HR_ADMIN, Role.BOARD_SECRETARY)
NATIONAL_BODY_ROLES = (Role.NATIONAL_ADMIN, Role.EDUCATION_LEAD)


def roles_that_fit(organisation: Organisation) -> list[str]:
    """The roles an organisation of this kind can hold."""
    if organisation.kind in FOOTPRINT_KINDS:
        return [Role.FOOTPRINT_VIEWER, *TRUST_ROLES, Role.MODERATOR]
    if organisation.kind == OrganisationKind.NATIONAL_BODY:
        return [*NATIONAL_BODY_ROLES, Role.HR_ADMIN, Role.MODERATOR]
    return [*TRUST_ROLES, Role.MODERATOR]


def grantable_roles(user: User, organisation: Organisation) -> list[str]:
    """The roles the user may grant or revoke at the organisation."""
    if is_national_admin(user):
        return roles_that_fit(organisation)
    if organisation.id in grants(user).orgs(Role.HR_ADMIN):
        return [role for role in TRUST_ROLES if role in roles_that_fit(organisation)]
    return []


def role_holders(user: User, organisation: Organisation) -> QuerySet[RoleAssignment]:
    """The organisation's roles, for the people who manage it."""
    if not managed_organisations(user).filter(id=organisation.id).exists():
        return RoleAssignment.objects.none()
    return RoleAssignment.objects.filter(organisation=organisation)


def revocable_roles(user: User) -> QuerySet[RoleAssignment]:
    """Role assignments the user may open for revoking (the last HR admin rule is the service's)."""
    assignments = RoleAssignment.objects.filter(organisation__in=managed_organisations(user))
    return assignments if is_national_admin(user) else assignments.filter(role__in=TRUST_ROLES)


def is_last_hr_admin(assignment: RoleAssignment) -> bool:
    """Whether revoking this leaves its organisation with no active HR admin."""
    if assignment.role != Role.HR_ADMIN:
        return False
    return not RoleAssignment.objects.filter(
        organisation_id=assignment.organisation_id, role=Role.HR_ADMIN, user__is_active=True,
    ).exclude(pk=assignment.pk).exists()


def may_remove_last_hr_admin(user: User) -> bool:
    return is_national_admin(user)
