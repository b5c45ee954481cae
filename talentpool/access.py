"""Talent's row rules (pools, reviews, graduates, secondments, contracts), on leadership.access."""

from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from leadership.access import *  # noqa: F403 - the core's rules too, so this app asks one module
from leadership.access import (
    PersonalReach,
    _api_client_organisation_ids,
    _report_ids_sql,
    api_client,
    api_personal_reach,
    delete_events,
    deleted_or_current_staff_of,
    deletions_by_organisation,
    deletions_by_staff,
    grants,
    is_hr_admin,
    is_national_admin,
    managed_organisations,
    organisations,
    own_person,
    personal_reach,
    sees_every_organisation,
)
from leadership.models import ApiScope, Organisation, OrganisationKind, Person, Role, User
from talentpool.models import (
    GraduateTrainee,
    PoolMembership,
    Secondment,
    SeniorContract,
    SuccessionPlan,
    TalentPool,
    TalentReview,
)

# The talent pool (talentpool/). A member without consent is seen only by their home organisation's
# HR admins, national admins, themselves and their line-management chain; with consent, HR admins of
# any organisation see active members of the cross-organisation pools (national, regional, CCG/ICB).
# Outside the member's organisation consent comes first: a pool's owner, and a footprint the trust
# shares talent records with (personal_reach), see only members who consented.


def _members_in_reach_q(reach: PersonalReach) -> Q:
    """Members of the reach's own staff; with consent, of its agreed trusts and in the pools it owns."""
    consented = Q(person__organisation_id__in=reach.agreed) | Q(pool__owner_id__in=reach.own)
    return Q(person__organisation_id__in=reach.own) | Q(consent_to_share=True) & consented


def _talent_member_q(user: User) -> Q:
    g = grants(user)
    visible = _members_in_reach_q(personal_reach(user, ApiScope.TALENT_READ))
    if g.has(Role.HR_ADMIN):
        visible |= Q(consent_to_share=True, status="active", pool__owner__isnull=True)
    person = own_person(user)
    if person is not None:
        visible |= Q(person_id=person.id)
        visible |= Q(person_id__in=RawSQL(_report_ids_sql(), [person.id]))  # noqa: S611 - parameterised
    return visible


def pool_members(user: User) -> QuerySet:
    """Pool memberships the user may read."""

    if is_national_admin(user):
        return PoolMembership.objects.all()
    if not user.is_authenticated:
        return PoolMembership.objects.none()
    return PoolMembership.objects.filter(_talent_member_q(user))


def home_pool_members(user: User) -> QuerySet:
    """Pool memberships the user may decide on: their own organisations' people (HR admins)."""

    if is_national_admin(user):
        return PoolMembership.objects.all()
    return PoolMembership.objects.filter(person__organisation__in=managed_organisations(user))


def talent_pools(user: User) -> QuerySet:
    """National and regional pools for every signed-in user; an organisation's pools for its own."""

    if is_national_admin(user):
        return TalentPool.objects.all()
    if not user.is_authenticated:
        return TalentPool.objects.none()
    return TalentPool.objects.filter(Q(owner__isnull=True) | Q(owner__in=organisations(user)))


def talent_reviews(user: User) -> QuerySet:

    return TalentReview.objects.filter(organisation__in=managed_organisations(user))


def succession_plans(user: User) -> QuerySet:

    return SuccessionPlan.objects.filter(organisation__in=managed_organisations(user))


def graduate_trainees(user: User) -> QuerySet:
    """Trainees of the user's organisations (HR admins), their own record; everyone for national roles."""

    if sees_every_organisation(user):
        return GraduateTrainee.objects.all()
    visible = Q(person__organisation_id__in=personal_reach(user, ApiScope.TALENT_READ).ids)
    person = own_person(user)
    if person is not None:
        visible |= Q(person_id=person.id)
    return GraduateTrainee.objects.filter(visible)


def secondments(user: User) -> QuerySet:

    if is_national_admin(user):
        return Secondment.objects.all()
    return Secondment.objects.filter(organisation_id__in=personal_reach(user, ApiScope.TALENT_READ).ids)


def senior_contracts(user: User) -> QuerySet:
    """The very senior manager contracts register is for national admins only."""

    if not is_national_admin(user):
        return SeniorContract.objects.none()
    return SeniorContract.objects.all()


def api_talent_pools(request) -> QuerySet:

    client = api_client(request)
    if client is None:
        return talent_pools(request.user)
    ids = _api_client_organisation_ids(request, client)
    return TalentPool.objects.filter(Q(owner__isnull=True) | Q(owner_id__in=ids))


def api_pool_members(request) -> QuerySet:
    """A client sees its own organisation's members, and other organisations' only with consent."""

    client = api_client(request)
    if client is None:
        return pool_members(request.user)
    return PoolMembership.objects.filter(
        _members_in_reach_q(api_personal_reach(request, client, ApiScope.TALENT_READ))
        | Q(consent_to_share=True, status="active", pool__owner__isnull=True)
    )


