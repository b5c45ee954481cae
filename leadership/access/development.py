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
from leadership.models import (
    Action,
    ActionCycle,
    ApiScope,
    Assessment,
    DevelopmentNeed,
    DevelopmentPlan,
    Person,
    RaterInvitation,
    User,
)

# Development (competency assessments, development plans, 90-day action cycles). A person sees
# their own, their line-management chain their reports', HR admins their organisation's (and footprints
# the organisation shares development records with read them: personal_reach) and national admins
# all. Board secretaries' reach over executives stops at people's records.

def development_people(user: User) -> QuerySet[Person]:
    """People whose assessments, plans and cycles the user may read: those they work on, plus the
    staff of trusts that share development records with the user's footprint (read only)."""
    if is_national_admin(user):
        return Person.objects.all()
    agreed = personal_reach(user, ApiScope.DEVELOPMENT_READ).agreed
    worked_on = development_people_to_work_on(user)
    return Person.objects.filter(Q(id__in=worked_on) | Q(organisation_id__in=agreed))


def development_people_to_work_on(user: User) -> QuerySet[Person]:
    """People whose development the user may work on (rate, add needs and actions, check in, review):
    themself, their line-management chain's reports and their HR-admin organisations' staff. Services
    trust this reach, so an agreed footprint's read-only view never reaches a write."""
    if is_national_admin(user):
        return Person.objects.all()
    visible = Q(organisation_id__in=personal_reach(user, ApiScope.DEVELOPMENT_READ).own)
    person = own_person(user)
    if person is not None:
        visible |= Q(id=person.id) | Q(id__in=RawSQL(_report_ids_sql(), [person.id]))  # noqa: S611 - parameterised
    return Person.objects.filter(visible)


def may_work_on_development(user: User, person: Person | None) -> bool:
    """Whether the user's pages offer the person's development actions (a footprint only reads)."""
    return person is not None and development_people_to_work_on(user).filter(id=person.id).exists()


def assessments(user: User):

    return Assessment.objects.filter(person__in=development_people(user))


def development_plans(user: User):

    return DevelopmentPlan.objects.filter(person__in=development_people(user))


def development_needs_to_work_on(user: User):
    """Needs the user may mark met, dropped or carried over: those of the people they work on."""
    return DevelopmentNeed.objects.filter(plan__person__in=development_people_to_work_on(user))


def action_cycles(user: User):
    """People's cycles as above, and organisations' own cycles for their HR admins."""
    return _cycles_of(development_people(user), user)


def action_cycles_to_work_on(user: User):
    return _cycles_of(development_people_to_work_on(user), user)


def _cycles_of(people: QuerySet[Person], user: User):
    return ActionCycle.objects.filter(
        Q(person__in=people) | Q(person__isnull=True, organisation__in=managed_organisations(user))
    )


def actions(user: User):

    return Action.objects.filter(cycle__in=action_cycles(user))


def actions_to_work_on(user: User):
    return Action.objects.filter(cycle__in=action_cycles_to_work_on(user))


# 360 feedback. A round is the person's own: only they invite raters and close it. Whoever sees
# the person's development (the person, their line-management chain, HR admins) sees the same
# released figures and nothing before release. Raters come from the staff record.

RATER_SEARCH_LIMIT = 20


def feedback_rounds(user: User) -> QuerySet[Assessment]:
    """360 rounds of the people whose development the user sees."""
    return assessments(user).filter(kind=Assessment.Kind.FEEDBACK_360)


def released_feedback_rounds(user: User) -> QuerySet[Assessment]:
    """Rounds whose figures were released: the only ones anybody sees figures of."""
    return feedback_rounds(user).filter(status=Assessment.Status.SUBMITTED)


def may_run_feedback_round(user: User, person: Person) -> bool:
    """Only the person invites their raters and closes their round."""
    me = own_person(user)
    return me is not None and me.id == person.id


def rater_candidates(user: User) -> QuerySet[Person]:
    """Colleagues the person may find by name: active staff of their own organisation with a work
    email, never themself. Other organisations' staff are found only by exact email."""
    me = own_person(user)
    if me is None:
        return Person.objects.none()
    return (Person.objects.filter(organisation_id=me.organisation_id, active=True)
            .exclude(work_email="").exclude(id=me.id).select_related("organisation"))


def rater_search_by_name(user: User, text: str) -> QuerySet[Person]:
    """Up to RATER_SEARCH_LIMIT colleagues whose name holds every word typed."""
    rows = rater_candidates(user)
    words = text.split()[:4]
    if not words:
        return rows.none()
    for word in words:
        rows = rows.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return rows.order_by("last_name", "first_name", "id")[:RATER_SEARCH_LIMIT]


def rater_by_work_email(user: User, email: str) -> Person | None:
    """Anyone on the staff record, in any organisation, by their exact work email; pages show only
    their name and organisation."""
    if own_person(user) is None or not email.strip():
        return None
    return (Person.objects.filter(active=True, work_email__iexact=email.strip())
            .select_related("organisation").order_by("id").first())


def rater_approvals(user: User) -> QuerySet[RaterInvitation]:
    """Outside raters waiting for the user's decision: only the person's direct line manager
    approves, while the round is open."""
    me = own_person(user)
    if me is None:
        return RaterInvitation.objects.none()
    return RaterInvitation.objects.filter(
        approval=RaterInvitation.Approval.PENDING,
        assessment__person__line_manager_id=me.id,
        assessment__person__active=True,
        assessment__closed_at__isnull=True,
    ).select_related("assessment__person")


def may_approve_rater(user: User, invitation: RaterInvitation) -> bool:
    me = own_person(user)
    return me is not None and invitation.assessment.person.line_manager_id == me.id


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
