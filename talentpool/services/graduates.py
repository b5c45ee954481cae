"""The graduate scheme (R6): cohorts, trainees, placements, the gates and the guaranteed post."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from leadership import numbers
from leadership.dates import require_dates_in_range
from leadership.models import Organisation, Person, User
from talentpool import access
from talentpool.models import (
    GRADUATE_BASELINE_MAX,
    INTAKE_YEARS,
    GraduateCohort,
    GraduateSchemeSettings,
    GraduateTrainee,
    Placement,
)
from talentpool.services.shared import require


@transaction.atomic
def cohort_create(*, actor: User, intake_year: int, pathway: str) -> GraduateCohort:
    require(access.sees_every_organisation(actor), "Cohorts are run nationally.")
    numbers.require_count(intake_year, field="intake_year", minimum=INTAKE_YEARS[0], maximum=INTAKE_YEARS[1])
    cohort, _ = GraduateCohort.objects.get_or_create(intake_year=intake_year, pathway=pathway)
    return cohort


@transaction.atomic
def trainee_enrol(*, actor: User, cohort: GraduateCohort, person: Person) -> GraduateTrainee:
    require(
        access.sees_every_organisation(actor) or access.is_home_hr_admin(actor, person),
        "Only the trainee's HR admins or the national team enrol trainees.",
    )
    if GraduateTrainee.objects.filter(person=person).exists():
        raise ValidationError({"person": f"{person} is already on the graduate scheme."})
    return GraduateTrainee.objects.create(cohort=cohort, person=person)


@transaction.atomic
def placement_add(
    *,
    actor: User,
    trainee: GraduateTrainee,
    host: Organisation,
    starts_on: date,
    ends_on: date,
    supervisor: str,
) -> Placement:
    require(access.may_run_trainee(actor, trainee), "Only the trainee's HR admins or the national team.")
    require_dates_in_range(starts_on=starts_on, ends_on=ends_on)
    if ends_on <= starts_on:
        raise ValidationError({"ends_on": "The placement must end after it starts."})
    return Placement.objects.create(
        trainee=trainee, host=host, starts_on=starts_on, ends_on=ends_on, supervisor=supervisor
    )


@transaction.atomic
def placement_review(*, actor: User, placement: Placement, review: str) -> Placement:
    require(access.may_run_trainee(actor, placement.trainee),
             "Only the trainee's HR admins or the national team.")
    placement.review = review
    placement.save(update_fields=["review"])
    return placement


@transaction.atomic
def trainee_progress(
    *,
    actor: User,
    trainee: GraduateTrainee,
    scheme_year: int,
    quality_gate_passed: bool,
    assessment_gate_passed: bool,
) -> GraduateTrainee:
    require(access.may_run_trainee(actor, trainee), "Only the trainee's HR admins or the national team.")
    if not 1 <= scheme_year <= 3:
        raise ValidationError({"scheme_year": "The scheme runs for three years."})
    if trainee.outcome != GraduateTrainee.Outcome.PENDING and not (
        quality_gate_passed and assessment_gate_passed
    ):
        raise ValidationError("A post has been offered: the gates cannot be un-passed.")
    trainee.scheme_year = scheme_year
    trainee.quality_gate_passed, trainee.assessment_gate_passed = quality_gate_passed, assessment_gate_passed
    trainee.save(update_fields=["scheme_year", "quality_gate_passed", "assessment_gate_passed"])
    return trainee


OUTCOME_MOVES = {
    GraduateTrainee.Outcome.PENDING: {GraduateTrainee.Outcome.OFFERED},
    GraduateTrainee.Outcome.OFFERED: {GraduateTrainee.Outcome.ACCEPTED, GraduateTrainee.Outcome.DECLINED},
}


@transaction.atomic
def trainee_outcome(
    *,
    actor: User,
    trainee: GraduateTrainee,
    outcome: str,
    organisation: Organisation | None = None,
    post: str = "",
) -> GraduateTrainee:
    """The guaranteed post: offered once both gates are passed, then accepted or declined."""
    require(access.may_run_trainee(actor, trainee), "Only the trainee's HR admins or the national team.")
    if not (trainee.quality_gate_passed and trainee.assessment_gate_passed):
        raise ValidationError(
            "The guaranteed post is offered only once the quality and assessment gates are passed."
        )
    if outcome not in OUTCOME_MOVES.get(trainee.outcome, set()):
        raise ValidationError(
            f"A trainee whose outcome is '{trainee.get_outcome_display()}' cannot move to '{outcome}'."
        )
    if outcome == GraduateTrainee.Outcome.OFFERED:
        if organisation is None or not post:
            raise ValidationError({"organisation": "Say which organisation offers which post."})
        trainee.outcome_organisation, trainee.outcome_post = organisation, post
    trainee.outcome = outcome
    trainee.save(update_fields=["outcome", "outcome_organisation", "outcome_post"])
    return trainee


@transaction.atomic
def graduate_baseline_set(*, actor: User, baseline_2015_intake: int) -> None:
    require(access.is_national_admin(actor), "Only national admins set the scheme's baseline.")
    numbers.require_count(
        baseline_2015_intake, field="baseline_2015_intake", minimum=1, maximum=GRADUATE_BASELINE_MAX
    )
    settings = GraduateSchemeSettings.current()
    settings.baseline_2015_intake = baseline_2015_intake
    settings.save(update_fields=["baseline_2015_intake"])
