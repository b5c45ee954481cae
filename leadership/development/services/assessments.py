"""Self and line-manager assessments, in rounds: a new round each cycle or year, earlier ones kept."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from leadership import access
from leadership.development.selectors import assessed_competencies
from leadership.models import Assessment, CompetencyFramework, Person, Rating, Scale, User

SCALE_HINT = f"Rate each competency from {Scale.ESSENTIAL.value} ({Scale.ESSENTIAL.label}) to " \
             f"{Scale.EXEMPLARY.value} ({Scale.EXEMPLARY.label})."


def _require_may_assess(actor: User, person: Person, kind: str) -> None:
    if kind == Assessment.Kind.SELF and access.own_person(actor) != person:
        raise PermissionDenied("Only the person can assess themself.")
    if kind == Assessment.Kind.LINE_MANAGER and not access.can_rate_as_line_manager(actor, person):
        raise PermissionDenied("Only the person's line manager can rate them.")
    if kind not in (Assessment.Kind.SELF, Assessment.Kind.LINE_MANAGER):
        raise ValidationError("360 feedback comes from raters.")


def next_round_number(person: Person, kind: str) -> int:
    latest = Assessment.objects.filter(person=person, kind=kind).aggregate(n=Max("round_number"))["n"]
    return (latest or 0) + 1


def latest_round(person: Person, kind: str) -> Assessment | None:
    return Assessment.objects.filter(person=person, kind=kind).order_by("-round_number").first()


def _new_round(person: Person, kind: str, framework: CompetencyFramework, actor: User) -> Assessment:
    return Assessment.objects.create(person=person, framework=framework, kind=kind, assessor=actor,
                                     round_number=next_round_number(person, kind))


def _lock(person: Person) -> None:
    """Rounds are numbered under the person's row lock, so two tabs cannot number one round twice."""
    Person.objects.select_for_update(of=("self",)).filter(id=person.id).first()


@transaction.atomic
def assessment_save(
    *,
    actor: User,
    person: Person,
    kind: str,
    framework: CompetencyFramework,
    ratings: dict[int, tuple[int, str]],
    submit: bool,
) -> Assessment:
    """Record ratings in the person's current round of this kind: {competency id: (level 1-4,
    evidence)}, against the national competencies and the person's organisation's local ones.
    Saving keeps a part-done round as a draft; submitting needs every one of those competencies
    rated (in this save or an earlier one), else nothing is written. A round made against an
    earlier framework version is history: the save starts a new round."""
    _require_may_assess(actor, person, kind)
    _lock(person)
    assessment = latest_round(person, kind)
    if assessment is not None and assessment.framework_id != framework.id:
        assessment = None
    if assessment is not None and assessment.status == Assessment.Status.SUBMITTED and not submit:
        raise ValidationError("This round is submitted; submit again to change it, or start a new round.")
    competencies = list(assessed_competencies(framework, person))
    valid = {c.id for c in competencies}
    for competency_id, (level, _evidence) in ratings.items():
        if competency_id not in valid or not _on_scale(level):
            raise ValidationError(SCALE_HINT)
    if submit:
        _require_every_competency_rated(assessment, competencies, ratings)
    if assessment is None:
        assessment = _new_round(person, kind, framework, actor)
    for competency_id, (level, evidence) in ratings.items():
        Rating.objects.update_or_create(
            assessment=assessment,
            competency_id=competency_id,
            defaults={"level": Decimal(int(level)), "evidence": evidence},
        )
    if submit:
        assessment.status, assessment.submitted_at = Assessment.Status.SUBMITTED, timezone.now()
    assessment.assessor = actor
    assessment.save(update_fields=["assessor", "status", "submitted_at", "updated_at"])
    return assessment


def _on_scale(level) -> bool:
    try:
        return int(level) in Scale.values
    except (TypeError, ValueError):
        return False


def _require_every_competency_rated(assessment: Assessment | None, competencies, ratings) -> None:
    """Submitting asks for every competency: the ones left are named, each on its own rating field
    (`rating_<competency id>`, as the assessment page names them)."""
    rated = set(ratings)
    if assessment is not None:
        rated |= set(assessment.ratings.values_list("competency_id", flat=True))
    missing = [c for c in competencies if c.id not in rated]
    if missing:
        raise ValidationError(
            {f"rating_{c.id}": f"Choose a rating for {c.name}, or save to finish later" for c in missing},
            code="unrated",
        )


@transaction.atomic
def assessment_round_start(
    *, actor: User, person: Person, kind: str, framework: CompetencyFramework
) -> Assessment:
    """Open the next round (for a new cycle or year); the submitted rounds stay as history."""
    _require_may_assess(actor, person, kind)
    _lock(person)
    latest = latest_round(person, kind)
    if latest is not None and latest.status == Assessment.Status.DRAFT:
        raise ValidationError(f"Round {latest.round_number} is not submitted yet: finish it first.")
    return _new_round(person, kind, framework, actor)
