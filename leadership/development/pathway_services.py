"""Every write for career pathways and their steps: keyword-only, atomic, audited (pghistory)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max, Q

from leadership import access
from leadership.audit import audit_context
from leadership.models import (
    FRAMEWORK_LEVELS,
    CareerPathway,
    CompetencyFramework,
    Organisation,
    PathwayStep,
    User,
)

STEP_LEVELS = {level.value for level in FRAMEWORK_LEVELS}


def _require_may_manage(actor: User, pathway: CareerPathway) -> None:
    if pathway.organisation_id is None:
        if not access.may_keep_national_pathways(actor):
            raise PermissionDenied("Only national admins can change the national pathways.")
    elif not access.pathways_to_manage(actor).filter(id=pathway.id).exists():
        raise PermissionDenied("Only the organisation's HR admins can change its pathways.")


def _require_unique_name(name: str, organisation: Organisation | None, exclude: CareerPathway | None) -> None:
    same = CareerPathway.objects.filter(name__iexact=name, organisation=organisation)
    if exclude is not None:
        same = same.exclude(id=exclude.id)
    if same.exists():
        raise ValidationError({"name": "There is already a pathway with this name: choose another."})


def pathway_competency_codes(organisation: Organisation | None) -> set[str]:
    """Codes a step may name: the published framework's national competencies and the owner's own."""
    framework = CompetencyFramework.objects.filter(status=CompetencyFramework.Status.PUBLISHED).first()
    if framework is None:
        return set()
    rows = framework.competencies.filter(Q(organisation__isnull=True) | Q(organisation=organisation))
    return set(rows.values_list("code", flat=True))


@transaction.atomic
def pathway_create(*, actor: User, name: str, description: str = "",
                   organisation: Organisation | None = None) -> CareerPathway:
    """A national pathway (national admins) or an organisation's own (its HR admins)."""
    if organisation is None and not access.may_keep_national_pathways(actor):
        raise PermissionDenied("Only national admins can add a national pathway.")
    managed = access.managed_organisations(actor)
    if organisation is not None and not managed.filter(id=organisation.id).exists():
        raise PermissionDenied("Only the organisation's HR admins can add its pathways.")
    _require_unique_name(name, organisation, None)
    with audit_context(actor=actor):
        return CareerPathway.objects.create(name=name, description=description, organisation=organisation)


@transaction.atomic
def pathway_update(*, actor: User, pathway: CareerPathway, name: str, description: str = "") -> CareerPathway:
    _require_may_manage(actor, pathway)
    _require_unique_name(name, pathway.organisation, pathway)
    pathway.name, pathway.description = name, description
    with audit_context(actor=actor):
        pathway.save(update_fields=["name", "description", "updated_at"])
    return pathway


@transaction.atomic
def pathway_delete(*, actor: User, pathway: CareerPathway) -> None:
    """Remove a pathway and its steps (the history keeps what they were)."""
    _require_may_manage(actor, pathway)
    with audit_context(actor=actor):
        pathway.steps.all().delete()
        pathway.delete()


def _clean_step(pathway: CareerPathway, management_level: str, competency_codes: list[str]) -> list[str]:
    if management_level not in STEP_LEVELS:
        raise ValidationError({"management_level": "Choose a management level the framework describes."})
    unknown = sorted(set(competency_codes) - pathway_competency_codes(pathway.organisation))
    if unknown:
        raise ValidationError({"competency_codes": f"These are not competencies of the framework: "
                                                   f"{', '.join(unknown)}."})
    return sorted(set(competency_codes))


def _touch(pathway: CareerPathway) -> None:
    pathway.save(update_fields=["updated_at"])


@transaction.atomic
def step_create(*, actor: User, pathway: CareerPathway, title: str, management_level: str,
                competency_codes: list[str] = ()) -> PathwayStep:
    """A step added after the pathway's last one."""
    _require_may_manage(actor, pathway)
    codes = _clean_step(pathway, management_level, list(competency_codes))
    CareerPathway.objects.select_for_update().filter(id=pathway.id).first()  # one writer numbers steps
    last = pathway.steps.aggregate(last=Max("order"))["last"] or 0
    with audit_context(actor=actor):
        step = PathwayStep.objects.create(pathway=pathway, order=last + 1, title=title,
                                          management_level=management_level, competency_codes=codes)
        _touch(pathway)
    return step


@transaction.atomic
def step_update(*, actor: User, step: PathwayStep, title: str, management_level: str,
                competency_codes: list[str] = ()) -> PathwayStep:
    _require_may_manage(actor, step.pathway)
    step.competency_codes = _clean_step(step.pathway, management_level, list(competency_codes))
    step.title, step.management_level = title, management_level
    with audit_context(actor=actor):
        step.save(update_fields=["title", "management_level", "competency_codes"])
        _touch(step.pathway)
    return step


@transaction.atomic
def step_delete(*, actor: User, step: PathwayStep) -> None:
    """Remove a step; the steps after it move up one place."""
    _require_may_manage(actor, step.pathway)
    pathway, order = step.pathway, step.order
    CareerPathway.objects.select_for_update().filter(id=pathway.id).first()
    with audit_context(actor=actor):
        step.delete()
        # Shift in two passes so the unique (pathway, order) never sees two rows at one place.
        later = pathway.steps.filter(order__gt=order)
        later.update(order=F("order") + 1000)
        later.update(order=F("order") - 1001)
        _touch(pathway)


@transaction.atomic
def step_move(*, actor: User, step: PathwayStep, direction: str) -> PathwayStep:
    """Swap a step with the one before ("up") or after ("down")."""
    _require_may_manage(actor, step.pathway)
    if direction not in ("up", "down"):
        raise ValidationError("Move a step up or down.")
    CareerPathway.objects.select_for_update().filter(id=step.pathway_id).first()
    neighbour = (step.pathway.steps.filter(order__lt=step.order).order_by("-order") if direction == "up"
                 else step.pathway.steps.filter(order__gt=step.order).order_by("order")).first()
    if neighbour is None:
        raise ValidationError(f"This step is already the {'first' if direction == 'up' else 'last'}.")
    with audit_context(actor=actor):
        mine, theirs = step.order, neighbour.order
        PathwayStep.objects.filter(id=step.id).update(order=0)
        PathwayStep.objects.filter(id=neighbour.id).update(order=mine)
        PathwayStep.objects.filter(id=step.id).update(order=theirs)
        _touch(step.pathway)
    step.order = theirs
    return step
