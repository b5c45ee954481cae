"""Reads shared by pages, the API, exports and other apps (talent pool, appraisal, development)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from django.db.models import Avg, Count, Exists, F, Min, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncQuarter
from django.urls import reverse
from django.utils import timezone
from pghistory.models import Events

from leadership.audit import history_rows
from leadership.development import selectors as development_selectors
from leadership.development.courses import CourseChoice
from leadership.disclosure import EXPLANATION, SHOWN_AS, suppress
from leadership.models import Organisation, OrganisationKind, Person
from training.models import (
    ACTIVE_ENROLMENT,
    MANAGEMENT_BASICS,
    MANAGER_LEVELS,
    Course,
    CourseRun,
    Enrolment,
    Evaluation,
    Provider,
    Qualification,
    Topic,
    TrainingRecord,
)

RATINGS_SHOWN_FROM = 5  # ratings appear once five attendees have answered


# Contracts for other apps.


def senior_pool_eligible_people(people_qs: QuerySet[Person]) -> QuerySet[Person]:
    """People holding a completed accredited senior management qualification (R8)."""
    return people_qs.filter(Exists(Qualification.objects.filter(person=OuterRef("pk"), senior=True)))


def senior_pool_eligible(person: Person) -> bool:
    return Qualification.objects.filter(person=person, senior=True).exists()


def appraisal_skills_completed_since(person: Person, since: date) -> bool:
    """Has the person completed an appraisal-skills course on or after `since` (R11's appraisers)?"""
    return TrainingRecord.objects.filter(
        person=person,
        status=TrainingRecord.Status.COMPLETED,
        on__gte=since,
        course__topics__contains=[Topic.APPRAISAL_SKILLS],
    ).exists()


def people_with_appraisal_skills_since(person_ids, since: date) -> set[int]:
    """Of those people, who completed an appraisal-skills course on or after `since` (one query)."""
    return set(TrainingRecord.objects.filter(
        person_id__in=person_ids, status=TrainingRecord.Status.COMPLETED, on__gte=since,
        course__topics__contains=[Topic.APPRAISAL_SKILLS],
    ).values_list("person_id", flat=True))


def appraisal_skills_course_link() -> tuple[str, str]:
    """The appraisal-skills course's page, or the catalogue filtered to the topic when none is active."""
    course = (Course.objects.filter(active=True, topics__contains=[Topic.APPRAISAL_SKILLS])
              .order_by("title").first())
    if course is None:
        return ("Appraisal-skills courses",
                reverse("training:catalogue") + f"?topic={Topic.APPRAISAL_SKILLS}")
    return (f"{course.title}, the appraisal-skills course",
            reverse("training:course_detail", args=[course.public_id]))


def development_needs_competency_codes(person: Person) -> set[str]:
    """The competencies behind the person's development needs."""
    return set(development_selectors.development_needs_competency_codes(person))


# The catalogue.


@dataclass(frozen=True)
class CatalogueFilters:
    q: str = ""
    topic: str = ""
    level: str = ""
    competency: str = ""
    mode: str = ""
    provider: str = ""  # a provider's public id
    accredited_only: bool = False


def provider_accredited_q(day: date, prefix: str = "") -> Q:
    return (
        Q(**{f"{prefix}accreditation_status": Provider.Status.ACCREDITED})
        & (Q(**{f"{prefix}accredited_from__isnull": True}) | Q(**{f"{prefix}accredited_from__lte": day}))
        & (Q(**{f"{prefix}accredited_until__isnull": True}) | Q(**{f"{prefix}accredited_until__gte": day}))
    )


def catalogue_search(
    courses: QuerySet[Course], filters: CatalogueFilters, today: date | None = None
) -> QuerySet[Course]:
    today = today or timezone.localdate()
    qs = courses.select_related("provider")
    if filters.q:
        qs = qs.filter(
            Q(title__icontains=filters.q)
            | Q(summary__icontains=filters.q)
            | Q(provider__name__icontains=filters.q)
        )
    if filters.topic:
        qs = qs.filter(topics__contains=[filters.topic])
    if filters.level:
        qs = qs.filter(levels__contains=[filters.level])
    if filters.competency:
        qs = qs.filter(competency_codes__contains=[filters.competency])
    if filters.mode:
        qs = qs.filter(mode=filters.mode)
    if filters.provider:
        qs = qs.filter(provider__public_id=filters.provider)
    if filters.accredited_only:
        qs = qs.filter(provider_accredited_q(today, "provider__"))
    return qs.annotate(
        next_run_on=Min("runs__starts_on", filter=Q(runs__starts_on__gte=today, runs__cancelled=False)),
    ).order_by("title", "id")


def courses_for_competencies(courses: QuerySet[Course], codes: set[str], limit: int = 5) -> list[Course]:
    """Courses that develop any of the competencies, the best match first."""
    if not codes:
        return []
    found = list(courses.filter(competency_codes__overlap=sorted(codes)).select_related("provider")[:50])
    found.sort(key=lambda c: (-len(codes & set(c.competency_codes)), c.title))
    return found[:limit]


def suggested_courses(courses: QuerySet[Course], person: Person | None) -> list[Course]:
    if person is None:
        return []
    return courses_for_competencies(courses, development_needs_competency_codes(person))


def runs_with_places(course: Course, today: date | None = None) -> list[CourseRun]:
    today = today or timezone.localdate()
    runs = (
        course.runs.filter(ends_on__gte=today)
        .annotate(
            taken=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.ENROLLED)),
            waiting=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.WAITLISTED)),
        )
        .order_by("starts_on", "id")
    )
    result = list(runs)
    for run in result:
        run.places_left = max(run.capacity - run.taken, 0)
    return result


