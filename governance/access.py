"""Governance's row rules (data returns, burden assessments, board positions), on leadership.access."""

from django.db.models import Q, QuerySet

from governance.models import (
    BoardPosition,
    BoardReview,
    BurdenAssessment,
    DataItem,
    DataReturn,
    DataReturnReview,
    FitProperCheck,
    PayBandRate,
    VolunteerProfile,
)
from leadership.access import *  # noqa: F403 - the core's rules too, so this app asks one module
from leadership.access import (
    _api_client_organisation_ids,
    api_client,
    api_deletion_reach,
    delete_events,
    grants,
    is_national_admin,
    own_person,
)
from leadership.dates import uk_today
from leadership.models import Organisation, Person, Role, RoleAssignment, User

# Governance is run by each organisation's board secretaries and HR admins; national admins see all.
# "Chair" is not a role: it is whoever holds the organisation's current chair board position, and it
# lets them read their board and review its non-executives.
GOVERNANCE_ROLES = (Role.BOARD_SECRETARY, Role.HR_ADMIN)


def governance_organisation_ids(user: User) -> frozenset[int]:
    """Organisations whose returns, assessments and board the user runs (board secretary, HR admin)."""
    g = grants(user)
    return frozenset().union(*(g.orgs(role) for role in GOVERNANCE_ROLES))


def runs_governance(user: User) -> bool:
    return is_national_admin(user) or bool(governance_organisation_ids(user))


def may_manage_governance(user: User, organisation: Organisation) -> bool:
    return is_national_admin(user) or organisation.id in governance_organisation_ids(user)


def governance_organisations(user: User) -> QuerySet[Organisation]:
    if is_national_admin(user):
        return Organisation.objects.filter(active=True).exclude(kind__in=["region", "national_body"])
    return Organisation.objects.filter(id__in=governance_organisation_ids(user))


def _current_positions() -> QuerySet[BoardPosition]:
    today = uk_today()
    return BoardPosition.objects.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today)


def chaired_organisation_ids(user: User) -> frozenset[int]:
    """Organisations whose current chair position the user's own staff record holds."""
    person = own_person(user)
    if person is None:
        return frozenset()
    cached = getattr(user, "_governance_chaired", None)
    if cached is None:
        cached = user._governance_chaired = frozenset(
            _current_positions()
            .filter(person=person, kind=BoardPosition.Kind.CHAIR)
            .values_list("organisation_id", flat=True)
        )
    return cached


def is_chair(user: User, organisation: Organisation) -> bool:
    return organisation.id in chaired_organisation_ids(user)


# Data returns (R12, R14) --------------------------------------------------------------------------


def data_returns(user: User) -> QuerySet[DataReturn]:
    if is_national_admin(user):
        return DataReturn.objects.all()
    return DataReturn.objects.filter(organisation_id__in=governance_organisation_ids(user))


def data_return_reviews(user: User) -> QuerySet[DataReturnReview]:
    return DataReturnReview.objects.filter(data_return__in=data_returns(user))


def data_items(user: User) -> QuerySet[DataItem]:
    """The catalogue is shared across the NHS: every signed-in user reads it."""
    return DataItem.objects.all() if user.is_authenticated else DataItem.objects.none()


def may_record_data_return(user: User, organisation: Organisation) -> bool:
    return may_manage_governance(user, organisation)


def board_secretaries_by_organisation(organisation_ids) -> dict[int, list[User]]:
    """Who is told a review is due: each organisation's active board secretaries (one query)."""
    found: dict[int, list[User]] = {}
    for grant in RoleAssignment.objects.filter(
        organisation_id__in=organisation_ids, role=Role.BOARD_SECRETARY, user__is_active=True
    ).select_related("user"):
        found.setdefault(grant.organisation_id, []).append(grant.user)
    return found


# Burden Impact Assessments (R16) -----------------------------------------------------------------


def burden_assessments(user: User) -> QuerySet[BurdenAssessment]:
    """The user's own organisations' assessments, and every published one (readable across the NHS)."""
    if is_national_admin(user):
        return BurdenAssessment.objects.all()
    if not user.is_authenticated:
        return BurdenAssessment.objects.none()
    return BurdenAssessment.objects.filter(
        Q(published=True) | Q(organisation_id__in=governance_organisation_ids(user))
    )


def managed_burden_assessments(user: User) -> QuerySet[BurdenAssessment]:
    if is_national_admin(user):
        return BurdenAssessment.objects.all()
    return BurdenAssessment.objects.filter(organisation_id__in=governance_organisation_ids(user))


def may_change_burden_assessment(user: User, assessment: BurdenAssessment) -> bool:
    return may_manage_governance(user, assessment.organisation)


