"""Reads shared by pages, the API, the PDF, tasks and other apps (the talent pool reads latest_band)."""

import statistics
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q

from appraisal.models import (
    BAND_LABELS,
    DEFAULT_BANDS,
    SENIOR_LEVELS,
    Appraisal,
    AppraiserException,
    ScorecardTemplate,
    quantize,
)
from leadership import measures
from leadership.development.framework_data import NATIONAL_COMPETENCY_NAMES
from leadership.development.selectors import published_framework
from leadership.disclosure import EXPLANATION, shown, suppress
from leadership.models import Competency, ManagementLevel, Organisation, Person, Scale
from training import selectors as training_selectors

COMPETENCY_SCALE = dict(Scale.choices)
APPRAISER_TRAINING_YEARS = 3


# Templates ---------------------------------------------------------------------------------------


def national_template() -> ScorecardTemplate:
    return ScorecardTemplate.objects.get(organisation__isnull=True, locked=True, current=True)


def template_for(organisation: Organisation, level: str) -> ScorecardTemplate:
    """Senior levels always get the national template; others their organisation's, else the national."""
    if level not in SENIOR_LEVELS:
        own = (
            ScorecardTemplate.objects.filter(
                organisation=organisation, current=True, levels__contains=[level]
            )
            .order_by("-updated_at")
            .first()
        )
        if own is not None:
            return own
    return national_template()


def competencies_for_level(level: str) -> list[tuple[str, str]]:
    """(code, name) of the competencies rated at this level, from the published framework if there is one."""
    framework = published_framework()
    if framework is None:
        return list(NATIONAL_COMPETENCY_NAMES)
    level = level if level != ManagementLevel.NONE else ManagementLevel.FIRST_LINE
    rows = (
        Competency.objects.filter(framework=framework, organisation__isnull=True)
        .filter(Q(behaviours__management_level=level) | Q(behaviours__isnull=True))
        .distinct()
    )
    found = [(c.code, c.name) for c in rows.order_by("position", "name")]
    return found or list(NATIONAL_COMPETENCY_NAMES)


# Score arithmetic --------------------------------------------------------------------------------


@dataclass
class PerspectiveScore:
    name: str
    weight: int
    score: Decimal | None
    working: str  # e.g. "(3 x 60 + 4 x 40) / 100 = 3.40"
    contribution: Decimal | None = None


@dataclass
class Score:
    perspectives: list[PerspectiveScore] = field(default_factory=list)
    overall: Decimal | None = None
    band: str = ""
    working: str = ""


def band_for(score: Decimal | None, bands: list[dict] | None = None) -> str:
    if score is None:
        return ""
    for band in sorted(bands or DEFAULT_BANDS, key=lambda b: Decimal(b["min_score"]), reverse=True):
        if score >= Decimal(band["min_score"]):
            return band["label"]
    return ""


def compute_score(appraisal: Appraisal, objectives=None) -> Score:
    """Each perspective: objectives' ratings weighted by their weights; overall: perspectives by theirs."""
    perspectives = list(appraisal.template.perspectives.all())
    objectives = list(objectives if objectives is not None else appraisal.objectives.all())
    result = Score()
    parts, complete = [], True
    for perspective in perspectives:
        rated = [o for o in objectives if o.perspective_id == perspective.id]
        if not rated or any(o.rating is None for o in rated):
            complete = False
            result.perspectives.append(
                PerspectiveScore(perspective.name, perspective.weight, None, "Not yet rated")
            )
            continue
        total_weight = sum(o.weight for o in rated)
        score = quantize(Decimal(sum(o.rating * o.weight for o in rated)) / total_weight)
        terms = " + ".join(f"{o.rating} x {o.weight}" for o in rated)
        contribution = score * perspective.weight / 100
        result.perspectives.append(
            PerspectiveScore(
                perspective.name,
                perspective.weight,
                score,
                f"({terms}) / {total_weight} = {score}",
                quantize(contribution),
            )
        )
        parts.append((score, perspective.weight))
    if complete and parts:
        total = sum(score * weight for score, weight in parts) / 100
        result.overall = quantize(total)
        terms = " + ".join(f"{score} x {weight}%" for score, weight in parts)
        result.working = f"{terms} = {result.overall}"
        result.band = band_for(result.overall, appraisal.template.bands)
    return result