def run_active_enrolment_count(run: CourseRun) -> int:
    """The people a cancellation would tell: requests, places and the waiting list."""
    return run.enrolments.filter(status__in=ACTIVE_ENROLMENT).count()


def active_enrolments_of(person: Person | None, runs: list[CourseRun]) -> dict[int, Enrolment]:
    if person is None or not runs:
        return {}
    found = Enrolment.objects.filter(person=person, run__in=runs, status__in=ACTIVE_ENROLMENT)
    return {e.run_id: e for e in found}


@dataclass(frozen=True)
class Ratings:
    answers: int
    content: Decimal | None
    delivery: Decimal | None
    relevance: Decimal | None

    @property
    def shown(self) -> bool:
        return self.answers >= RATINGS_SHOWN_FROM


def _ratings(evaluations: QuerySet[Evaluation]) -> Ratings:
    row = evaluations.aggregate(
        answers=Count("id"), content=Avg("content"), delivery=Avg("delivery"), relevance=Avg("relevance")
    )
    rounded = {k: (round(Decimal(v), 1) if v is not None else None) for k, v in row.items() if k != "answers"}
    return Ratings(answers=row["answers"], **rounded)


def course_ratings(course: Course) -> Ratings:
    return _ratings(Evaluation.objects.filter(course=course))


def provider_ratings(provider: Provider) -> Ratings:
    return _ratings(Evaluation.objects.filter(course__provider=provider))


# Dashboards (R3): coverage, completion, hours, cross-functional share, quality, spend, trend.


def organisation_regions() -> dict[int, str]:
    """Each organisation's NHS England region name (by walking parents), or "No region"."""
    rows = {o["id"]: o for o in Organisation.objects.values("id", "name", "kind", "parent_id")}
    regions: dict[int, str] = {}
    for org_id in rows:
        current, seen = rows[org_id], set()
        while (
            current is not None and current["kind"] != OrganisationKind.REGION and current["id"] not in seen
        ):
            seen.add(current["id"])
            current = rows.get(current["parent_id"])
        regions[org_id] = (
            current["name"]
            if current is not None and current["kind"] == OrganisationKind.REGION
            else "No region"
        )
    return regions


def _percent(part, whole) -> int:
    return round(100 * part / whole) if whole else 0


def _coverage_counts() -> dict:
    done = Q(training_records__status=TrainingRecord.Status.COMPLETED)
    counts = {
        "managers": Count("id", distinct=True),
        "any_basics": Count(
            "id",
            distinct=True,
            filter=done & Q(training_records__course__topics__overlap=list(MANAGEMENT_BASICS)),
        ),
    }
    for topic in MANAGEMENT_BASICS:
        counts[f"basics_{topic}"] = Count(
            "id", distinct=True, filter=done & Q(training_records__course__topics__contains=[topic])
        )
    return counts


def _coverage_row(label: str, row: dict, exact: bool = True) -> dict:
    """One row of a coverage table; outside the employer, small numbers read "<5" and "*"."""
    managers = row["managers"]

    def rate(count):
        hidden = suppress(count, exact=exact, out_of=managers)
        return SHOWN_AS[hidden] if hidden else _percent(count, managers)

    any_basics = rate(row["any_basics"])
    hidden_managers = suppress(managers, exact=exact)
    return {
        "label": label,
        "managers": SHOWN_AS[hidden_managers] if hidden_managers else managers,
        "any_basics": any_basics,
        "bar": any_basics if isinstance(any_basics, int) else 0,
        "topics": [rate(row[f"basics_{t}"]) for t in MANAGEMENT_BASICS],
    }


