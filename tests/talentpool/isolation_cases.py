"""Isolation cases for the talent pool's pages and API (see tests/isolation_registry.py).

The world's pool member has not consented to be seen by other organisations, so every list another
organisation opens (pages, search, export, API) must leave them out.
"""

from datetime import date

from django.urls import reverse

from talentpool import selectors
from talentpool.models import (
    GraduateCohort,
    GraduateTrainee,
    PoolMembership,
    Secondment,
    SeniorContract,
    SuccessionCandidate,
    SuccessionPlan,
    TalentPool,
    TalentReview,
)
from tests.factories import PersonFactory
from tests.isolation_registry import EVERYONE, NATIONAL, NOT_IN_DEMO, TRUST_ADMINS


def build_world(world: dict) -> None:
    same_org = world["same_org"]
    person = world["same_org_manager"].person
    pool = selectors.national_pool()
    world["talent_pool"] = pool
    world["own_pool"] = TalentPool.objects.create(
        kind=TalentPool.Kind.ORGANISATION, owner=same_org, name="Trust leadership pool"
    )
    world["talent_member"] = PoolMembership.objects.create(
        pool=pool,
        person=person,
        route=PoolMembership.Route.HR_ADMIN,
        rationale="Strong operational lead",
        status=PoolMembership.Status.ACTIVE,
        joined_on=date(2025, 1, 1),
        last_reviewed_on=date(2025, 1, 1),
        consent_to_share=False,
    )
    world["talent_review"] = TalentReview.objects.create(
        organisation=same_org, title="Spring review", held_on=date(2025, 4, 1)
    )
    world["succession_plan"] = SuccessionPlan.objects.create(
        organisation=same_org, post="Director of operations"
    )
    SuccessionCandidate.objects.create(plan=world["succession_plan"], person=person, readiness="ready_now")
    trainee_person = PersonFactory(organisation=same_org, first_name="Grace", last_name="Graduate")
    cohort, _ = GraduateCohort.objects.get_or_create(intake_year=2024, pathway="finance")
    world["trainee"] = GraduateTrainee.objects.create(cohort=cohort, person=trainee_person)
    world["secondment"] = Secondment.objects.create(
        organisation=same_org,
        person=person,
        direction="out",
        external_sector="private",
        external_organisation="Acme Logistics",
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 7, 1),
        purpose="Supply chain",
    )
    world["senior_contract"] = SeniorContract.objects.create(
        person=person,
        organisation=same_org,
        post="Chief executive",
        starts_on=date(2024, 1, 1),
        minimum_term_months=36,
        minimum_term_ends_on=date(2027, 1, 1),
        next_assessment_due=date(2026, 1, 1),
    )


def _id(key):
    return lambda w: [w[key].public_id]


def _url(name, key=None):
    return lambda w: reverse(name, args=_id(key)(w) if key else None)


def _candidate_url(name):
    """A succession candidate is named by its plan and its person."""
    return lambda w: reverse(name, args=[w["succession_plan"].public_id,
                                         w["same_org_manager"].person.public_id])


def _person_url(name):
    return lambda w: reverse(name, args=[w["same_org_manager"].person.public_id])


