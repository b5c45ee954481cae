"""Reads shared by pages, the API, exports and the sweep. Rows always start from leadership.access.

Other apps (training eligibility, appraisal bands, competency ratings) are read through the guarded
helpers here, so the talent pool works before, and keeps working while, those apps change.
"""

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from appraisal import selectors as appraisal_selectors
from leadership.models import Competency, Organisation, OrganisationKind, Person, Rating, User
from talentpool.models import (
    GraduateCohort,
    GraduateSchemeSettings,
    GraduateTrainee,
    PoolMembership,
    Readiness,
    ReviewPlacement,
    Secondment,
    SeniorContract,
    SuccessionPlan,
    TalentPool,
    TalentReview,
)
from training import selectors as training_selectors

logger = logging.getLogger(__name__)
REVIEW_INTERVAL = timedelta(days=365)


# What other apps know about a person (lower layers: training for R8, appraisal for bands).


def eligible_for_national_pool(people_qs: QuerySet[Person]) -> QuerySet[Person]:
    """People who hold the accredited senior qualification (R8); the one caller of training's rule."""
    return training_selectors.senior_pool_eligible_people(people_qs)


def is_eligible_for_national_pool(person: Person) -> bool:
    return bool(training_selectors.senior_pool_eligible(person))


def latest_appraisal_band(person: Person):
    """The band of the person's latest signed-off appraisal, or None."""
    return appraisal_selectors.latest_band(person)


# The 9-box performance axis from an appraisal band: the words a band may carry, low to high.
BAND_PERFORMANCE = {
    "low": 1,
    "below": 1,
    "unsatisfactory": 1,
    "moderate": 2,
    "meets": 2,
    "good": 2,
    "high": 3,
    "exceeds": 3,
    "outstanding": 3,
    "exceptional": 3,
}


def performance_from_appraisal(person: Person) -> int | None:
    band = latest_appraisal_band(person)
    if band is None:
        return None
    if isinstance(band, int) and 1 <= band <= 3:
        return band
    text = str(getattr(band, "value", band)).lower()
    return next((score for word, score in BAND_PERFORMANCE.items() if word in text), None)


def competency_ratings(person: Person) -> list[dict]:
    """The latest submitted rating for each competency, from the development records."""
    rows = (
        Rating.objects.filter(assessment__person=person, assessment__submitted_at__isnull=False)
        .order_by("competency__position", "competency_id", "-assessment__submitted_at")
        .values("competency_id", "competency__name", "level")
    )
    latest: dict[int, dict] = {}
    for row in rows:
        latest.setdefault(row["competency_id"],
                          {"competency": row["competency__name"], "level": row["level"]})
    return list(latest.values())


def competency_names() -> list[str]:
    return sorted(set(Competency.objects.values_list("name", flat=True)))


def _rated_at_least(competency_name: str, level: int):
    return Rating.objects.filter(
        assessment__person_id=OuterRef("person_id"),
        assessment__submitted_at__isnull=False,
        competency__name=competency_name,
        level__gte=level,
    )


# Pools and members


def national_pool() -> TalentPool:
    pool, _ = TalentPool.objects.get_or_create(
        kind=TalentPool.Kind.NATIONAL_SENIOR,
        defaults={"name": "National senior management pool"},
    )
    return pool


def regions() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.REGION).order_by("name")


@dataclass(frozen=True)
class MemberSearch:
    pool: TalentPool | None = None
    q: str = ""
    readiness: str = ""
    region: Organisation | None = None
    management_level: str = ""
    sector_background: str = ""
    qualified: bool = False
    competency: str = ""
    competency_level: int = 0


def member_search(members: QuerySet[PoolMembership], search: MemberSearch) -> QuerySet[PoolMembership]:
    """Filter visible memberships; select_related so a page is a fixed number of queries."""
    rows = members.select_related("person", "person__organisation", "pool")
    if search.pool is not None:
        rows = rows.filter(pool=search.pool)
    if search.q:
        rows = rows.filter(
            Q(person__first_name__icontains=search.q)
            | Q(person__last_name__icontains=search.q)
            | Q(person__job_title__icontains=search.q)
            | Q(aspirations__icontains=search.q)
        )
    if search.readiness:
        rows = rows.filter(readiness=search.readiness)
    if search.region is not None:
        rows = rows.filter(mobility_regions=search.region)
    if search.management_level:
        rows = rows.filter(person__management_level=search.management_level)
    if search.sector_background:
        rows = rows.filter(person__sector_background=search.sector_background)
    if search.qualified:
        rows = rows.filter(person__in=eligible_for_national_pool(Person.objects.all()))
    if search.competency:
        rated = _rated_at_least(search.competency, search.competency_level or 1)
        rows = rows.filter(Exists(rated))
    return rows.order_by("person__last_name", "person__first_name", "id")