def training_dashboard(organisation_ids: set[int] | None, today: date | None = None, *,
                       exact: bool = False) -> dict:
    """The figures for a set of organisations, or for the whole NHS when organisation_ids is None.

    `exact`: the viewer is the employer of all of them (leadership.access.sees_exact_figures); anyone
    else sees counts from 1 to 4 as "<5" and rates built on fewer than 5 people as "*"."""
    today = today or timezone.localdate()
    managers = Person.objects.filter(active=True, management_level__in=MANAGER_LEVELS)
    records = TrainingRecord.objects.all()
    evaluations = Evaluation.objects.all()
    if organisation_ids is not None:
        managers = managers.filter(organisation_id__in=organisation_ids)
        records = records.filter(organisation_id__in=organisation_ids)
        evaluations = evaluations.filter(record__organisation_id__in=organisation_ids)

    levels = dict(Person.Level.choices)
    by_level = [
        _coverage_row(str(levels[row["management_level"]]), row, exact)
        for row in managers.values("management_level")
        .annotate(**_coverage_counts())
        .order_by("management_level")
    ]
    org_rows = list(
        managers.values("organisation_id", org_name=F("organisation__name"))
        .annotate(**_coverage_counts())
        .order_by("org_name")
    )
    # a row per organisation: exact only for the viewer's own, which the caller passes alone
    by_organisation = [_coverage_row(row["org_name"], row, exact) for row in org_rows[:200]]
    regions = organisation_regions()
    region_totals: dict[str, dict] = {}
    for row in org_rows:
        total = region_totals.setdefault(
            regions.get(row["organisation_id"], "No region"), dict.fromkeys(row, 0)
        )
        for key, value in row.items():
            if isinstance(value, int) and key != "organisation_id":
                total[key] += value
    by_region = [_coverage_row(name, total, exact) for name, total in sorted(region_totals.items())]
    manager_total = sum(row["managers"] for row in org_rows)

    completed = Q(status=TrainingRecord.Status.COMPLETED)
    totals = records.aggregate(
        completed=Count("id", filter=completed),
        ended=Count(
            "id",
            filter=Q(
                status__in=[
                    TrainingRecord.Status.COMPLETED,
                    TrainingRecord.Status.FAILED,
                    TrainingRecord.Status.WITHDRAWN,
                ]
            ),
        ),
        manager_hours=Coalesce(
            Sum("hours", filter=completed & Q(person__management_level__in=MANAGER_LEVELS)), Value(Decimal(0))
        ),
        catalogue_completed=Count("id", filter=completed & Q(course__isnull=False)),
        cross_functional=Count("id", filter=completed & Q(course__cross_functional=True)),
        spend=Coalesce(Sum("cost", filter=~Q(status=TrainingRecord.Status.WITHDRAWN)), Value(Decimal(0))),
    )
    quality = [
        {
            "provider": row["course__provider__name"],
            "answers": row["answers"],
            "content": round(row["content"], 1),
            "delivery": round(row["delivery"], 1),
            "relevance": round(row["relevance"], 1),
        }
        for row in evaluations.values("course__provider__name")
        .annotate(
            answers=Count("id"),
            content=Avg("content"),
            delivery=Avg("delivery"),
            relevance=Avg("relevance"),
        )
        .filter(answers__gte=RATINGS_SHOWN_FROM)
        .order_by("course__provider__name")
    ]
    since = date(today.year - 2, 1, 1)
    trend_rows = list(
        records.filter(completed, on__gte=since)
        .annotate(quarter=TruncQuarter("on"))
        .values("quarter")
        .annotate(completions=Count("id"), hours=Sum("hours"))
        .order_by("quarter")
    )
    most = max((row["completions"] for row in trend_rows), default=0)
    trend = [
        {
            "label": f"{row['quarter'].year} Q{(row['quarter'].month - 1) // 3 + 1}",
            "completions": row["completions"],
            "hours": row["hours"],
            "max": most,
        }
        for row in trend_rows
    ]
    any_basics = sum(row["any_basics"] for row in org_rows)

    def hide(text, count, out_of=None):
        hidden = suppress(count, exact=exact, out_of=out_of)
        return SHOWN_AS[hidden] if hidden else text

    return {
        "managers": hide(manager_total, manager_total),
        "basics_topics": [str(label) for value, label in Topic.choices if value in MANAGEMENT_BASICS],
        "coverage_any": hide(_percent(any_basics, manager_total), any_basics, manager_total),
        "by_level": by_level,
        "by_region": by_region,
        "by_organisation": by_organisation,
        "completion_rate": hide(_percent(totals["completed"], totals["ended"]), totals["completed"],
                                totals["ended"]),
        "completed": hide(totals["completed"], totals["completed"]),
        "hours_per_manager": hide(round(totals["manager_hours"] / manager_total, 1)
                                  if manager_total else Decimal(0), None, manager_total),
        "cross_functional_share": hide(_percent(totals["cross_functional"], totals["catalogue_completed"]),
                                       totals["cross_functional"], totals["catalogue_completed"]),
        "spend": totals["spend"],  # money, not people
        "quality": quality,  # shown only from RATINGS_SHOWN_FROM answers
        "trend": _disclosed_trend(trend, exact),
        "small_numbers": "" if exact else EXPLANATION,
    }