PAGE_CASES = {
    "talentpool:home": ("list", _url("talentpool:home")),
    "talentpool:pool_detail": ("list", _url("talentpool:pool_detail", "talent_pool")),
    "talentpool:nominate": ("list", _url("talentpool:nominate")),
    "talentpool:pool_new": ("list", _url("talentpool:pool_new")),
    "talentpool:pool_edit": ("object", _url("talentpool:pool_edit", "own_pool")),
    "talentpool:pool_close": ("object", _url("talentpool:pool_close", "own_pool")),
    "talentpool:membership_withdraw": ("object", _url("talentpool:membership_withdraw", "talent_member")),
    "talentpool:candidate_readiness": ("object", _candidate_url("talentpool:candidate_readiness")),
    "talentpool:candidate_remove": ("object", _candidate_url("talentpool:candidate_remove")),
    "talentpool:secondment_export": ("list", _url("talentpool:secondment_export")),
    "talentpool:secondment_edit": ("object", _url("talentpool:secondment_edit", "secondment")),
    "talentpool:secondment_cancel": ("object", _url("talentpool:secondment_cancel", "secondment")),
    "talentpool:contract_export": ("national", _url("talentpool:contract_export")),
    "talentpool:contract_edit": ("national", _url("talentpool:contract_edit", "senior_contract")),
    "talentpool:contract_extend": ("national", _url("talentpool:contract_extend", "senior_contract")),
    "talentpool:contract_end": ("national", _url("talentpool:contract_end", "senior_contract")),
    "talentpool:pool_exception": ("national", _person_url("talentpool:pool_exception")),
    "talentpool:external_recruit": ("object", _person_url("talentpool:external_recruit")),
    "talentpool:membership_detail": ("object", _url("talentpool:membership_detail", "talent_member")),
    # The decision forms of a detail page: a GET there shows the page the form lives on.
    "talentpool:membership_decide": ("object", _url("talentpool:membership_decide", "talent_member")),
    "talentpool:membership_annual_review": (
        "object",
        _url("talentpool:membership_annual_review", "talent_member"),
    ),
    "talentpool:membership_profile": ("object", _url("talentpool:membership_profile", "talent_member")),
    "talentpool:membership_shortlist": ("object", _url("talentpool:membership_shortlist", "talent_member")),
    "talentpool:search": ("list", _url("talentpool:search")),
    "talentpool:search_export": ("list", _url("talentpool:search_export")),
    "talentpool:review_list": ("list", _url("talentpool:review_list")),
    "talentpool:review_new": ("list", _url("talentpool:review_new")),
    "talentpool:review_detail": ("object", _url("talentpool:review_detail", "talent_review")),
    "talentpool:review_decide": ("object", _url("talentpool:review_decide", "talent_review")),
    "talentpool:succession_list": ("list", _url("talentpool:succession_list")),
    "talentpool:succession_new": ("list", _url("talentpool:succession_new")),
    "talentpool:succession_detail": ("object", _url("talentpool:succession_detail", "succession_plan")),
    "talentpool:graduate_list": ("list", _url("talentpool:graduate_list")),
    "talentpool:graduate_national": ("national", _url("talentpool:graduate_national")),
    "talentpool:trainee_new": ("list", _url("talentpool:trainee_new")),
    "talentpool:trainee_detail": ("object", _url("talentpool:trainee_detail", "trainee")),
    "talentpool:secondment_list": ("list", _url("talentpool:secondment_list")),
    "talentpool:secondment_new": ("list", _url("talentpool:secondment_new")),
    "talentpool:secondment_detail": ("object", _url("talentpool:secondment_detail", "secondment")),
    "talentpool:contract_list": ("national", _url("talentpool:contract_list")),
    "talentpool:contract_new": ("national", _url("talentpool:contract_new")),
    "talentpool:contract_detail": ("national", _url("talentpool:contract_detail", "senior_contract")),
}

# The demo roles that open each page by following links (tests/isolation_registry.py, EVERYONE etc.).
REACHABLE_BY = {
    "talentpool:home": EVERYONE,
    "talentpool:pool_detail": EVERYONE,
    "talentpool:nominate": EVERYONE,
    "talentpool:pool_new": {"hr_admin"},
    "talentpool:pool_edit": TRUST_ADMINS,
    "talentpool:pool_close": TRUST_ADMINS,
    "talentpool:membership_withdraw": {"board_secretary", "hr_admin", "national_admin"},
    "talentpool:candidate_readiness": TRUST_ADMINS,
    "talentpool:candidate_remove": TRUST_ADMINS,
    "talentpool:secondment_export": TRUST_ADMINS,
    "talentpool:secondment_edit": TRUST_ADMINS,
    "talentpool:secondment_cancel": TRUST_ADMINS,
    "talentpool:contract_export": {"national_admin"},
    "talentpool:contract_edit": {"national_admin"},
    "talentpool:contract_extend": {"national_admin"},
    "talentpool:contract_end": {"national_admin"},
    "talentpool:pool_exception": {"national_admin"},
    "talentpool:external_recruit": TRUST_ADMINS,
    "talentpool:membership_detail": {"board_secretary", "hr_admin", "manager", "national_admin"},
    "talentpool:membership_decide": NOT_IN_DEMO,
    "talentpool:membership_annual_review": NOT_IN_DEMO,
    "talentpool:membership_profile": {"board_secretary", "hr_admin", "national_admin"},
    "talentpool:membership_shortlist": {"hr_admin"},
    "talentpool:search": EVERYONE,
    "talentpool:search_export": {"board_secretary", "hr_admin", "national_admin"},
    "talentpool:review_list": TRUST_ADMINS,
    "talentpool:review_new": {"hr_admin"},
    "talentpool:review_detail": TRUST_ADMINS,
    "talentpool:review_decide": NOT_IN_DEMO,
    "talentpool:succession_list": TRUST_ADMINS,
    "talentpool:succession_new": {"hr_admin"},
    "talentpool:succession_detail": TRUST_ADMINS,
    "talentpool:graduate_list": EVERYONE,
    "talentpool:graduate_national": NATIONAL,
    "talentpool:trainee_new": {"education_lead", "hr_admin", "national_admin"},
    "talentpool:trainee_detail": NATIONAL | {"hr_admin"},  # the demo trust has trainees of its own
    "talentpool:secondment_list": TRUST_ADMINS,
    "talentpool:secondment_new": {"hr_admin"},
    "talentpool:secondment_detail": TRUST_ADMINS,
    "talentpool:contract_list": {"national_admin"},
    "talentpool:contract_new": {"national_admin"},
    "talentpool:contract_detail": {"national_admin"},
}

