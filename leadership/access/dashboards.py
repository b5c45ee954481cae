"""Access rules for dashboards: part of leadership.access, the one place that decides."""

from django.db.models import QuerySet

from leadership.access import (
    api_client,
    api_organisations,
    grants,
    organisations_under,
    sees_every_organisation,
)
from leadership.models import FOOTPRINT_KINDS, Organisation, Role, User


# Dashboards: figures are aggregates, but an organisation's still belong to it and its footprints.
def dashboard_organisations(user: User) -> QuerySet[Organisation]:
    """Organisations whose trust dashboard the user may open."""
    if sees_every_organisation(user):
        return Organisation.objects.all()
    g = grants(user)
    ids = set(g.orgs(Role.HR_ADMIN) | g.orgs(Role.BOARD_SECRETARY))
    ids |= organisations_under(g.orgs(Role.FOOTPRINT_VIEWER))
    return Organisation.objects.filter(id__in=ids)


def dashboard_footprints(user: User) -> QuerySet[Organisation]:
    """ICBs, CCGs and regions whose footprint dashboard the user may open."""
    footprints = Organisation.objects.filter(kind__in=FOOTPRINT_KINDS)
    if sees_every_organisation(user):
        return footprints
    return footprints.filter(id__in=grants(user).orgs(Role.FOOTPRINT_VIEWER))


def sees_national_dashboard(user: User) -> bool:
    return sees_every_organisation(user)


# Small numbers (leadership/disclosure.py): only the employer's own admins see counts under five.
def exact_figure_organisations(user: User) -> frozenset[int]:
    """Organisations whose figures the user sees exactly: those they are HR admin or board secretary of.
    Everyone else (footprint viewers, national roles, other trusts) sees small numbers hidden."""
    g = grants(user)
    return g.orgs(Role.HR_ADMIN) | g.orgs(Role.BOARD_SECRETARY)


def sees_exact_figures(user: User, organisation: Organisation) -> bool:
    return organisation.id in exact_figure_organisations(user)


def api_exact_figure_organisations(request) -> frozenset[int]:
    """A client sees its own organisation's figures exactly, an ICB's client none of its trusts'."""
    client = api_client(request)
    if client is None:
        return exact_figure_organisations(request.user)
    return frozenset({client.organisation_id})


def api_dashboard_organisations(request) -> QuerySet[Organisation]:
    """For a client: its organisation and those under it; for a signed-in user: as on the pages."""
    if api_client(request) is None:
        return dashboard_organisations(request.user)
    return api_organisations(request)


def api_dashboard_footprints(request) -> QuerySet[Organisation]:
    if api_client(request) is None:
        return dashboard_footprints(request.user)
    return api_organisations(request).filter(kind__in=FOOTPRINT_KINDS)