# Appraisers' training (R11) -----------------------------------------------------------------------


def appraiser_trained(person: Person, today: date) -> bool:
    since = today - timedelta(days=365 * APPRAISER_TRAINING_YEARS)
    return training_selectors.appraisal_skills_completed_since(person, since)


def appraiser_may_appraise(person: Person, today: date) -> bool:
    """R11: trained in the last three years, or a national admin recorded an exception for them."""
    return appraiser_trained(person, today) or AppraiserException.objects.filter(person=person).exists()


def appraisers_who_may_not_appraise(person_ids, today: date) -> set[int]:
    """Of those appraisers, who has neither the course in three years nor an exception (two queries)."""
    ids = set(person_ids)
    since = today - timedelta(days=365 * APPRAISER_TRAINING_YEARS)
    allowed = training_selectors.people_with_appraisal_skills_since(ids, since) | set(
        AppraiserException.objects.filter(person_id__in=ids).values_list("person_id", flat=True))
    return ids - allowed


def bulk_start_candidates(cycle):
    """Everyone in scope of a cycle's bulk start: the organisation's active staff with no appraisal in it."""
    return Person.objects.filter(organisation_id=cycle.organisation_id, active=True).exclude(
        appraisals__cycle=cycle)


def latest_bulk_start(cycle):
    return cycle.bulk_starts.order_by("-created_at").first()


def cycle_appraisals(cycle, state: str = ""):
    """A cycle's appraisals for its page and export, in appraisee order, optionally at one stage."""
    rows = cycle.appraisals.select_related("cycle", "appraisee", "appraiser", "countersigner").order_by(
        "appraisee__last_name", "appraisee__first_name", "id")
    return rows.filter(state=state) if state else rows


def appraisal_course_link() -> tuple[str, str]:
    """(label, url) of the appraisal-skills course in the catalogue, for pages that refuse an appraiser."""
    return training_selectors.appraisal_skills_course_link()


# For other apps ------------------------------------------------------------------------------------


def latest_band(person: Person) -> str | None:
    """The rating band of the person's latest signed-off appraisal (after calibration), or None."""
    row = (
        Appraisal.objects.filter(appraisee=person, state__in=Appraisal.FINAL_STATES)
        .order_by("-signed_off_at")
        .values_list("calibrated_band", "band")
        .first()
    )
    if row is None:
        return None
    return row[0] or row[1] or None


def perspective_rows(appraisal: Appraisal) -> list[dict]:
    return [
        {"perspective": name, "score": score} for name, score in (appraisal.perspective_scores or {}).items()
    ]


# Calibration ---------------------------------------------------------------------------------------

OUTLIER_SD = Decimal("1")


def _band_of(row) -> str:
    return row["calibrated_band"] or row["band"]


def calibration(organisation: Organisation, cycle=None) -> dict:
    """Bands by level, directorate and appraiser; appraisers whose mean is over 1 SD from the rest flagged."""
    rows = Appraisal.objects.filter(organisation=organisation, overall_score__isnull=False)
    if cycle is not None:
        rows = rows.filter(cycle=cycle)
    rows = list(
        rows.values(
            "level",
            "directorate",
            "appraiser_id",
            "appraiser__first_name",
            "appraiser__last_name",
            "overall_score",
            "band",
            "calibrated_band",
        )
    )
    scores = [float(r["overall_score"]) for r in rows]
    mean = statistics.fmean(scores) if scores else None
    sd = statistics.pstdev(scores) if len(scores) > 1 else 0.0

    def table(title, key, label):
        groups: dict = {}
        for r in rows:
            groups.setdefault(
                key(r), {"label": label(r), "bands": dict.fromkeys(BAND_LABELS, 0), "scores": []}
            )
            groups[key(r)]["bands"][_band_of(r)] = groups[key(r)]["bands"].get(_band_of(r), 0) + 1
            groups[key(r)]["scores"].append(float(r["overall_score"]))
        out = []
        for group in sorted(groups.values(), key=lambda g: g["label"]):
            group_mean = statistics.fmean(group["scores"])
            outlier = bool(mean is not None and sd and abs(group_mean - mean) > float(OUTLIER_SD) * sd)
            out.append(
                {
                    "label": group["label"],
                    "counts": [group["bands"].get(b, 0) for b in BAND_LABELS],
                    "n": len(group["scores"]),
                    "mean": f"{group_mean:.2f}",
                    "outlier": outlier,
                }
            )
        return {"title": title, "rows": out}

    levels = dict(ManagementLevel.choices)
    return {
        "bands": BAND_LABELS,
        "n": len(rows),
        "mean": f"{mean:.2f}" if mean is not None else "",
        "sd": f"{sd:.2f}",
        "tables": [
            table(
                "By management level", lambda r: r["level"], lambda r: str(levels.get(r["level"], r["level"]))
            ),
            table("By directorate", lambda r: r["directorate"], lambda r: r["directorate"] or "Not recorded"),
            table(
                "By appraiser",
                lambda r: r["appraiser_id"],
                lambda r: f"{r['appraiser__first_name']} {r['appraiser__last_name']}",
            ),
        ],
    }


