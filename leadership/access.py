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
    FOOTPRINT_KINDS,
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


def can_manage_organisation(user: User, organisation: Organisation) -> bool:
    return managed_organisations(user).filter(id=organisation.id).exists()


def get_or_404(queryset: QuerySet, public_id: UUID | str):
    """Fetch by public id inside an access queryset: another organisation's row is a 404."""
    try:
        return queryset.get(public_id=public_id)
    except (queryset.model.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None


# The REST API. Its actor is a signed-in user (the rules above, unchanged) or an API client: a
# trust's, CCG's or ICB's system bound to one organisation. Viewsets call api_* with the request.

API_RESOURCES = ("organisations", "people")


def api_client(request):
    """The live API client whose token authenticated the request; None for a session user."""
    application = getattr(getattr(request, "auth", None), "application", None)
    client = getattr(application, "api_client", None)
    return None if client is None or client.revoked_at is not None else client


def api_client_organisation_ids(client) -> frozenset[int]:
    """Organisations (and their figures) a client reads: its own, and for an ICB, CCG or region every
    organisation under it. Staff records stay with their employer: see api_people."""
    from leadership.models import FOOTPRINT_KINDS

    if client.organisation.kind in FOOTPRINT_KINDS:
        return frozenset(organisations_under({client.organisation_id}))
    return frozenset({client.organisation_id})


def _api_client_organisation_ids(request, client) -> frozenset[int]:
    cached = getattr(request, "_api_organisation_ids", None)
    if cached is None:
        cached = request._api_organisation_ids = api_client_organisation_ids(client)
    return cached


def api_organisations(request) -> QuerySet[Organisation]:
    client = api_client(request)
    if client is None:
        return organisations(request.user)
    return Organisation.objects.filter(id__in=_api_client_organisation_ids(request, client))


def api_people(request) -> QuerySet[Person]:
    """Staff records: a client reads its own organisation's only, even an ICB's (as on the pages,
    where a footprint sees organisations and figures, never another employer's individuals)."""
    client = api_client(request)
    if client is None:
        return people(request.user)
    return Person.objects.filter(organisation_id=client.organisation_id)


def api_deletions(request, resource: str) -> QuerySet:
    """Delete events (pghistory) of rows the actor could have listed before they were deleted."""
    from django.apps import apps

    if resource not in API_RESOURCES:
        raise ValueError(f"Unknown API resource {resource!r}.")
    event_model = apps.get_model("leadership", "PersonEvent" if resource == "people" else "OrganisationEvent")
    deletes = event_model.objects.filter(pgh_label="delete")
    client = api_client(request)
    if client is None:
        return deletes.filter(_session_user_deletions(request.user, resource))
    if resource == "people":
        return deletes.filter(organisation_id=client.organisation_id)
    ids = _api_client_organisation_ids(request, client)
    return deletes.filter(Q(pgh_obj_id__in=ids) | Q(parent_id__in=ids))


def _session_user_deletions(user: User, resource: str) -> Q:
    # A deleted row no longer answers to the rules above: a user hears of deletions across the
    # organisations whose whole staff list they may read.
    if resource == "people":
        if is_national_admin(user):
            return Q()
        return Q(organisation_id__in=grants(user).orgs(Role.HR_ADMIN))
    if sees_every_organisation(user):
        return Q()
    ids = set(organisations(user).values_list("id", flat=True))
    return Q(pgh_obj_id__in=ids) | Q(parent_id__in=ids)


# Training (issue 5). The catalogue and the provider register are open to every signed-in user;
# training records and enrolments follow people visibility; education leads and national admins
# manage providers and courses; HR admins record and import their organisation's training.


def manages_training_catalogue(user: User) -> bool:
    return any(grants(user).has(role) for role in NATIONAL_ROLES)


def providers(user: User):
    from training.models import Provider

    return Provider.objects.all() if user.is_authenticated else Provider.objects.none()


def courses(user: User):
    from training.models import Course

    if not user.is_authenticated:
        return Course.objects.none()
    if manages_training_catalogue(user):
        return Course.objects.all()
    return Course.objects.filter(active=True)


def course_runs(user: User):
    from training.models import CourseRun

    return CourseRun.objects.filter(course__in=courses(user))


def training_records(user: User):
    """Records of the people whose records the user may read."""
    from training.models import TrainingRecord

    return TrainingRecord.objects.filter(person__in=people(user))


def manageable_training_records(user: User):
    """Records HR admins (and national admins) may change: their organisations' people."""
    from training.models import TrainingRecord

    return TrainingRecord.objects.filter(organisation__in=managed_organisations(user))


def own_training_records(user: User):
    """Records a person may evaluate: only their own."""
    from training.models import TrainingRecord

    person = own_person(user)
    return TrainingRecord.objects.none() if person is None else TrainingRecord.objects.filter(person=person)


def enrolments(user: User):
    from training.models import Enrolment

    return Enrolment.objects.filter(person__in=people(user))


def enrolment_deciders_q(user: User) -> Q:
    """Enrolments the user may approve or decline: their direct reports', or as their HR admin."""
    person = own_person(user)
    allowed = Q(person__organisation_id__in=managed_organisations(user).values("id"))
    if person is not None:
        allowed |= Q(person__line_manager_id=person.id)
    return allowed


def decidable_enrolments(user: User):
    from training.models import Enrolment

    return Enrolment.objects.filter(enrolment_deciders_q(user))


def cancellable_enrolments(user: User):
    """The person themselves, their line manager, or their HR admin may cancel."""
    from training.models import Enrolment

    person = own_person(user)
    allowed = enrolment_deciders_q(user)
    if person is not None:
        allowed |= Q(person_id=person.id)
    return Enrolment.objects.filter(allowed)


def requestable_people(user: User) -> QuerySet[Person]:
    """Whom the user may ask a place for: themselves and their direct reports."""
    person = own_person(user)
    if person is None:
        return Person.objects.none()
    return Person.objects.filter(Q(id=person.id) | Q(line_manager_id=person.id), active=True)


def training_imports(user: User):
    from training.models import TrainingImport

    return TrainingImport.objects.filter(organisation__in=managed_organisations(user))


def training_dashboard_organisations(user: User) -> QuerySet[Organisation]:
    """Organisations whose training dashboard the user may open."""
    if sees_every_organisation(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(id__in=grants(user).orgs(Role.HR_ADMIN))


def api_providers(request):
    from training.models import Provider

    return Provider.objects.all()


def api_courses(request):
    from training.models import Course

    if api_client(request) is None:
        return courses(request.user)
    return Course.objects.filter(active=True)


def api_training_records(request):
    from training.models import TrainingRecord

    client = api_client(request)
    if client is None:
        return training_records(request.user)
    return TrainingRecord.objects.filter(organisation_id__in=_api_client_organisation_ids(request, client))


def api_training_record_deletions(request):
    """Delete events of training records the actor could have listed (as api_deletions does for people)."""
    from django.apps import apps

    deletes = apps.get_model("training", "TrainingRecordEvent").objects.filter(pgh_label="delete")
    client = api_client(request)
    if client is not None:
        return deletes.filter(organisation_id__in=_api_client_organisation_ids(request, client))
    if is_national_admin(request.user):
        return deletes
    return deletes.filter(organisation_id__in=grants(request.user).orgs(Role.HR_ADMIN))


# The talent pool (talentpool/). A member without consent is seen only by their home organisation's
# HR admins, national admins, themselves and their line-management chain; with consent, HR admins of
# any organisation see active members of the cross-organisation pools (national, regional, CCG/ICB).


def _talent_member_q(user: User) -> Q:
    g = grants(user)
    visible = Q(person__organisation_id__in=g.orgs(Role.HR_ADMIN))
    visible |= Q(pool__owner_id__in=g.orgs(Role.HR_ADMIN))  # an organisation pool's own HR admins
    if g.has(Role.HR_ADMIN):
        visible |= Q(consent_to_share=True, status="active", pool__owner__isnull=True)
    person = own_person(user)
    if person is not None:
        visible |= Q(person_id=person.id)
        visible |= Q(person_id__in=RawSQL(_report_ids_sql(), [person.id]))  # noqa: S611 - parameterised
    return visible


def pool_members(user: User) -> QuerySet:
    """Pool memberships the user may read."""
    from talentpool.models import PoolMembership

    if is_national_admin(user):
        return PoolMembership.objects.all()
    if not user.is_authenticated:
        return PoolMembership.objects.none()
    return PoolMembership.objects.filter(_talent_member_q(user))


def home_pool_members(user: User) -> QuerySet:
    """Pool memberships the user may decide on: their own organisations' people (HR admins)."""
    from talentpool.models import PoolMembership

    if is_national_admin(user):
        return PoolMembership.objects.all()
    return PoolMembership.objects.filter(person__organisation__in=managed_organisations(user))


def talent_pools(user: User) -> QuerySet:
    """National and regional pools for every signed-in user; an organisation's pools for its own."""
    from talentpool.models import TalentPool

    if is_national_admin(user):
        return TalentPool.objects.all()
    if not user.is_authenticated:
        return TalentPool.objects.none()
    return TalentPool.objects.filter(Q(owner__isnull=True) | Q(owner__in=organisations(user)))


def talent_reviews(user: User) -> QuerySet:
    from talentpool.models import TalentReview

    return TalentReview.objects.filter(organisation__in=managed_organisations(user))


def succession_plans(user: User) -> QuerySet:
    from talentpool.models import SuccessionPlan

    return SuccessionPlan.objects.filter(organisation__in=managed_organisations(user))


def graduate_trainees(user: User) -> QuerySet:
    """Trainees of the user's organisations (HR admins), their own record; everyone for national roles."""
    from talentpool.models import GraduateTrainee

    if sees_every_organisation(user):
        return GraduateTrainee.objects.all()
    visible = Q(person__organisation__in=managed_organisations(user))
    person = own_person(user)
    if person is not None:
        visible |= Q(person_id=person.id)
    return GraduateTrainee.objects.filter(visible)


def secondments(user: User) -> QuerySet:
    from talentpool.models import Secondment

    return Secondment.objects.filter(organisation__in=managed_organisations(user))


def senior_contracts(user: User) -> QuerySet:
    """The very senior manager contracts register is for national admins only."""
    from talentpool.models import SeniorContract

    if not is_national_admin(user):
        return SeniorContract.objects.none()
    return SeniorContract.objects.all()


def api_talent_pools(request) -> QuerySet:
    from talentpool.models import TalentPool

    client = api_client(request)
    if client is None:
        return talent_pools(request.user)
    ids = _api_client_organisation_ids(request, client)
    return TalentPool.objects.filter(Q(owner__isnull=True) | Q(owner_id__in=ids))


def api_pool_members(request) -> QuerySet:
    """A client sees its own organisations' members, and other organisations' only with consent."""
    from talentpool.models import PoolMembership

    client = api_client(request)
    if client is None:
        return pool_members(request.user)
    ids = _api_client_organisation_ids(request, client)
    return PoolMembership.objects.filter(
        Q(person__organisation_id__in=ids) | Q(pool__owner_id__in=ids)
        | Q(consent_to_share=True, status="active", pool__owner__isnull=True)
    )


def api_graduate_trainees(request) -> QuerySet:
    from talentpool.models import GraduateTrainee

    client = api_client(request)
    if client is None:
        return graduate_trainees(request.user)
    return GraduateTrainee.objects.filter(
        person__organisation_id__in=_api_client_organisation_ids(request, client))


def api_secondments(request) -> QuerySet:
    from talentpool.models import Secondment

    client = api_client(request)
    if client is None:
        return secondments(request.user)
    return Secondment.objects.filter(organisation_id__in=_api_client_organisation_ids(request, client))


def api_senior_contracts(request) -> QuerySet:
    """National scope only: a client of a national body sees the register; trusts, CCGs and ICBs none."""
    from leadership.models import OrganisationKind
    from talentpool.models import SeniorContract

    client = api_client(request)
    if client is None:
        return senior_contracts(request.user)
    if client.organisation.kind != OrganisationKind.NATIONAL_BODY:
        return SeniorContract.objects.none()
    return SeniorContract.objects.all()


# Development (competency assessments, development plans, 90-day action cycles). A person sees
# their own, their line-management chain their reports', HR admins their organisation's and
# national admins all. Board secretaries' reach over executives stops at people's records.

def development_people(user: User) -> QuerySet[Person]:
    """People whose assessments, plans and cycles the user may read and work on."""
    if is_national_admin(user):
        return Person.objects.all()
    visible = Q(organisation_id__in=grants(user).orgs(Role.HR_ADMIN))
    person = own_person(user)
    if person is not None:
        visible |= Q(id=person.id) | Q(id__in=RawSQL(_report_ids_sql(), [person.id]))  # noqa: S611 - parameterised
    return Person.objects.filter(visible)


def assessments(user: User):
    from leadership.models import Assessment

    return Assessment.objects.filter(person__in=development_people(user))


def development_plans(user: User):
    from leadership.models import DevelopmentPlan

    return DevelopmentPlan.objects.filter(person__in=development_people(user))


def action_cycles(user: User):
    """People's cycles as above, and organisations' own cycles for their HR admins."""
    from leadership.models import ActionCycle

    return ActionCycle.objects.filter(
        Q(person__in=development_people(user))
        | Q(person__isnull=True, organisation__in=managed_organisations(user))
    )


def actions(user: User):
    from leadership.models import Action

    return Action.objects.filter(cycle__in=action_cycles(user))


def can_rate_as_line_manager(user: User, person: Person) -> bool:
    me = own_person(user)
    return me is not None and person.line_manager_id == me.id


def can_edit_frameworks(user: User) -> bool:
    return is_national_admin(user)


def _api_development_person_ids(request, client):
    return Person.objects.filter(
        organisation_id__in=_api_client_organisation_ids(request, client)).values("id")


def api_assessments(request):
    """Submitted self and line-manager assessments, and 360 aggregates: never a rater's answer."""
    from leadership.models import Assessment

    client = api_client(request)
    rows = assessments(request.user) if client is None else Assessment.objects.filter(
        person_id__in=_api_development_person_ids(request, client))
    return rows.filter(status=Assessment.Status.SUBMITTED)


def api_development_plans(request):
    from leadership.models import DevelopmentPlan

    client = api_client(request)
    if client is None:
        return development_plans(request.user)
    return DevelopmentPlan.objects.filter(person_id__in=_api_development_person_ids(request, client))


def api_action_cycles(request):
    from leadership.models import ActionCycle

    client = api_client(request)
    if client is None:
        return action_cycles(request.user)
    return ActionCycle.objects.filter(organisation_id__in=_api_client_organisation_ids(request, client))


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


def api_dashboard_organisations(request) -> QuerySet[Organisation]:
    """For a client: its organisation and those under it; for a signed-in user: as on the pages."""
    if api_client(request) is None:
        return dashboard_organisations(request.user)
    return api_organisations(request)


def api_dashboard_footprints(request) -> QuerySet[Organisation]:
    if api_client(request) is None:
        return dashboard_footprints(request.user)
    return api_organisations(request).filter(kind__in=FOOTPRINT_KINDS)


# Appraisal (appraisal/). An appraisal is seen by its appraisee, appraiser and countersigner, the
# appraisee's line-management chain, the organisation's HR admins and national admins. Organisational
# scorecards are seen by the organisation's HR admins and board secretaries, footprints above it and
# national roles.

def appraisals(user: User):
    from appraisal.models import Appraisal

    if is_national_admin(user):
        return Appraisal.objects.all()
    if not user.is_authenticated:
        return Appraisal.objects.none()
    visible = Q(organisation_id__in=grants(user).orgs(Role.HR_ADMIN))
    person = own_person(user)
    if person is not None:
        visible |= Q(appraisee_id=person.id) | Q(appraiser_id=person.id) | Q(countersigner_id=person.id)
        visible |= Q(appraisee_id__in=RawSQL(_report_ids_sql(), [person.id]))  # noqa: S611 - parameterised
    return Appraisal.objects.filter(visible)


def appraisal_cycles(user: User):
    """Cycles of the organisations whose appraisals the user runs (HR admins, national admins)."""
    from appraisal.models import AppraisalCycle

    return AppraisalCycle.objects.filter(organisation__in=managed_organisations(user))


def scorecard_templates(user: User):
    """The national template and national admins' templates for everyone; an organisation's for its own."""
    from appraisal.models import ScorecardTemplate

    if is_national_admin(user):
        return ScorecardTemplate.objects.all()
    if not user.is_authenticated:
        return ScorecardTemplate.objects.none()
    return ScorecardTemplate.objects.filter(
        Q(organisation__isnull=True) | Q(organisation__in=organisations(user)))


def scorecard_organisations(user: User) -> QuerySet[Organisation]:
    """Organisations whose balanced scorecard the user may read."""
    return dashboard_organisations(user)


def scorecards(user: User):
    from appraisal.models import OrganisationScorecard

    return OrganisationScorecard.objects.filter(organisation__in=scorecard_organisations(user))


def api_appraisals(request):
    from appraisal.models import Appraisal

    client = api_client(request)
    if client is None:
        return appraisals(request.user)
    return Appraisal.objects.filter(organisation_id__in=_api_client_organisation_ids(request, client))


def api_scorecards(request):
    from appraisal.models import OrganisationScorecard

    client = api_client(request)
    if client is None:
        return scorecards(request.user)
    return OrganisationScorecard.objects.filter(
        organisation_id__in=_api_client_organisation_ids(request, client))