def _disclosed_trend(trend: list[dict], exact: bool) -> list[dict]:
    """A quarter's completions from 1 to 4 read "<5", and its hours (those few people's) "*"."""
    rows = []
    for row in trend:
        hidden = suppress(row["completions"], exact=exact)
        rows.append({**row, "completions": SHOWN_AS[hidden] if hidden else row["completions"],
                     "hours": "*" if hidden else row["hours"], "bar": 0 if hidden else row["completions"]})
    most = max((row["bar"] for row in rows), default=0)  # the meters' scale, from shown figures only
    return [{**row, "max": most} for row in rows]


def dashboard_csv_rows(figures: dict, scope: str):
    """The dashboard as rows of (section, label, measure, value), for the CSV download."""
    yield (scope, "All managers", "Managers", figures["managers"])
    yield (scope, "All managers", "Coverage of any management basic (%)", figures["coverage_any"])
    yield (scope, "All managers", "Completion rate (%)", figures["completion_rate"])
    yield (scope, "All managers", "Hours per manager", figures["hours_per_manager"])
    yield (scope, "All managers", "Cross-functional share (%)", figures["cross_functional_share"])
    yield (scope, "All managers", "Spend (£)", figures["spend"])
    for section in ("by_level", "by_region", "by_organisation"):
        name = section.replace("_", " ").capitalize()
        for row in figures[section]:
            yield (name, row["label"], "Managers", row["managers"])
            yield (name, row["label"], "Any management basic (%)", row["any_basics"])
            for topic, value in zip(figures["basics_topics"], row["topics"], strict=True):
                yield (name, row["label"], f"{topic} (%)", value)
    for row in figures["quality"]:
        for measure in ("content", "delivery", "relevance"):
            yield ("Quality by provider", row["provider"], f"{measure.capitalize()} (1-5)", row[measure])
    for row in figures["trend"]:
        yield ("Trend by quarter", row["label"], "Completions", row["completions"])
        yield ("Trend by quarter", row["label"], "Hours", row["hours"])
    if figures.get("small_numbers"):
        yield ("Note", "", "", figures["small_numbers"])


def person_training(person: Person) -> dict:
    return {
        "records": list(person.training_records.select_related("course").order_by("-on", "-id")),
        "enrolments": list(
            person.enrolments.select_related("run__course")
            .filter(status__in=ACTIVE_ENROLMENT)
            .order_by("run__starts_on")
        ),
        "qualifications": list(person.qualifications.order_by("-awarded_on")),
    }


def training_record_history(person: Person, limit: int = 50) -> list[dict]:
    """Changes to the person's training records, deleted ones included, newest first; each row names
    the record it is about."""
    events = list(
        Events.objects.references(person).across("training.TrainingRecordEvent")
        .order_by("-pgh_created_at", "-pgh_id")[:limit]
    )
    rows = history_rows(events, TrainingRecord)
    for row, event in zip(rows, events, strict=True):
        row["what_label"] = f"{row['what_label']}: {event.pgh_data.get('title', '')}"
    return rows



def _course_choices(courses: QuerySet[Course], today: date, limit: int | None = None) -> list[CourseChoice]:
    rows = courses.select_related("provider").annotate(
        next_run_on=Min("runs__starts_on", filter=Q(runs__starts_on__gte=today, runs__cancelled=False)))
    if limit is not None:
        rows = rows.order_by("title", "id")[:limit]
    return [CourseChoice(c.public_id, c.title, c.provider.name, c.next_run_on) for c in rows]


COURSE_CHOICE_LIMIT = 20


def course_choices_search(courses: QuerySet[Course], text: str,
                          today: date | None = None) -> list[CourseChoice]:
    """Development's course picker: the user's catalogue courses whose title or provider holds every
    word typed, up to COURSE_CHOICE_LIMIT, by title."""
    for word in text.split()[:4]:
        courses = courses.filter(Q(title__icontains=word) | Q(provider__name__icontains=word))
    return _course_choices(courses, today or timezone.localdate(), limit=COURSE_CHOICE_LIMIT)


def course_choices_by_id(ids, today: date | None = None) -> dict[UUID, CourseChoice]:
    """Courses linked to actions, by public id, whoever looks (a linked course stays named)."""
    rows = _course_choices(Course.objects.filter(public_id__in=list(ids)), today or timezone.localdate())
    return {choice.public_id: choice for choice in rows}
