"""Demo talent data. `seed()` is idempotent: the lead calls it from seed_demo after people exist."""

from datetime import date

from django.db import transaction

from leadership.models import ManagementLevel, OrganisationKind, Person, SectorBackground
from talentpool import selectors, services
from talentpool.models import (
    GraduateCohort,
    GraduateSchemeSettings,
    GraduateTrainee,
    MembershipDecision,
    PoolMembership,
    Readiness,
    Secondment,
    SeniorContract,
    SuccessionCandidate,
    SuccessionPlan,
)

READINESS = [Readiness.READY_NOW, Readiness.ONE_TO_TWO_YEARS, Readiness.THREE_PLUS_YEARS]


@transaction.atomic
def seed(limit: int = 60) -> dict:
    """Pools, members (some consenting), a succession plan, trainees, secondments and contracts."""
    GraduateSchemeSettings.current()
    services.regional_pools_ensure()
    pool = selectors.national_pool()
    regions = list(selectors.regions())
    seniors = list(
        Person.objects.filter(
            active=True,
            management_level__in=[ManagementLevel.SENIOR, ManagementLevel.EXECUTIVE],
            organisation__kind__in=[OrganisationKind.NHS_TRUST, OrganisationKind.FOUNDATION_TRUST],
        ).order_by("id")[:limit]
    )
    members = 0
    for index, person in enumerate(seniors):
        membership, created = PoolMembership.objects.get_or_create(
            pool=pool,
            person=person,
            status=PoolMembership.Status.ACTIVE,
            defaults={
                "route": PoolMembership.Route.HR_ADMIN,
                "rationale": "Demo: strong senior leader",
                "readiness": READINESS[index % 3],
                "consent_to_share": index % 3 != 2,
                "joined_on": date(2025, 4, 1),
                "last_reviewed_on": date(2025, 4, 1),
                "aspirations": "Director of operations",
            },
        )
        if created:
            members += 1
            MembershipDecision.objects.create(
                membership=membership, to_status=membership.status, reason="Demo data"
            )
            if regions:
                membership.mobility_regions.set(regions[index % len(regions) : index % len(regions) + 2])
    for person in seniors[:5]:
        plan, _ = SuccessionPlan.objects.get_or_create(
            organisation=person.organisation, post="Director of operations"
        )
        if len(seniors) > 1:
            candidate = seniors[-1] if seniors[-1].organisation_id == person.organisation_id else person
            SuccessionCandidate.objects.get_or_create(
                plan=plan, person=candidate, defaults={"readiness": Readiness.ONE_TO_TWO_YEARS}
            )
    cohort, _ = GraduateCohort.objects.get_or_create(intake_year=2024, pathway="general_management")
    juniors = Person.objects.filter(
        active=True, management_level=ManagementLevel.NONE, graduate_trainee__isnull=True
    ).order_by("id")[:10]
    if not GraduateTrainee.objects.exists():
        for person in juniors:
            GraduateTrainee.objects.create(cohort=cohort, person=person)
    middles = Person.objects.filter(active=True, management_level=ManagementLevel.MIDDLE).order_by("id")[:4]
    if not Secondment.objects.exists():
        for index, person in enumerate(middles):
            Secondment.objects.create(
                organisation=person.organisation,
                person=person,
                direction="out" if index % 2 == 0 else "in",
                external_sector=[SectorBackground.PRIVATE, SectorBackground.THIRD_SECTOR][index % 2],
                external_organisation="Demo Logistics Ltd" if index % 2 == 0 else "Demo Community Trust",
                starts_on=date(2025, 1, 1),
                ends_on=date(2025, 12, 31),
                purpose="Demo secondment",
            )
    executives = Person.objects.filter(active=True, management_level=ManagementLevel.EXECUTIVE).order_by(
        "id"
    )[:5]
    if not SeniorContract.objects.exists():
        for index, person in enumerate(executives):
            SeniorContract.objects.create(
                person=person,
                organisation=person.organisation,
                post=person.job_title or "Chief executive",
                starts_on=date(2023, 4 + index, 1),
                minimum_term_months=36,
                minimum_term_ends_on=date(2026, 4 + index, 1),
                next_assessment_due=date(2026, 1 + index, 1),
            )
    return {"members": members}
