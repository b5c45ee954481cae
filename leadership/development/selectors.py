"""Reads shared by development pages, the API and other apps."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch

from leadership.models import (
    Action,
    ActionCycle,
    Assessment,
    CheckIn,
    Competency,
    CompetencyFramework,
    DevelopmentNeed,
    DevelopmentPlan,
    ExpectedBehaviour,
    ManagementLevel,
    Person,
)


def published_framework() -> CompetencyFramework | None:
    return CompetencyFramework.objects.filter(status=CompetencyFramework.Status.PUBLISHED).first()


def level_for(person: Person | None) -> str:
    """The level a person is read against; someone who manages nobody yet reads as first-line."""
    if person is None or person.management_level == ManagementLevel.NONE:
        return ManagementLevel.FIRST_LINE
    return person.management_level


def competencies_with_behaviours(framework: CompetencyFramework, level: str | None = None):
    """The framework's competencies, each with `level_behaviours` (one level, or all five)."""
    behaviours = ExpectedBehaviour.objects.all()
    if level:
        behaviours = behaviours.filter(management_level=level)
    return (framework.competencies.filter(organisation=None)
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
    assessments = {a.kind: a for a in Assessment.objects.filter(person=person, framework=framework)
                   .prefetch_related("ratings")}
    by_kind = {}
    for kind, assessment in assessments.items():
        visible = kind != Assessment.Kind.FEEDBACK_360 or assessment.rater_count >= Assessment.MIN_RATERS
        by_kind[kind] = {r.competency_id: r.level for r in assessment.ratings.all()} if visible else {}
    rows = []
    for competency in competencies_with_behaviours(framework, level):
        behaviour = competency.level_behaviours[0] if competency.level_behaviours else None
        rows.append(GapRow(
            competency=competency, expected=behaviour.expected_level if behaviour else None,
            self_rating=by_kind.get(Assessment.Kind.SELF, {}).get(competency.id),
            manager_rating=by_kind.get(Assessment.Kind.LINE_MANAGER, {}).get(competency.id),
            feedback_360=by_kind.get(Assessment.Kind.FEEDBACK_360, {}).get(competency.id),
        ))
    return rows


def feedback_360(person: Person, framework: CompetencyFramework) -> Assessment | None:
    return Assessment.objects.filter(person=person, framework=framework,
                                     kind=Assessment.Kind.FEEDBACK_360).first()


def development_needs(person: Person):
    return (DevelopmentNeed.objects.filter(plan__person=person).select_related("competency")
            .prefetch_related(Prefetch("actions", queryset=Action.objects.select_related("cycle"))))


def development_needs_competency_codes(person: Person) -> set[str]:
    """Codes of the competencies behind the person's open development needs (the training app
    suggests courses from these)."""
    return set(
        DevelopmentNeed.objects.filter(plan__person=person, status=DevelopmentNeed.Status.OPEN,
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


def plans_with_needs(queryset):
    return queryset.select_related("person__organisation").prefetch_related(
        Prefetch("needs", queryset=DevelopmentNeed.objects.select_related("competency")))


__all__ = ["DevelopmentPlan", "active_cycle", "development_needs_competency_codes", "gap_rows"]