# Completion (dashboards and the organisational scorecard) -----------------------------------------


def completion_by_organisation(today: date, organisation_ids=None) -> dict[int, tuple[int, int]]:
    """Organisation id -> (signed off, due) over appraisals in cycles open today, one grouped query."""
    rows = Appraisal.objects.filter(cycle__opens_on__lte=today, cycle__closes_on__gte=today).exclude(
        state=Appraisal.State.WITHDRAWN)
    if organisation_ids is not None:
        rows = rows.filter(organisation_id__in=organisation_ids)
    grouped = (
        rows.order_by()
        .values_list("organisation_id")
        .annotate(due=Count("id"), done=Count("id", filter=Q(state__in=Appraisal.FINAL_STATES)))
    )
    return {org_id: (done, due) for org_id, due, done in grouped}


# Organisational scorecards (R15) ---------------------------------------------------------------------

# The portal's own people measures, by dashboard slug, placed under a perspective. Any the dashboards
# have not computed for the quarter are left out; appraisal completion is counted live if missing.
AUTO_MEASURES = [  # slugs of measures registered with leadership.measures
    ("appraisal_completion", "People and culture"),
    ("managers_in_cycle", "Improvement and learning"),
    ("training_hours_per_manager", "Improvement and learning"),
    ("basics_coverage", "Improvement and learning"),
    ("talent_pool_members", "People and culture"),
]
AUTO_MEASURE_SLUGS = frozenset(slug for slug, _ in AUTO_MEASURES)


def _dashboard_figures(
    period: date, organisation_ids: list[int]
) -> list[tuple[str, str, str, float | None, str, tuple[float | None, float | None]]]:
    """(slug, perspective, label, value, kind, (numerator, denominator)) for the automatic measures."""
    values = measures.figures(period, organisation_ids)
    by_slug = {m.slug: m for m in measures.all_measures()}
    return [(slug, perspective, by_slug[slug].label, values[slug][0], by_slug[slug].kind, values[slug][1])
            for slug, perspective in AUTO_MEASURES if slug in values]


def auto_measure_label(slug: str) -> str:
    return {m.slug: m.label for m in measures.all_measures()}.get(slug, slug)


def _hidden(kind: str, basis: tuple[float | None, float | None], exact: bool):
    """The small-numbers rule (leadership.disclosure) for one automatic figure."""
    numerator, denominator = basis
    if kind == "ratio":
        return suppress(numerator, exact=exact, out_of=denominator)
    if kind == "average":  # e.g. hours per manager: the people are the denominator
        return suppress(None, exact=exact, out_of=denominator)
    return suppress(numerator, exact=exact)