def members_due_to_lapse(today: date) -> QuerySet[PoolMembership]:
    """Active members not reviewed for a year (or, never reviewed, not since they joined)."""
    cutoff = today - REVIEW_INTERVAL
    return PoolMembership.objects.filter(status=PoolMembership.Status.ACTIVE).filter(
        Q(last_reviewed_on__lt=cutoff) | Q(last_reviewed_on__isnull=True, joined_on__lt=cutoff)
    )


def people_newly_eligible() -> QuerySet[Person]:
    """Eligible for the national pool, not already in it, and not yet prompted."""
    in_pool = PoolMembership.objects.filter(
        person_id=OuterRef("pk"),
        pool__kind=TalentPool.Kind.NATIONAL_SENIOR,
        status__in=PoolMembership.OPEN_STATUSES + (PoolMembership.Status.PLACED,),
    )
    candidates = Person.objects.filter(active=True, pool_eligibility_prompt__isnull=True).exclude(
        Exists(in_pool)
    )
    return eligible_for_national_pool(candidates)


# Talent reviews and succession


def nine_box(review) -> list[list[dict]]:
    """Rows of the grid, high performance first; each box holds its label and the people placed in it."""
    placements = list(review.placements.select_related("person"))
    grid = []
    for performance in (3, 2, 1):
        row = []
        for potential in (1, 2, 3):
            row.append(
                {
                    "performance": performance,
                    "potential": potential,
                    "label": BOX_LABELS[(performance, potential)],
                    "people": [
                        p for p in placements if (p.performance, p.potential) == (performance, potential)
                    ],
                }
            )
        grid.append(row)
    return grid


BOX_LABELS = {
    (3, 3): "Future leader",
    (3, 2): "High performer",
    (3, 1): "Trusted professional",
    (2, 3): "Emerging talent",
    (2, 2): "Core contributor",
    (2, 1): "Solid performer",
    (1, 3): "Inconsistent talent",
    (1, 2): "Developing",
    (1, 1): "Underperformer",
}


def box_label(placement: ReviewPlacement) -> str:
    return BOX_LABELS[(placement.performance, placement.potential)]


def succession_plans_with_flags(plans: QuerySet[SuccessionPlan]) -> QuerySet[SuccessionPlan]:
    return (
        plans.select_related("holder")
        .annotate(
            ready_now=Count("candidates", filter=Q(candidates__readiness=Readiness.READY_NOW)),
            candidate_count=Count("candidates"),
        )
        .order_by("post")
    )


# Graduate scheme


def graduate_national_view() -> dict:
    settings = GraduateSchemeSettings.current()
    by_year = list(
        GraduateTrainee.objects.values("cohort__intake_year")
        .annotate(intake=Count("id"))
        .order_by("-cohort__intake_year")
    )
    landed = list(
        GraduateTrainee.objects.filter(outcome=GraduateTrainee.Outcome.ACCEPTED)
        .values("outcome_organisation__name")
        .annotate(count=Count("id"))
        .order_by("-count")
    )
    outcomes = dict(GraduateTrainee.objects.values_list("outcome").annotate(count=Count("id")))
    return {
        "settings": settings,
        "target": settings.annual_target,
        "by_year": [
            {
                "year": row["cohort__intake_year"],
                "intake": row["intake"],
                "percent_of_target": round(100 * row["intake"] / settings.annual_target)
                if settings.annual_target
                else 0,
            }
            for row in by_year
        ],
        "landed": landed,
        "outcomes": [(label, outcomes.get(value, 0)) for value, label in GraduateTrainee.Outcome.choices],
    }


# List filters: each takes rows from talentpool.access and the filter form's cleaned data.


def _words(rows: QuerySet, q: str, *fields: str) -> QuerySet:
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": q})
    return rows.filter(condition) if q else rows


def filter_reviews(rows: QuerySet[TalentReview], data: dict) -> QuerySet[TalentReview]:
    rows = _words(rows, data.get("q", ""), "title")
    if data.get("status"):
        rows = rows.filter(status=data["status"])
    if data.get("organisation"):
        rows = rows.filter(organisation=data["organisation"])
    return rows.order_by("-held_on", "-id")


