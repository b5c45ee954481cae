"""Reads shared by development pages, the API and other apps."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch, Q

from leadership.models import (
    Action,
    ActionCycle,
    Assessment,
    CareerPathway,
    CheckIn,
    Competency,
    CompetencyFramework,
    DevelopmentNeed,
    ExpectedBehaviour,
    FeedbackGroupRating,
    ManagementLevel,
    PathwayStep,
    Person,
    RaterRelationship,
    Rating,
)


def published_framework() -> CompetencyFramework | None:
    return CompetencyFramework.objects.filter(status=CompetencyFramework.Status.PUBLISHED).first()


def level_for(person: Person | None) -> str:
    """The level a person is read against; someone who manages nobody yet reads as first-line."""
    if person is None or person.management_level == ManagementLevel.NONE:
        return ManagementLevel.FIRST_LINE
    return person.management_level


def assessed_competencies(framework: CompetencyFramework, person: Person | None = None):
    """What a person is assessed against: the national competencies and their own organisation's
    local ones (never another organisation's). With no person, the national ones alone."""
    mine = Q(organisation=None)
    if person is not None and person.organisation_id is not None:
        mine |= Q(organisation_id=person.organisation_id)
    return framework.competencies.filter(mine)


def competencies_with_behaviours(framework: CompetencyFramework, level: str | None = None,
                                 person: Person | None = None):
    """The framework's competencies (with the person's local ones), each with `level_behaviours`
    (one level, or all five)."""
    behaviours = ExpectedBehaviour.objects.all()
    if level:
        behaviours = behaviours.filter(management_level=level)
    return (assessed_competencies(framework, person)
            .prefetch_related(Prefetch("behaviours", queryset=behaviours, to_attr="level_behaviours")))


@dataclass(frozen=True)
class GapRow:
    competency: Competency
    expected: int | None
    self_rating: Decimal | None
    manager_rating: Decimal | None
    feedback_360: Decimal | None

    @property
    def ratings(self) -> list[Decimal]:
        return [r for r in (self.self_rating, self.manager_rating, self.feedback_360) if r is not None]

    @property
    def gap(self) -> Decimal | None:
        """Expected level minus the mean of the ratings there are; positive means below expected."""
        if self.expected is None or not self.ratings:
            return None
        mean = sum(self.ratings) / len(self.ratings)
        return (Decimal(self.expected) - mean).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def below_expected(self) -> bool:
        return self.gap is not None and self.gap > 0


def gap_rows(person: Person, framework: CompetencyFramework) -> list[GapRow]:
    """Expected level for the person's management level against self, line manager and 360."""
    level = level_for(person)
    by_kind = {a.kind: {r.competency_id: r.level for r in a.ratings.all()}
               for a in _shown_assessments(person, framework)}
    rows = []
    for competency in competencies_with_behaviours(framework, level, person):
        behaviour = competency.level_behaviours[0] if competency.level_behaviours else None
        rows.append(GapRow(
            competency=competency, expected=behaviour.expected_level if behaviour else None,
            self_rating=by_kind.get(Assessment.Kind.SELF, {}).get(competency.id),
            manager_rating=by_kind.get(Assessment.Kind.LINE_MANAGER, {}).get(competency.id),
            feedback_360=by_kind.get(Assessment.Kind.FEEDBACK_360, {}).get(competency.id),
        ))
    return rows


def _shown_assessments(person: Person, framework: CompetencyFramework) -> list[Assessment]:
    """Self and line-manager assessments, and the latest released 360 round: an open or unreleased
    round shows nothing to anybody."""
    rows = (Assessment.objects.filter(person=person, framework=framework)
            .exclude(kind=Assessment.Kind.FEEDBACK_360)
            .order_by("kind", "-round_number").distinct("kind")  # each kind's latest round
            .prefetch_related("ratings"))
    released = latest_released_round(person, framework)
    return [*rows, *([released] if released else [])]


def latest_released_round(person: Person, framework: CompetencyFramework | None = None) -> Assessment | None:
    rounds = released_rounds(Assessment.objects.filter(person=person))
    if framework is not None:
        rounds = rounds.filter(framework=framework)
    return rounds.prefetch_related("ratings").first()


def released_rounds(queryset):
    """360 rounds whose figures were released, newest first."""
    return queryset.filter(kind=Assessment.Kind.FEEDBACK_360, status=Assessment.Status.SUBMITTED).order_by(
        "-submitted_at", "-id")


def feedback_rounds(queryset):
    """360 rounds, newest first, with their invitations (for the person's own page)."""
    return (queryset.filter(kind=Assessment.Kind.FEEDBACK_360).select_related("person", "framework")
            .order_by("-created_at", "-id"))


TREND_ROUNDS = 12  # the latest rounds a trend shows; earlier ones stay on the assessment pages


@dataclass(frozen=True)
class Trend:
    rounds: list[Assessment]  # submitted self and line-manager rounds and released 360s, oldest first
    rows: list[tuple[Competency, list[Decimal | None]]]  # per competency, its rating in each round


def competency_trends(person: Person, framework: CompetencyFramework) -> Trend:
    """Each competency's ratings across the person's rounds, matched by code across framework
    versions. Drafts and unreleased 360 rounds show nothing."""
    rounds = list(
        Assessment.objects.filter(person=person, status=Assessment.Status.SUBMITTED)
        .order_by("-submitted_at", "-id")
        .prefetch_related(Prefetch("ratings", queryset=Rating.objects.select_related("competency")))
        [:TREND_ROUNDS]
    )[::-1]
    by_round = [{r.competency.code: r.level for r in a.ratings.all()} for a in rounds]
    competencies = assessed_competencies(framework, person)
    return Trend(rounds, [(c, [levels.get(c.code) for levels in by_round]) for c in competencies])


def assessment_rounds(person: Person, kind: str):
    """The person's rounds of one kind, newest first."""
    return Assessment.objects.filter(person=person, kind=kind).select_related("framework").order_by(
        "-round_number")


def done_actions(person: Person):
    """What was done: the person's finished actions, newest first, with their cycle."""
    return (Action.objects.filter(cycle__person=person, status=Action.Status.DONE)
            .select_related("cycle", "need").order_by("-updated_at", "-id"))


def reviewed_cycles(person: Person):
    return ActionCycle.objects.filter(person=person, status=ActionCycle.Status.CLOSED).order_by("-starts_on")


@dataclass(frozen=True)
class FeedbackRow:
    competency: Competency
    combined: Decimal | None
    groups: dict[str, Decimal]


def released_figures(assessment: Assessment) -> tuple[list[tuple[str, int]], list[FeedbackRow]]:
    """A released round's stored figures: the groups shown apart, and per competency the combined
    mean and each shown group's mean. Empty before release, whoever asks."""
    if assessment.kind != Assessment.Kind.FEEDBACK_360 or assessment.status != Assessment.Status.SUBMITTED:
        return [], []
    combined = {r.competency_id: r.level for r in Rating.objects.filter(assessment=assessment)}
    groups: dict[int, dict[str, Decimal]] = {}
    shown: dict[str, int] = {}
    for row in FeedbackGroupRating.objects.filter(assessment=assessment):
        groups.setdefault(row.competency_id, {})[row.relationship] = row.level
        shown[row.relationship] = row.rater_count
    order = [g for g in RaterRelationship.values if g in shown]
    rows = [FeedbackRow(c, combined.get(c.id), groups.get(c.id, {}))
            for c in assessed_competencies(assessment.framework, assessment.person).filter(id__in=combined)]
    return [(g, shown[g]) for g in order], rows


def development_needs(person: Person):
    return (DevelopmentNeed.objects.filter(plan__person=person).select_related("competency")
            .prefetch_related(Prefetch("actions", queryset=Action.objects.select_related("cycle"))))


def development_needs_competency_codes(person: Person) -> set[str]:
    """Codes of the competencies behind the person's open development needs (the training app
    suggests courses from these)."""
    return set(
        DevelopmentNeed.objects.filter(plan__person=person, status__in=DevelopmentNeed.LIVE,
                                       competency__isnull=False)
        .values_list("competency__code", flat=True)
    )


def active_cycle(person: Person) -> ActionCycle | None:
    return ActionCycle.objects.filter(person=person, status=ActionCycle.Status.ACTIVE).first()


def cycle_with_details(queryset):
    return queryset.select_related("person", "organisation", "previous").prefetch_related(
        Prefetch("actions", queryset=Action.objects.select_related("need", "owner")),
        Prefetch("check_ins", queryset=CheckIn.objects.order_by("day")),
    )


@dataclass(frozen=True)
class StepNeed:
    competency: Competency
    required: int
    current: Decimal | None  # the mean of the person's self, line-manager and 360 ratings

    @property
    def shortfall(self) -> Decimal | None:
        if self.current is None:
            return None
        return max(Decimal(0), Decimal(self.required) - self.current)


@dataclass
class PathwayPosition:
    pathway: CareerPathway
    steps: list[PathwayStep]
    current_step: PathwayStep | None
    next_step: PathwayStep | None
    needs: list[StepNeed]

    @property
    def met(self) -> int:
        return sum(1 for need in self.needs if need.shortfall == 0)

    @property
    def unrated(self) -> int:
        return sum(1 for need in self.needs if need.current is None)


def pathway_positions(person: Person, framework: CompetencyFramework | None) -> list[PathwayPosition]:
    """Where the person stands on each pathway, and what the next step needs that they lack."""
    own_or_national = Q(organisation__isnull=True) | Q(organisation=person.organisation_id)
    pathways = CareerPathway.objects.filter(own_or_national).prefetch_related("steps")
    current = _current_ratings(person, framework) if framework else {}
    expected = {}
    if framework:
        for behaviour in ExpectedBehaviour.objects.filter(
                competency__in=assessed_competencies(framework, person)).select_related("competency"):
            expected.setdefault(behaviour.management_level, []).append(behaviour)
    positions = []
    for pathway in pathways:
        steps = list(pathway.steps.all())
        levels = [step.management_level for step in steps]
        here = levels.index(person.management_level) if person.management_level in levels else None
        current_step = steps[here] if here is not None else None
        next_step = steps[here + 1] if here is not None and here + 1 < len(steps) else (
            steps[0] if here is None and steps else None)
        needs = []
        if next_step is not None:
            for behaviour in expected.get(next_step.management_level, []):
                code = behaviour.competency.code
                if next_step.competency_codes and code not in next_step.competency_codes:
                    continue
                needs.append(StepNeed(behaviour.competency, behaviour.expected_level,
                                      current.get(behaviour.competency_id)))
        needs.sort(key=lambda need: need.competency.code)
        positions.append(PathwayPosition(pathway, steps, current_step, next_step, needs))
    return positions


def _current_ratings(person: Person, framework: CompetencyFramework) -> dict[int, Decimal]:
    """Per competency, the mean of the person's ratings (360 only once enough raters answered)."""
    totals: dict[int, list[Decimal]] = {}
    for assessment in _shown_assessments(person, framework):
        for rating in assessment.ratings.all():
            totals.setdefault(rating.competency_id, []).append(Decimal(rating.level))
    return {cid: (sum(levels) / len(levels)).quantize(Decimal("0.1")) for cid, levels in totals.items()}