API_CASES = {
    "api:talent-pool-list": ("list", _url("api:talent-pool-list")),
    "api:talent-pool-detail": ("object", _url("api:talent-pool-detail", "own_pool")),
    "api:talent-pool-member-list": ("list", _url("api:talent-pool-member-list")),
    "api:talent-pool-member-detail": ("object", _url("api:talent-pool-member-detail", "talent_member")),
    "api:graduate-trainee-list": ("list", _url("api:graduate-trainee-list")),
    "api:graduate-trainee-detail": ("object", _url("api:graduate-trainee-detail", "trainee")),
    "api:secondment-list": ("list", _url("api:secondment-list")),
    "api:secondment-detail": ("object", _url("api:secondment-detail", "secondment")),
    "api:senior-contract-list": ("list", _url("api:senior-contract-list")),
}


def _deleted(row) -> str:
    public_id = str(row.public_id)
    row.delete()
    return public_id


def _member(w) -> PoolMembership:
    return PoolMembership.objects.create(
        pool=w["talent_pool"],
        person=PersonFactory(organisation=w["same_org"]),
        route=PoolMembership.Route.HR_ADMIN,
        rationale="Doomed",
        status=PoolMembership.Status.ACTIVE,
        consent_to_share=False,
        joined_on=date(2025, 1, 1),
        last_reviewed_on=date(2025, 1, 1),
    )


def _contract(w) -> SeniorContract:
    return SeniorContract.objects.create(
        person=PersonFactory(organisation=w["same_org"]),
        organisation=w["same_org"],
        post="Doomed post",
        starts_on=date(2024, 1, 1),
        minimum_term_months=36,
        minimum_term_ends_on=date(2027, 1, 1),
        next_assessment_due=date(2026, 1, 1),
    )


# Resource -> (who hears of the deletion, builder): see tests/development/isolation_cases.py;
# "national": only a national body's client, as the senior contracts register.
DELETION_CASES = {
    "talent-pools": (
        "list",
        lambda w: _deleted(
            TalentPool.objects.create(
                kind=TalentPool.Kind.ORGANISATION, owner=w["same_org"], name="Doomed pool"
            )
        ),
    ),
    "talent-pool-members": ("list", lambda w: _deleted(_member(w))),
    "graduate-trainees": (
        "list",
        lambda w: _deleted(
            GraduateTrainee.objects.create(
                cohort=w["trainee"].cohort, person=PersonFactory(organisation=w["same_org"])
            )
        ),
    ),
    "secondments": (
        "list",
        lambda w: _deleted(
            Secondment.objects.create(
                organisation=w["same_org"],
                person=PersonFactory(organisation=w["same_org"]),
                direction="out",
                external_sector="private",
                external_organisation="Acme",
                starts_on=date(2025, 1, 1),
                ends_on=date(2025, 7, 1),
                purpose="Doomed",
            )
        ),
    ),
    "senior-contracts": ("national", lambda w: _deleted(_contract(w))),
}