def scorecard_rows(
    organisation: Organisation, period: date, today: date, *, exact: bool = False
) -> list[dict]:
    """Manual measures and the automatic people measures, grouped by perspective.

    `exact`: the viewer is the organisation's employer (leadership.access.sees_exact_figures); anyone
    else sees the automatic figures under the small-numbers rule."""
    from appraisal.models import ScorecardMeasure, ScorecardTarget
    from appraisal.presenters import rag, rag_tag

    rows = []
    targets = dict(ScorecardTarget.objects.filter(organisation=organisation).values_list("measure", "target"))
    for m in ScorecardMeasure.objects.filter(scorecard__organisation=organisation, scorecard__period=period):
        status = rag(m.target, m.actual, m.higher_is_better)
        rows.append(
            {
                "perspective": m.perspective,
                "name": m.name,
                "target": m.target,
                "actual": m.actual,
                "source": "Entered by hand",
                "rag": rag_tag(status),
                "measure": m,
            }
        )
    auto = _dashboard_figures(period, [organisation.id])
    if not any(slug == "appraisal_completion" for slug, *_ in auto):
        done, due = completion_by_organisation(today, [organisation.id]).get(organisation.id, (0, 0))
        auto.append(("appraisal_completion", "People and culture", "Appraisal completion rate",
                     done / due if due else None, "ratio", (done, due)))
    for slug, perspective, label, figure, kind, basis in auto:
        shown_text = (
            f"{figure:.0%}"
            if kind == "ratio" and figure is not None
            else (f"{figure:.1f}" if figure is not None else None)
        )
        hidden = _hidden(kind, basis, exact)
        target = targets.get(slug)
        # A rate's target is a percentage; the people measures are all better higher.
        comparable = figure * 100 if kind == "ratio" and figure is not None else figure
        rows.append(
            {
                "perspective": perspective,
                "name": label,
                "target": (f"{target:.0f}%" if kind == "ratio" else target) if target is not None else None,
                "actual": shown(shown_text or "", hidden) if hidden else shown_text,  # "<5" or "*"
                "source": "From the portal",
                "rag": rag_tag("" if hidden else rag(target, comparable)),
                "hidden": hidden is not None,
                "slug": slug,
            }
        )
    return sorted(rows, key=lambda r: (r["perspective"], r["name"]))


def footprint_comparison(footprint: Organisation, period: date, today: date,
                         exact_ids: frozenset[int] = frozenset()) -> dict:
    """Each organisation under a footprint: completion and manual measures on target, and a trend.

    Completion rates follow the small-numbers rule except for organisations in exact_ids (the
    viewer's own, leadership.access.exact_figure_organisations)."""
    from appraisal.models import ScorecardMeasure
    from appraisal.presenters import rag
    from leadership.access import organisations_under
    from leadership.models import EMPLOYER_KINDS

    members = list(
        Organisation.objects.filter(
            id__in=organisations_under({footprint.id}), kind__in=EMPLOYER_KINDS
        ).order_by("name")
    )
    ids = [o.id for o in members]
    completion = completion_by_organisation(today, ids)
    on_target: dict[int, list[int]] = {}
    for org_id, target, actual, higher in ScorecardMeasure.objects.filter(
        scorecard__organisation_id__in=ids, scorecard__period=period
    ).values_list("scorecard__organisation_id", "target", "actual", "higher_is_better"):
        counts = on_target.setdefault(org_id, [0, 0])
        counts[1] += 1
        counts[0] += rag(target, actual, higher) == "green"
    rows = []
    for org in members:
        done, due = completion.get(org.id, (0, 0))
        met, total = on_target.get(org.id, [0, 0])
        hidden = suppress(done, exact=org.id in exact_ids, out_of=due) if due else None
        rows.append(
            {
                "organisation": org,
                "completion": shown(f"{done / due:.0%}", hidden) if due else "No appraisals due",
                "completion_hidden": hidden is not None,
                "on_target": f"{met} of {total}" if total else "No measures",  # measures, not people
            }
        )
    return {"rows": rows, "small_numbers": small_numbers_note(rows, "completion_hidden")}


def small_numbers_note(rows: list[dict], flag: str = "hidden") -> str:
    """The explanation to show under a table when the small-numbers rule hid any of its figures."""
    return EXPLANATION if any(row.get(flag) for row in rows) else ""


def scorecard_trend(organisation: Organisation, quarters: list[date]) -> list[dict]:
    """Measures on target per quarter, oldest first."""
    from appraisal.models import ScorecardMeasure
    from appraisal.presenters import rag

    by_quarter: dict[date, list[int]] = {q: [0, 0] for q in quarters}
    for period, target, actual, higher in ScorecardMeasure.objects.filter(
        scorecard__organisation=organisation, scorecard__period__in=quarters
    ).values_list("scorecard__period", "target", "actual", "higher_is_better"):
        by_quarter[period][1] += 1
        by_quarter[period][0] += rag(target, actual, higher) == "green"
    return [{"quarter": q, "met": by_quarter[q][0], "total": by_quarter[q][1]} for q in sorted(quarters)]
