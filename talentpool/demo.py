"""Demo talent data. `seed()` is idempotent: seed_demo calls it after people exist.

Dates are relative to today, so a fresh `make run` shows current pool members (annual reviews due in
the coming months, not lapsed), secondments under way and to come, and contracts with alerts ahead.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from leadership.demo import DEMO_ACUTE_TRUST
from leadership.models import ManagementLevel, Organisation, OrganisationKind, Person, SectorBackground
from talentpool import selectors, services
from talentpool.models import (
    GraduateCohort,
    GraduateSchemeSettings,
    GraduateTrainee,
    MembershipDecision,
    NationalPoolException,
    PoolMembership,
    Rating,
    Readiness,
    ReviewPlacement,
    Secondment,
    SeniorContract,
    SuccessionCandidate,
    SuccessionPlan,
    TalentPool,
    TalentReview,
)

READINESS = [Readiness.READY_NOW, Readiness.ONE_TO_TWO_YEARS, Readiness.THREE_PLUS_YEARS]
ASPIRATIONS = ["Director of operations", "Chief operating officer", "Director of nursing"]
EQUIVALENT = "Equivalent senior leadership qualification gained before the accredited one existed"


def _member(pool: TalentPool, person: Person, index: int, today: date) -> bool:
    """An active member reviewed 1 to 11 months ago: their annual review is still ahead."""
    reviewed = today - timedelta(days=30 + (index * 37) % 300)
    membership, created = PoolMembership.objects.get_or_create(
        pool=pool,
        person=person,
        status=PoolMembership.Status.ACTIVE,
        defaults={
            "route": PoolMembership.Route.HR_ADMIN,
            "rationale": "Strong senior leader with a record of turning services round",
            "readiness": READINESS[index % 3],
            "consent_to_share": index % 3 != 2,
            "joined_on": reviewed,
            "last_reviewed_on": reviewed,
            "aspirations": ASPIRATIONS[index % 3],
        },
    )
    if created:
        MembershipDecision.objects.create(membership=membership, to_status=membership.status,
                                          reason="Joined after the HR admin's review")
    return created


def _national_members(today: date, limit: int) -> int:
    pool = selectors.national_pool()
    regions = list(selectors.regions())
    seniors = list(Person.objects.filter(
        active=True,
        management_level__in=[ManagementLevel.SENIOR, ManagementLevel.EXECUTIVE],
        organisation__kind__in=[OrganisationKind.NHS_TRUST, OrganisationKind.FOUNDATION_TRUST],
    ).order_by("id")[:limit])
    qualified = set(selectors.eligible_for_national_pool(
        Person.objects.filter(id__in=[p.id for p in seniors])).values_list("id", flat=True))
    added = 0
    for index, person in enumerate(seniors):
        if person.id not in qualified:  # R8: members hold the qualification, or an exception says why
            NationalPoolException.objects.get_or_create(person=person, defaults={"reason": EQUIVALENT})
        if _member(pool, person, index, today):
            added += 1
            if regions:
                membership = PoolMembership.objects.get(pool=pool, person=person, status="active")
                membership.mobility_regions.set(regions[index % len(regions): index % len(regions) + 2])
    return added


def _trust_pool(trust: Organisation, today: date) -> None:
    pool, _ = TalentPool.objects.get_or_create(
        name=f"Aspiring ward managers: {trust.name}",
        defaults={"kind": TalentPool.Kind.ORGANISATION, "owner": trust,
                  "description": "Band 6 nurses ready to lead a ward within two years."})
    if not pool.active:
        return
    staff = Person.objects.filter(organisation=trust, active=True,
                                  management_level=ManagementLevel.FIRST_LINE)
    for index, person in enumerate(staff.order_by("id")[:4]):
        _member(pool, person, index, today)


def _reviews(trust: Organisation, today: date) -> None:
    people = list(Person.objects.filter(organisation=trust, active=True).order_by("id")[:9])
    for title, held_on, decided in (("Directorate talent review, spring", today - timedelta(days=200), True),
                                    ("Directorate talent review, autumn", today - timedelta(days=20), False)):
        review, created = TalentReview.objects.get_or_create(
            organisation=trust, title=title, defaults={"held_on": held_on})
        if not created:
            continue
        for index, person in enumerate(people):
            ReviewPlacement.objects.create(
                review=review, person=person, performance=Rating.values[index % 3],
                performance_source=ReviewPlacement.PerformanceSource.ENTERED,
                potential=Rating.values[(index // 3) % 3], notes="Discussed at the panel")
        if decided:
            review.status, review.decision = TalentReview.Status.DECIDED, "Agreed the grid and next moves."
            review.decided_at = timezone.now()
            review.save(update_fields=["status", "decision", "decided_at"])


def _succession(trust: Organisation) -> None:
    seniors = list(Person.objects.filter(
        organisation=trust, active=True,
        management_level__in=[ManagementLevel.SENIOR, ManagementLevel.MIDDLE]).order_by("id")[:6])
    for post, offset in (("Director of operations", 0), ("Chief nurse", 3), ("Director of finance", 5)):
        plan, created = SuccessionPlan.objects.get_or_create(organisation=trust, post=post)
        if not created:
            continue
        for index, person in enumerate(seniors[offset:offset + 3]):
            SuccessionCandidate.objects.create(plan=plan, person=person, readiness=READINESS[index % 3])


def _graduates(trust: Organisation | None) -> None:
    cohort, _ = GraduateCohort.objects.get_or_create(intake_year=2024, pathway="general_management")
    GraduateCohort.objects.get_or_create(intake_year=2025, pathway="finance")
    juniors = Person.objects.filter(active=True, management_level=ManagementLevel.NONE,
                                    graduate_trainee__isnull=True).order_by("id")
    if not GraduateTrainee.objects.exists():
        for person in juniors[:10]:
            GraduateTrainee.objects.create(cohort=cohort, person=person)
    # The demo trust's HR admin sees their own trainees (on pages and in the API), so it has some too.
    if trust is not None and not GraduateTrainee.objects.filter(person__organisation=trust).exists():
        for person in juniors.filter(organisation=trust)[:3]:
            GraduateTrainee.objects.create(cohort=cohort, person=person)


def _secondments(trust: Organisation, today: date) -> None:
    middles = Person.objects.filter(organisation=trust, active=True,
                                    management_level=ManagementLevel.MIDDLE).order_by("id")[:4]
    plans = [  # under way, to come, finished, cancelled
        ("out", SectorBackground.PRIVATE, "Demo Logistics Ltd", -90, 180, False),
        ("in", SectorBackground.THIRD_SECTOR, "Demo Community Trust", 30, 210, False),
        ("out", SectorBackground.OTHER_PUBLIC, "Demo County Council", -400, -35, False),
        ("out", SectorBackground.PRIVATE, "Demo Consulting LLP", 60, 240, True),
    ]
    for person, (direction, sector, external, start, end, cancelled) in zip(middles, plans, strict=False):
        Secondment.objects.get_or_create(
            person=person, external_organisation=external,
            defaults={"organisation": trust, "direction": direction, "external_sector": sector,
                      "starts_on": today + timedelta(days=start), "ends_on": today + timedelta(days=end),
                      "purpose": "Bring back supply-chain and partnership experience",
                      "cancelled_on": today - timedelta(days=5) if cancelled else None,
                      "cancelled_reason": "The host withdrew the placement" if cancelled else ""})


def _contracts(today: date) -> None:
    executives = Person.objects.filter(active=True, management_level=ManagementLevel.EXECUTIVE)
    executives = executives.order_by("id")[:5]
    for index, person in enumerate(executives):
        starts_on = date(today.year - 3 + index % 2, 1 + index * 2, 1)
        SeniorContract.objects.get_or_create(
            person=person, organisation=person.organisation, post=person.job_title or "Chief executive",
            defaults={"starts_on": starts_on, "minimum_term_months": 36,
                      "minimum_term_ends_on": date(starts_on.year + 3, starts_on.month, 1),
                      "next_assessment_due": today + timedelta(days=-20 + 60 * index)})


@transaction.atomic
def seed(limit: int = 60) -> dict:
    """Pools with current members, reviews, succession plans, trainees, secondments and contracts."""
    today = timezone.localdate()
    GraduateSchemeSettings.current()
    services.regional_pools_ensure()
    members = _national_members(today, limit)
    trust = Organisation.objects.filter(ods_code=DEMO_ACUTE_TRUST).first()
    if trust is not None:
        _trust_pool(trust, today)
        _reviews(trust, today)
        _succession(trust)
        _secondments(trust, today)
    _graduates(trust)
    _contracts(today)
    return {"members": members}
