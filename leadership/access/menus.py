"""Which sections the header offers a user: one named rule per menu entry (part of leadership.access).

Each rule reads the user's grants (read once per request) and their own staff record (cached on the
user), so the header costs no query of its own. The pages still decide access for themselves.
"""

from leadership.access import (
    NATIONAL_ROLES,
    grants,
    is_national_admin,
    opens_django_admin,
    own_person,
    sees_people_list,
    sees_security_log,
    sees_undelivered_mail,
)
from leadership.models import ManagementLevel, Role, User

__all__ = [
    "menu_shows_admin", "menu_shows_appraisal", "menu_shows_dashboards", "menu_shows_my_development",
    "menu_shows_my_team", "menu_shows_people", "menu_shows_security_events",
    "menu_shows_undelivered_email", "menu_shows_governance",
]

# Roles whose holders read organisations' figures (dashboards.access decides which ones).
DASHBOARD_ROLES = frozenset({Role.HR_ADMIN, Role.BOARD_SECRETARY, Role.FOOTPRINT_VIEWER, *NATIONAL_ROLES})


def menu_shows_my_development(user: User) -> bool:
    """Staff with a record of their own: their assessments, plan and 90-day cycle."""
    return own_person(user) is not None


def menu_shows_my_team(user: User) -> bool:
    """Line managers: staff whose record says they manage people."""
    person = own_person(user)
    return person is not None and person.management_level != ManagementLevel.NONE


def menu_shows_people(user: User) -> bool:
    return sees_people_list(user)


def menu_shows_appraisal(user: User) -> bool:
    """Staff (their own appraisals) and those who run appraisal cycles (HR and national admins)."""
    return own_person(user) is not None or grants(user).has(Role.HR_ADMIN) or is_national_admin(user)


def menu_shows_dashboards(user: User) -> bool:
    g = grants(user)
    return any(g.has(role) for role in DASHBOARD_ROLES)


def menu_shows_security_events(user: User) -> bool:
    return sees_security_log(user)


def menu_shows_undelivered_email(user: User) -> bool:
    return sees_undelivered_mail(user)


def menu_shows_admin(user: User) -> bool:
    return opens_django_admin(user)


# Roles that run governance (data returns, burden assessments, board reviews): governance.access decides rows.
GOVERNANCE_MENU_ROLES = frozenset({Role.BOARD_SECRETARY, Role.HR_ADMIN, Role.NATIONAL_ADMIN})


def menu_shows_governance(user: User) -> bool:
    g = grants(user)
    return any(g.has(role) for role in GOVERNANCE_MENU_ROLES)
