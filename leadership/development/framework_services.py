"""Writes for a framework's competencies: national admins add, remove and reorder them in a draft;
organisations' HR admins keep local competencies beside the published national ones. Published
national competencies never change (a new draft is the way to change them)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.text import slugify

from leadership import access
from leadership.audit import audit_context
from leadership.models import Competency, CompetencyFramework, ExpectedBehaviour, Organisation, Rating, User


def _require_national_draft(actor: User, framework: CompetencyFramework) -> None:
    if not access.can_edit_frameworks(actor):
        raise PermissionDenied("Only national admins can change the national framework.")
    if not framework.editable:
        raise ValidationError("A published framework cannot be changed: draft a new version.")


def _free_code(framework: CompetencyFramework, base: str) -> str:
    code, taken = base[:55], set(framework.competencies.values_list("code", flat=True))
    number = 2
    while code in taken:
        code, number = f"{base[:52]}-{number}", number + 1
    return code


def _write_behaviours(competency: Competency, behaviours: dict[str, tuple[int, str]]) -> None:
    for level, (expected, text) in behaviours.items():
        ExpectedBehaviour.objects.update_or_create(
            competency=competency, management_level=level,
            defaults={"expected_level": expected, "description": text},
        )


def _next_position(framework: CompetencyFramework) -> int:
    return (framework.competencies.aggregate(last=Max("position"))["last"] or 0) + 1


@transaction.atomic
def competency_add(*, actor: User, framework: CompetencyFramework, name: str, description: str,
                   group: str, behaviours: dict[str, tuple[int, str]]) -> Competency:
    """A national competency added at the end of a draft version."""
    _require_national_draft(actor, framework)
    if group not in (Competency.Group.HLM, Competency.Group.BASICS):
        raise ValidationError({"group": "Choose the Healthcare Leadership Model or management basics."})
    if framework.competencies.filter(organisation=None, name__iexact=name).exists():
        raise ValidationError({"name": "This version already has a competency with this name."})
    prefix = "hlm" if group == Competency.Group.HLM else "basics"
    with audit_context(actor=actor):
        competency = Competency.objects.create(
            framework=framework, code=_free_code(framework, f"{prefix}-{slugify(name)}"), name=name,
            description=description, group=group, position=_next_position(framework),
        )
        _write_behaviours(competency, behaviours)
        framework.save(update_fields=["updated_at"])
    return competency


@transaction.atomic
def competency_remove(*, actor: User, competency: Competency) -> None:
    """Remove a national competency from a draft (nobody is assessed against a draft)."""
    _require_national_draft(actor, competency.framework)
    if competency.organisation_id is not None:
        raise ValidationError("An organisation's own competency is removed by its HR admins.")
    with audit_context(actor=actor):
        competency.delete()
        competency.framework.save(update_fields=["updated_at"])


@transaction.atomic
def competency_move(*, actor: User, competency: Competency, direction: str) -> Competency:
    """Swap a national competency with the one before ("up") or after ("down") in a draft."""
    framework = competency.framework
    _require_national_draft(actor, framework)
    if direction not in ("up", "down"):
        raise ValidationError("Move a competency up or down.")
    CompetencyFramework.objects.select_for_update().filter(id=framework.id).first()
    ordered = list(framework.competencies.filter(organisation=None).order_by("position", "name", "id"))
    index = next(i for i, c in enumerate(ordered) if c.id == competency.id)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ordered):
        raise ValidationError(f"{competency.name} is already the {'first' if direction == 'up' else 'last'}.")
    ordered[index], ordered[other] = ordered[other], ordered[index]
    with audit_context(actor=actor):
        for position, row in enumerate(ordered, start=1):  # positions become 1..n with no ties
            if row.position != position:
                Competency.objects.filter(id=row.id).update(position=position)
        framework.save(update_fields=["updated_at"])
    competency.refresh_from_db()
    return competency


# Local competencies ----------------------------------------------------------------------------


def published_framework_or_refuse() -> CompetencyFramework:
    framework = CompetencyFramework.objects.filter(status=CompetencyFramework.Status.PUBLISHED).first()
    if framework is None:
        raise ValidationError("There is no published framework to add to yet.")
    return framework


def _require_manages(actor: User, organisation: Organisation) -> None:
    if not access.managed_organisations(actor).filter(id=organisation.id).exists():
        raise PermissionDenied("Only the organisation's HR admins can change its competencies.")


def _name_taken(framework: CompetencyFramework, organisation: Organisation, name: str,
                exclude: Competency | None) -> bool:
    """A national competency's name, or another of the organisation's own, is taken."""
    rows = framework.competencies.filter(Q(organisation=None) | Q(organisation=organisation),
                                         name__iexact=name)
    return rows.exclude(id=exclude.id).exists() if exclude else rows.exists()


@transaction.atomic
def local_competency_create(*, actor: User, organisation: Organisation, name: str, description: str,
                            behaviours: dict[str, tuple[int, str]]) -> Competency:
    """An organisation's own competency, beside the national ones of the published framework."""
    _require_manages(actor, organisation)
    framework = published_framework_or_refuse()
    if _name_taken(framework, organisation, name, None):
        raise ValidationError({"name": "The framework already has a competency with this name."})
    with audit_context(actor=actor):
        competency = Competency.objects.create(
            framework=framework, organisation=organisation, group=Competency.Group.LOCAL, name=name,
            description=description, position=_next_position(framework),
            code=_free_code(framework, f"local-{organisation.ods_code.lower()}-{slugify(name)}"),
        )
        _write_behaviours(competency, behaviours)
    return competency


@transaction.atomic
def local_competency_update(*, actor: User, competency: Competency, name: str, description: str,
                            behaviours: dict[str, tuple[int, str]]) -> Competency:
    if competency.organisation is None:
        raise PermissionDenied("National competencies change only in a draft version.")
    _require_manages(actor, competency.organisation)
    if _name_taken(competency.framework, competency.organisation, name, competency):
        raise ValidationError({"name": "The framework already has a competency with this name."})
    competency.name, competency.description = name, description
    with audit_context(actor=actor):
        competency.save(update_fields=["name", "description", "updated_at"])
        _write_behaviours(competency, behaviours)
    return competency


@transaction.atomic
def local_competency_remove(*, actor: User, competency: Competency) -> None:
    """Remove a local competency nobody has been rated against (a rating is history to keep)."""
    if competency.organisation is None:
        raise PermissionDenied("National competencies change only in a draft version.")
    _require_manages(actor, competency.organisation)
    if Rating.objects.filter(competency=competency).exists():
        raise ValidationError("People have been rated against this competency, so it stays as history.")
    with audit_context(actor=actor):
        competency.delete()


def carry_local_competencies(*, previous: CompetencyFramework | None, published: CompetencyFramework) -> None:
    """On publishing, organisations' local competencies move on to the new version (copied, so
    ratings against the old version keep pointing at its rows)."""
    if previous is None:
        return
    for local in previous.competencies.exclude(organisation=None).prefetch_related("behaviours"):
        if published.competencies.filter(code=local.code).exists():
            continue
        copy = Competency.objects.create(
            framework=published, organisation_id=local.organisation_id, group=local.group, code=local.code,
            name=local.name, description=local.description, position=_next_position(published),
        )
        ExpectedBehaviour.objects.bulk_create([
            ExpectedBehaviour(competency=copy, management_level=b.management_level,
                              expected_level=b.expected_level, description=b.description)
            for b in local.behaviours.all()
        ])