def api_graduate_trainees(request) -> QuerySet:

    client = api_client(request)
    if client is None:
        return graduate_trainees(request.user)
    return GraduateTrainee.objects.filter(
        person__organisation_id__in=api_personal_reach(request, client, ApiScope.TALENT_READ).ids)


def api_secondments(request) -> QuerySet:

    client = api_client(request)
    if client is None:
        return secondments(request.user)
    return Secondment.objects.filter(
        organisation_id__in=api_personal_reach(request, client, ApiScope.TALENT_READ).ids)


def api_senior_contracts(request) -> QuerySet:
    """National scope only: a client of a national body sees the register; trusts, CCGs and ICBs none."""

    client = api_client(request)
    if client is None:
        return senior_contracts(request.user)
    if client.organisation.kind != OrganisationKind.NATIONAL_BODY:
        return SeniorContract.objects.none()
    return SeniorContract.objects.all()


def _pools(condition: Q) -> Q:
    """Memberships of the pools meeting the condition, including pools deleted since."""

    deleted = delete_events("talentpool", "TalentPoolEvent").filter(condition).values("pgh_obj_id")
    return Q(pool_id__in=TalentPool.objects.filter(condition).values("id")) | Q(pool_id__in=deleted)


def api_talent_pool_deletions(request) -> QuerySet:
    deletes = delete_events("talentpool", "TalentPoolEvent")
    client = api_client(request)
    if client is not None:
        ids = _api_client_organisation_ids(request, client)
    elif is_national_admin(request.user):
        return deletes
    else:
        ids = organisations(request.user).values("id")
    return deletes.filter(Q(owner__isnull=True) | Q(owner_id__in=ids))


def api_pool_member_deletions(request) -> QuerySet:
    """As api_pool_members: the reach's own members, and with consent its agreed trusts' members, its
    own pools' and the national pools' active members."""
    deletes = delete_events("talentpool", "PoolMembershipEvent")
    client = api_client(request)
    if client is None and is_national_admin(request.user):
        return deletes
    reach = (personal_reach(request.user, ApiScope.TALENT_READ) if client is None
             else api_personal_reach(request, client, ApiScope.TALENT_READ))
    visible = deleted_or_current_staff_of(reach.own) | Q(consent_to_share=True) & (
        deleted_or_current_staff_of(reach.agreed) | _pools(Q(owner_id__in=reach.own)))
    if client is not None or reach.own:  # a client, or an HR admin somewhere
        visible |= Q(consent_to_share=True, status="active") & _pools(Q(owner__isnull=True))
    return deletes.filter(visible)


def api_graduate_trainee_deletions(request) -> QuerySet:
    return deletions_by_staff(request, delete_events("talentpool", "GraduateTraineeEvent"),
                              ApiScope.TALENT_READ)


def api_secondment_deletions(request) -> QuerySet:
    return deletions_by_organisation(request, "talentpool", "SecondmentEvent", ApiScope.TALENT_READ)


def api_senior_contract_deletions(request) -> QuerySet:
    """National scope only, as the register itself."""
    deletes = delete_events("talentpool", "SeniorContractEvent")
    client = api_client(request)
    if client is None:
        return deletes if is_national_admin(request.user) else deletes.none()
    return deletes if client.organisation.kind == OrganisationKind.NATIONAL_BODY else deletes.none()


def hr_admin_organisations(user: User) -> QuerySet[Organisation]:
    """The organisations where the user is HR admin: a talent form's choices (a national admin's too,
    where managed_organisations would offer the whole country)."""
    return Organisation.objects.filter(id__in=grants(user).orgs(Role.HR_ADMIN))


def hr_admin_people(user: User) -> QuerySet[Person]:
    """Current staff of those organisations: who the user may put forward, as their HR admin."""
    return Person.objects.filter(organisation_id__in=grants(user).orgs(Role.HR_ADMIN), active=True)


def graduate_trainee_candidates(user: User) -> QuerySet[Person]:
    """Who the user may enrol on the graduate scheme: anyone for national roles, else their staff."""
    people = Person.objects.all() if sees_every_organisation(user) else hr_admin_people(user)
    return people.filter(graduate_trainee__isnull=True)


def is_home_hr_admin(user: User, person: Person) -> bool:
    """Decides for the person as their organisation's HR admin (or as a national admin)."""
    return is_national_admin(user) or is_hr_admin(user, person.organisation_id)


def may_run_trainee(user: User, trainee) -> bool:
    """Placements, reviews and progress of a graduate trainee: the national team, or their HR admins."""
    return sees_every_organisation(user) or is_home_hr_admin(user, trainee.person)


def may_manage_pool(user: User, pool: TalentPool) -> bool:
    """Edit or close a pool: its owner's HR admins for an organisation pool, national admins for all."""
    if is_national_admin(user):
        return True
    return pool.owner_id is not None and is_hr_admin(user, pool.owner_id)


def may_grant_pool_exceptions(user: User) -> bool:
    """Only national admins let someone into the national senior pool without the qualification (R8)."""
    return is_national_admin(user)


def may_manage_contracts(user: User) -> bool:
    """The very senior manager contracts register is kept by national admins."""
    return is_national_admin(user)