def pay_band_rates(user: User) -> QuerySet[PayBandRate]:
    return PayBandRate.objects.all() if user.is_authenticated else PayBandRate.objects.none()


def may_edit_pay_rates(user: User) -> bool:
    return is_national_admin(user)


# Board positions and reviews (R19) ---------------------------------------------------------------


def board_positions(user: User) -> QuerySet[BoardPosition]:
    """The boards the user runs or chairs, and their own positions."""
    if is_national_admin(user):
        return BoardPosition.objects.all()
    visible = Q(organisation_id__in=governance_organisation_ids(user) | chaired_organisation_ids(user))
    person = own_person(user)
    if person is not None:
        visible |= Q(person_id=person.id)
    return BoardPosition.objects.filter(visible)


def may_manage_board(user: User, organisation: Organisation) -> bool:
    """Record positions and fit and proper checks: the board secretary, HR admins, national admins."""
    return may_manage_governance(user, organisation)


def may_review_board_member(user: User, position: BoardPosition) -> bool:
    """A non-executive's annual review: board secretary, chair (not of themselves), national admins."""
    if is_national_admin(user):
        return True
    if grants(user).has(Role.BOARD_SECRETARY, position.organisation_id):
        return True
    person = own_person(user)
    return is_chair(user, position.organisation) and (person is None or person.id != position.person_id)


def board_reviews(user: User) -> QuerySet[BoardReview]:
    return BoardReview.objects.filter(position__in=board_positions(user))


def fit_proper_checks(user: User) -> QuerySet[FitProperCheck]:
    """Checks of people holding a board position the user sees: the record travels with the person."""
    return FitProperCheck.objects.filter(person_id__in=board_positions(user).values("person_id"))


def may_attest(user: User, person: Person) -> bool:
    """Only board members attest, and only for themselves."""
    own = own_person(user)
    return own is not None and own.id == person.id and _current_positions().filter(person=person).exists()


# Volunteer non-executives (R19) ------------------------------------------------------------------


def volunteer_profiles(user: User) -> QuerySet[VolunteerProfile]:
    """National admins see the whole register; trusts' HR admins and board secretaries the consented
    members; a volunteer their own record."""
    if is_national_admin(user):
        return VolunteerProfile.objects.all()
    if not user.is_authenticated:
        return VolunteerProfile.objects.none()
    visible = Q(pk__in=[])
    if governance_organisation_ids(user):
        visible |= Q(consent_to_share=True, person__active=True)
    person = own_person(user)
    if person is not None:
        visible |= Q(person_id=person.id)
    return VolunteerProfile.objects.filter(visible)


def may_record_volunteers(user: User) -> bool:
    return is_national_admin(user)


def searches_volunteers(user: User) -> bool:
    return runs_governance(user)


def may_appoint_volunteer(user: User, organisation: Organisation) -> bool:
    return may_manage_governance(user, organisation)


def own_volunteer_profile(user: User) -> VolunteerProfile | None:
    person = own_person(user)
    return None if person is None else VolunteerProfile.objects.filter(person=person).first()


def sees_governance(user: User) -> bool:
    """The governance home: those who run it, chairs, board members and volunteers."""
    return runs_governance(user) or own_person(user) is not None


# The REST API ---------------------------------------------------------------------------------------


def api_data_returns(request) -> QuerySet[DataReturn]:
    client = api_client(request)
    if client is None:
        return data_returns(request.user)
    return DataReturn.objects.filter(organisation_id__in=_api_client_organisation_ids(request, client))


def api_burden_assessments(request) -> QuerySet[BurdenAssessment]:
    client = api_client(request)
    if client is None:
        return burden_assessments(request.user)
    return BurdenAssessment.objects.filter(
        Q(published=True) | Q(organisation_id__in=_api_client_organisation_ids(request, client))
    )


def api_board_positions(request) -> QuerySet[BoardPosition]:
    client = api_client(request)
    if client is None:
        return board_positions(request.user)
    return BoardPosition.objects.filter(organisation_id__in=_api_client_organisation_ids(request, client))


def _deletions(request, event_model: str) -> QuerySet:
    deletes = delete_events("governance", event_model)
    reach = api_deletion_reach(request)
    return deletes if reach is None else deletes.filter(organisation_id__in=reach)


def api_data_return_deletions(request) -> QuerySet:
    return _deletions(request, "DataReturnEvent")


def api_burden_assessment_deletions(request) -> QuerySet:
    """A published assessment was readable by everyone, so everyone hears of its deletion."""
    deletes = delete_events("governance", "BurdenAssessmentEvent")
    reach = api_deletion_reach(request)
    return deletes if reach is None else deletes.filter(Q(organisation_id__in=reach) | Q(published=True))


def api_board_position_deletions(request) -> QuerySet:
    return _deletions(request, "BoardPositionEvent")
