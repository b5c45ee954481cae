"""Reads for career pathways: the managed list and a pathway's steps with what each expects."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from leadership.models import CareerPathway, Competency, CompetencyFramework, ExpectedBehaviour, Organisation

OWNER_FILTERS = {"national": Q(organisation__isnull=True), "local": Q(organisation__isnull=False)}


def pathway_list(pathways: QuerySet[CareerPathway], q: str = "", owner: str = "") -> QuerySet[CareerPathway]:
    if q:
        pathways = pathways.filter(name__icontains=q)
    if owner in OWNER_FILTERS:
        pathways = pathways.filter(OWNER_FILTERS[owner])
    return pathways.select_related("organisation").annotate(step_count=Count("steps")).order_by(
        "organisation__name", "name", "id")


def step_competencies(organisation: Organisation | None) -> list[Competency]:
    """What a step may name: the published framework's national competencies and the owner's own."""
    framework = CompetencyFramework.objects.filter(status=CompetencyFramework.Status.PUBLISHED).first()
    if framework is None:
        return []
    return list(framework.competencies.filter(Q(organisation=None) | Q(organisation=organisation))
                .order_by("position", "name"))


@dataclass(frozen=True)
class Expectation:
    name: str
    level: int | None


@dataclass(frozen=True)
class StepView:
    step: object
    every_competency: bool
    expectations: list[Expectation]


def pathway_steps(pathway: CareerPathway) -> list[StepView]:
    """Each step with the competencies it needs and the level the framework expects at its level."""
    competencies = {c.code: c for c in step_competencies(pathway.organisation)}
    expected = {(b.competency_id, b.management_level): b.expected_level
                for b in ExpectedBehaviour.objects.filter(competency__in=competencies.values())}
    views = []
    for step in pathway.steps.order_by("order"):
        named = [competencies[code] for code in step.competency_codes if code in competencies]
        views.append(StepView(step, not step.competency_codes, [
            Expectation(c.name, expected.get((c.id, step.management_level))) for c in named]))
    return views


def own_local_competencies(framework: CompetencyFramework | None, person) -> list[Competency]:
    """The competencies the person's own organisation added to the framework, for its staff to read."""
    if framework is None or person is None:
        return []
    own = framework.competencies.filter(organisation_id=person.organisation_id)
    return list(own.order_by("position", "name"))
