"""Access rules for career pathways and organisations' local competencies (part of leadership.access).

National pathways and the national framework are read by everyone and kept by national admins; an
organisation's own pathways and local competencies are read by its staff and those who reach it, and
kept by its HR admins (and national admins).
"""

from django.db.models import Q, QuerySet

from leadership.access import is_national_admin, managed_organisations, organisations
from leadership.models import CareerPathway, Competency, CompetencyFramework, Organisation, User

__all__ = [
    "local_competencies", "local_competency_owners", "may_keep_national_pathways", "may_manage_pathways",
    "pathway_owners",
    "pathways", "pathways_to_manage",
]


def pathways(user: User) -> QuerySet[CareerPathway]:
    """The national pathways and those of the organisations the user sees."""
    if is_national_admin(user):
        return CareerPathway.objects.all()
    return CareerPathway.objects.filter(
        Q(organisation__isnull=True) | Q(organisation__in=organisations(user))
    )


def pathways_to_manage(user: User) -> QuerySet[CareerPathway]:
    """National admins keep every pathway; HR admins their organisations' own."""
    if is_national_admin(user):
        return CareerPathway.objects.all()
    return CareerPathway.objects.filter(organisation__in=managed_organisations(user))


def may_keep_national_pathways(user: User) -> bool:
    return is_national_admin(user)


def may_manage_pathways(user: User) -> bool:
    """Whether the pathway pages offer the user the list to manage (a menu and home link rule)."""
    return is_national_admin(user) or managed_organisations(user).exists()


def pathway_owners(user: User) -> QuerySet[Organisation]:
    """The organisations the user may add a pathway for (national admins add national ones)."""
    if is_national_admin(user):
        return Organisation.objects.none()
    return managed_organisations(user)


def local_competencies(user: User, framework: CompetencyFramework, organisation: Organisation) \
        -> QuerySet[Competency]:
    """An organisation's own competencies in a framework version, for those who manage it."""
    if not managed_organisations(user).filter(id=organisation.id).exists():
        return Competency.objects.none()
    return framework.competencies.filter(organisation=organisation)


def local_competency_owners(user: User) -> QuerySet[Organisation]:
    """The organisations whose own competencies the framework page offers the user to keep (HR admins;
    a national admin opens an organisation's list from its address)."""
    if is_national_admin(user):
        return Organisation.objects.none()
    return managed_organisations(user)
