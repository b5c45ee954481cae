"""Access rules for development: part of leadership.access, the one place that decides."""

from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from leadership.access import (
    _api_client_organisation_ids,
    _report_ids_sql,
    api_client,
    api_deletion_reach,
    api_personal_ids,
    delete_events,
    deletions_by_staff,
    is_national_admin,
    managed_organisations,
    own_person,
    personal_reach,
)
from leadership.models import Action, ActionCycle, ApiScope, Assessment, DevelopmentPlan, Person, User

# Development (competency assessments, development plans, 90-day action cycles). A person sees
# their own, their line-management chain their reports', HR admins their organisation's (and footprints
# the organisation shares development records with, over the API: personal_reach) and national admins
# all. Board secretaries' reach over executives stops at people's records.

def development_people(user: User) -> QuerySet[Person]:
    """People whose assessments, plans and cycles the user may read and work on."""
    if is_national_admin(user):
        return Person.objects.all()
    # Only the own part of personal_reach: these pages are also where development is worked on, and
    # its services trust this reach, so a footprint reads agreed trusts' records over the API only.
    visible = Q(organisation_id__in=personal_reach(user, ApiScope.DEVELOPMENT_READ).own)
    person = own_person(user)
    if person is not None:
        visible |= Q(id=person.id) | Q(id__in=RawSQL(_report_ids_sql(), [person.id]))  # noqa: S611 - parameterised
    return Person.objects.filter(visible)


def assessments(user: User):

    return Assessment.objects.filter(person__in=development_people(user))


def development_plans(user: User):

    return DevelopmentPlan.objects.filter(person__in=development_people(user))


def action_cycles(user: User):
    """People's cycles as above, and organisations' own cycles for their HR admins."""

    return ActionCycle.objects.filter(
        Q(person__in=development_people(user))
        | Q(person__isnull=True, organisation__in=managed_organisations(user))
    )


def actions(user: User):

    return Action.objects.filter(cycle__in=action_cycles(user))


def can_rate_as_line_manager(user: User, person: Person) -> bool:
    me = own_person(user)
    return me is not None and person.line_manager_id == me.id


def can_edit_frameworks(user: User) -> bool:
    return is_national_admin(user)


def _api_development_person_ids(request, client):
    return Person.objects.filter(
        organisation_id__in=api_personal_ids(request, client, ApiScope.DEVELOPMENT_READ)).values("id")


def api_assessments(request):
    """Submitted self and line-manager assessments, and 360 aggregates: never a rater's answer."""

    client = api_client(request)
    rows = assessments(request.user) if client is None else Assessment.objects.filter(
        person_id__in=_api_development_person_ids(request, client))
    return rows.filter(status=Assessment.Status.SUBMITTED)


def api_development_plans(request):

    client = api_client(request)
    if client is None:
        return development_plans(request.user)
    return DevelopmentPlan.objects.filter(person_id__in=_api_development_person_ids(request, client))


def api_action_cycles(request):

    client = api_client(request)
    if client is None:
        return action_cycles(request.user)
    # People's cycles are personal records; an organisation's own cycle is footprint-wide.
    return ActionCycle.objects.filter(
        Q(organisation_id__in=api_personal_ids(request, client, ApiScope.DEVELOPMENT_READ))
        | Q(person__isnull=True, organisation_id__in=_api_client_organisation_ids(request, client)))


def api_competency_framework_deletions(request):
    """The framework is national: every actor lists every version, so hears of every deletion."""
    return delete_events("leadership", "CompetencyFrameworkEvent")


def api_assessment_deletions(request):
    submitted = delete_events("leadership", "AssessmentEvent").filter(status=Assessment.Status.SUBMITTED)
    return deletions_by_staff(request, submitted, ApiScope.DEVELOPMENT_READ)  # drafts are never listed


def api_development_plan_deletions(request):
    return deletions_by_staff(request, delete_events("leadership", "DevelopmentPlanEvent"),
                              ApiScope.DEVELOPMENT_READ)


def api_action_cycle_deletions(request):
    """As api_action_cycles: people's cycles in the personal reach, organisations' own in the wider one."""
    deletes = delete_events("leadership", "ActionCycleEvent")
    personal = api_deletion_reach(request, ApiScope.DEVELOPMENT_READ)
    if personal is None:
        return deletes
    return deletes.filter(Q(organisation_id__in=personal)
                          | Q(person_id__isnull=True, organisation_id__in=api_deletion_reach(request)))