def filter_succession_plans(rows: QuerySet[SuccessionPlan], data: dict) -> QuerySet[SuccessionPlan]:
    rows = _words(rows, data.get("q", ""), "post", "holder__first_name", "holder__last_name")
    if data.get("organisation"):
        rows = rows.filter(organisation=data["organisation"])
    rows = succession_plans_with_flags(rows)
    if data.get("no_ready_now"):
        rows = rows.filter(ready_now=0)
    return rows.order_by("post", "id")


def filter_secondments(rows: QuerySet[Secondment], data: dict, *, today: date) -> QuerySet[Secondment]:
    rows = _words(rows, data.get("q", ""), "person__first_name", "person__last_name", "external_organisation")
    if data.get("direction"):
        rows = rows.filter(direction=data["direction"])
    if data.get("external_sector"):
        rows = rows.filter(external_sector=data["external_sector"])
    state = data.get("state")
    if state == "cancelled":
        rows = rows.filter(cancelled_on__isnull=False)
    elif state:
        rows = rows.filter(cancelled_on__isnull=True)
        rows = {"upcoming": rows.filter(starts_on__gt=today),
                "current": rows.filter(starts_on__lte=today, ends_on__gte=today),
                "finished": rows.filter(ends_on__lt=today)}[state]
    return rows.order_by("-starts_on", "-id")


def filter_contracts(rows: QuerySet[SeniorContract], data: dict, *, today: date) -> QuerySet[SeniorContract]:
    rows = _words(rows, data.get("q", ""), "person__first_name", "person__last_name", "post",
                  "organisation__name")
    state = data.get("state")
    running = rows.filter(ended_reason="")
    if state == "ended":
        rows = rows.exclude(ended_reason="")
    elif state == "running":
        rows = running
    elif state == "assessment_overdue":
        rows = running.filter(next_assessment_due__lt=today)
    elif state == "term_ending":
        rows = running.filter(minimum_term_ends_on__range=(today, today + CONTRACT_SOON))
    return rows.order_by("minimum_term_ends_on", "id")


CONTRACT_SOON = timedelta(days=183)


def filter_trainees(rows: QuerySet[GraduateTrainee], data: dict) -> QuerySet[GraduateTrainee]:
    rows = _words(rows, data.get("q", ""), "person__first_name", "person__last_name")
    if data.get("cohort"):
        rows = rows.filter(cohort=data["cohort"])
    if data.get("outcome"):
        rows = rows.filter(outcome=data["outcome"])
    if data.get("scheme_year"):
        rows = rows.filter(scheme_year=data["scheme_year"])
    return rows.order_by("person__last_name", "person__first_name", "id")


def filter_cohorts(rows: QuerySet[GraduateCohort], data: dict) -> QuerySet[GraduateCohort]:
    if data.get("intake_year"):
        rows = rows.filter(intake_year=data["intake_year"])
    if data.get("pathway"):
        rows = rows.filter(pathway=data["pathway"])
    return rows.annotate(trainee_count=Count("trainees")).order_by("-intake_year", "pathway")


def succession_history(plan: SuccessionPlan, limit: int = 50) -> list[dict]:
    """Candidates added, readiness changed and removed: when, who, why (from the audit context)."""
    from talentpool.models import SuccessionCandidateEvent

    events = list(SuccessionCandidateEvent.objects.filter(plan_id=plan.id)
                  .select_related("person", "pgh_context").order_by("-pgh_created_at", "-pgh_id")[:limit])
    contexts = [e.pgh_context.metadata if e.pgh_context else {} for e in events]
    emails = dict(User.objects.filter(pk__in={c.get("user") for c in contexts} - {None})
                  .values_list("pk", "email"))
    labels = {"insert": "Added", "update": "Readiness changed", "delete": "Removed"}
    return [{"when": event.pgh_created_at, "what": labels.get(event.pgh_label, event.pgh_label),
             "person": event.person, "readiness": Readiness(event.readiness).label,
             "who": emails.get(context.get("user"), "System"), "why": context.get("reason", "")}
            for event, context in zip(events, contexts, strict=True)]


def change_history(record, limit: int = 50) -> list[dict]:
    """A record's pghistory events as rows: when, who, what changed (leadership.audit)."""
    from pghistory.models import Events

    from leadership.audit import history_rows

    events = list(Events.objects.tracks(record).order_by("-pgh_created_at", "-pgh_id")[:limit])
    return history_rows(events, type(record))
