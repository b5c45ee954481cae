"""Scorecard templates: an organisation's own, and new versions (the national one for national admins)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from appraisal import access
from appraisal.models import (
    DEFAULT_BANDS,
    DEFAULT_RATING_SCALE,
    SENIOR_LEVELS,
    ScorecardTemplate,
    TemplatePerspective,
)
from appraisal.services.shared import require
from leadership.models import Organisation, User


def validate_perspectives(perspectives: list[tuple[str, int]]) -> None:
    """Named perspectives, each weighted 1-100, the weights summing to exactly 100."""
    if not perspectives:
        raise ValidationError("Add at least one perspective.")
    names = [name.strip() for name, _ in perspectives]
    if any(not name for name in names) or len({n.lower() for n in names}) != len(names):
        raise ValidationError("Give each perspective a different name.")
    if any(not 1 <= int(weight) <= 100 for _, weight in perspectives):
        raise ValidationError("Each perspective's weight must be between 1 and 100.")
    total = sum(int(weight) for _, weight in perspectives)
    if total != 100:
        raise ValidationError(f"The perspectives' weights must add up to 100; they add up to {total}.")


def _create_template(
    *, name, organisation, levels, perspectives, competency_ratings, family=None, version=1, locked=False
) -> ScorecardTemplate:
    validate_perspectives(perspectives)
    template = ScorecardTemplate.objects.create(
        name=name,
        organisation=organisation,
        levels=list(levels),
        locked=locked,
        version=version,
        competency_ratings=competency_ratings,
        rating_scale=DEFAULT_RATING_SCALE,
        bands=DEFAULT_BANDS,
        **({"family": family} if family else {}),
    )
    TemplatePerspective.objects.bulk_create(
        [
            TemplatePerspective(template=template, name=n.strip(), weight=int(w), position=i)
            for i, (n, w) in enumerate(perspectives)
        ]
    )
    return template


@transaction.atomic
def template_create(
    *,
    actor: User,
    organisation: Organisation,
    name: str,
    levels: list[str],
    perspectives: list[tuple[str, int]],
    competency_ratings: bool = True,
) -> ScorecardTemplate:
    """An organisation's own template, for levels below senior (senior levels use the national one)."""
    require(access.is_hr_for(actor, organisation), "Only the organisation's HR admins can add templates.")
    if not levels:
        raise ValidationError("Choose at least one management level.")
    if set(levels) & set(SENIOR_LEVELS):
        raise ValidationError("Senior, executive and board appraisals use the national template.")
    return _create_template(
        name=name,
        organisation=organisation,
        levels=levels,
        perspectives=perspectives,
        competency_ratings=competency_ratings,
    )


@transaction.atomic
def template_revise(
    *,
    actor: User,
    template: ScorecardTemplate,
    name: str,
    perspectives: list[tuple[str, int]],
    competency_ratings: bool,
) -> ScorecardTemplate:
    """A new version; appraisals already started keep the version they started with."""
    if template.locked or template.organisation_id is None:
        require(
            access.is_national_admin(actor),
            "The national template is locked: only national admins change it.",
        )
    else:
        require(access.is_hr_for(actor, template.organisation),
                 "Only the organisation's HR admins can change it.")
    template = ScorecardTemplate.objects.select_for_update().get(pk=template.pk)
    if not template.current:
        raise ValidationError("Revise the current version of the template.")
    latest = ScorecardTemplate.objects.filter(family=template.family).order_by("-version").first()
    ScorecardTemplate.objects.filter(family=template.family, current=True).update(current=False)
    return _create_template(
        name=name,
        organisation=template.organisation,
        levels=template.levels,
        perspectives=perspectives,
        competency_ratings=competency_ratings,
        family=template.family,
        version=latest.version + 1,
        locked=template.locked,
    )
