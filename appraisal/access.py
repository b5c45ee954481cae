"""Appraisal's row rules (templates, cycles, appraisals, scorecards), on the core in leadership.access."""

from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from appraisal.models import (
    Appraisal,
    AppraisalBulkStart,
    AppraisalCycle,
    OrganisationScorecard,
    ScorecardMeasure,
    ScorecardTemplate,
)
from leadership.access import *  # noqa: F403 - the core's rules too, so this app asks one module
from leadership.access import (
    _api_client_organisation_ids,
    _report_ids_sql,
    api_client,
    api_personal_ids,
    can_manage_organisation,
    deletions_by_organisation,
    grants,
    is_national_admin,
    managed_organisations,
    organisations,
    own_person,
    personal_organisation_ids,
)
from leadership.access.dashboards import dashboard_organisations
from leadership.dates import uk_today
from leadership.models import ApiScope, Organisation, Person, Role, User

# Appraisal (appraisal/). An appraisal is seen by its appraisee, appraiser and countersigner, the
# appraisee's line-management chain, the organisation's HR admins (and footprints it shares appraisals
# with: personal_reach) and national admins. Organisational
# scorecards are seen by the organisation's HR admins and board secretaries, footprints above it and
# national roles.

def appraisals(user: User):

    if is_national_admin(user):
        return Appraisal.objects.all()
    if not user.is_authenticated:
        return Appraisal.objects.none()
    visible = Q(organisation_id__in=personal_organisation_ids(user, ApiScope.APPRAISALS_READ))
    person = own_person(user)
    if person is not None:
        visible |= Q(appraisee_id=person.id) | Q(appraiser_id=person.id) | Q(countersigner_id=person.id)
        visible |= Q(appraisee_id__in=RawSQL(_report_ids_sql(), [person.id]))  # noqa: S611 - parameterised
    return Appraisal.objects.filter(visible)


def appraisal_cycles(user: User):
    """Cycles of the organisations whose appraisals the user runs (HR admins, national admins)."""

    return AppraisalCycle.objects.filter(organisation__in=managed_organisations(user))


def scorecard_templates(user: User):
    """The national template and national admins' templates for everyone; an organisation's for its own."""

    if is_national_admin(user):
        return ScorecardTemplate.objects.all()
    if not user.is_authenticated:
        return ScorecardTemplate.objects.none()
    return ScorecardTemplate.objects.filter(
        Q(organisation__isnull=True) | Q(organisation__in=organisations(user)))


def revisable_templates(user: User):
    """Current templates the user may revise: national admins any, an HR admin their organisation's own
    (the locked national template is for national admins only)."""

    current = ScorecardTemplate.objects.filter(current=True)
    if is_national_admin(user):
        return current
    return current.filter(locked=False, organisation_id__in=grants(user).orgs(Role.HR_ADMIN))


def scorecard_organisations(user: User) -> QuerySet[Organisation]:
    """Organisations whose balanced scorecard the user may read."""
    return dashboard_organisations(user)


def scorecards(user: User):

    return OrganisationScorecard.objects.filter(organisation__in=scorecard_organisations(user))


def api_appraisals(request):

    client = api_client(request)
    if client is None:
        return appraisals(request.user)
    return Appraisal.objects.filter(
        organisation_id__in=api_personal_ids(request, client, ApiScope.APPRAISALS_READ))


def api_scorecards(request):

    client = api_client(request)
    if client is None:
        return scorecards(request.user)
    return OrganisationScorecard.objects.filter(
        organisation_id__in=_api_client_organisation_ids(request, client))


def api_appraisal_deletions(request):
    return deletions_by_organisation(request, "appraisal", "AppraisalEvent", ApiScope.APPRAISALS_READ)


def api_scorecard_deletions(request):
    return deletions_by_organisation(request, "appraisal", "OrganisationScorecardEvent", None)


def acts_as(user: User, person: Person | None) -> bool:
    """The user is that person (the appraisee, appraiser or countersigner of a step)."""
    own = own_person(user)
    return person is not None and own is not None and own.pk == person.pk


def is_hr_for(user: User, organisation: Organisation) -> bool:
    """Runs the organisation's appraisals: its HR admins, and national admins."""
    return can_manage_organisation(user, organisation)


def open_cycles_to_start(user: User, person: Person) -> QuerySet[AppraisalCycle]:
    """Open cycles in which the user may start the person's appraisal: as the person's line manager
    or their organisation's HR admin (the rule appraisal_start checks)."""
    if not (is_hr_for(user, person.organisation) or acts_as(user, person.line_manager)):
        return AppraisalCycle.objects.none()
    today = uk_today()
    return AppraisalCycle.objects.filter(organisation_id=person.organisation_id, opens_on__lte=today,
                                         closes_on__gte=today).order_by("-opens_on")


def may_edit_scorecard(user: User, organisation: Organisation) -> bool:
    """The organisation's scorecard measures: its HR admins and board secretaries, national admins."""
    return is_hr_for(user, organisation) or grants(user).has(Role.BOARD_SECRETARY, organisation.id)


def may_record_appraiser_exception(user: User) -> bool:
    """R11's exceptions (an appraiser without the appraisal-skills course) are national admins' alone."""
    return is_national_admin(user)


def bulk_starts(user: User):
    """Bulk starts of the cycles whose appraisals the user runs."""
    return AppraisalBulkStart.objects.filter(cycle__organisation__in=managed_organisations(user))


def scorecard_measures(user: User):
    """Hand-entered measures of the scorecards the user reads (changing them: may_edit_scorecard)."""
    return ScorecardMeasure.objects.filter(scorecard__organisation__in=scorecard_organisations(user))


def board_secretary_organisations(user: User) -> QuerySet[Organisation]:
    """Organisations whose board the user serves as secretary (their scorecard is on their home page)."""
    return Organisation.objects.filter(id__in=grants(user).orgs(Role.BOARD_SECRETARY))
