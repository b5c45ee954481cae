"""An appraisal from start to countersignature, and the addenda after it.

Each step belongs to one person; anyone else gets PermissionDenied, and a step taken out of order gets
ValidationError. A signed-off appraisal never changes: corrections are addenda.
"""

import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from appraisal import access, selectors
from appraisal.models import (
    SENIOR_LEVELS,
    Addendum,
    AgreedNeed,
    Appraisal,
    AppraisalCycle,
    AppraisalState,
    CompetencyRating,
    Objective,
    TemplatePerspective,
)
from appraisal.services.shared import require
from leadership.dates import require_dates_in_range
from leadership.development import services as development
from leadership.development.selectors import published_framework
from leadership.models import ActionCycle, Competency, Person, User
from leadership.notifications import notify

logger = logging.getLogger(__name__)
State = AppraisalState


def _require_state(appraisal: Appraisal, *states: str, doing: str) -> None:
    if appraisal.state not in states:
        raise ValidationError(
            f"You cannot {doing} now: this appraisal is at “{appraisal.get_state_display()}”."
        )


def _move(appraisal: Appraisal, state: str, *fields: str) -> None:
    appraisal.state, appraisal.state_changed_at = state, timezone.now()
    appraisal.save(update_fields=["state", "state_changed_at", *fields])


# Starting and staffing an appraisal ----------------------------------------------------------------


UNTRAINED_APPRAISER = (
    "{name} has not completed the appraisal-skills course in the last three years, so cannot be an "
    "appraiser. Book them on the course, choose another appraiser, or ask a national admin to record "
    "an exception."
)


def require_trained_appraiser(appraiser: Person) -> None:
    """R11 holds, it does not only warn: an appraiser has done the appraisal-skills course in the last
    three years, or a national admin has recorded an exception for them."""
    if not selectors.appraiser_may_appraise(appraiser, timezone.localdate()):
        raise ValidationError({"appraiser": UNTRAINED_APPRAISER.format(name=appraiser.full_name)})


def _countersigner_for(appraiser: Person) -> Person | None:
    return appraiser.line_manager


@transaction.atomic
def appraisal_start(
    *,
    actor: User,
    cycle: AppraisalCycle,
    appraisee: Person,
    appraiser: Person | None = None,
    countersigner: Person | None = None,
    directorate: str = "",
) -> Appraisal:
    """HR admins, or the appraisee's line manager, start an appraisal with the right template."""
    require(
        access.is_hr_for(actor, cycle.organisation) or access.acts_as(actor, appraisee.line_manager),
        "Only HR admins or the line manager can start an appraisal.",
    )
    if appraisee.organisation_id != cycle.organisation_id:
        raise ValidationError("The appraisee must work in the cycle's organisation.")
    appraiser = appraiser or appraisee.line_manager
    if appraiser is None:
        raise ValidationError({"appraiser": "The appraisee has no line manager: choose an appraiser."})
    if appraiser.organisation_id != cycle.organisation_id or appraiser.id == appraisee.id:
        raise ValidationError(
            {"appraiser": "Choose an appraiser in the organisation other than the appraisee."}
        )
    level = appraisee.management_level
    if level in SENIOR_LEVELS:
        countersigner = countersigner or _countersigner_for(appraiser)
        if countersigner is None or countersigner.id in (appraisee.id, appraiser.id):
            raise ValidationError({"countersigner": "Senior appraisals need a countersigning manager."})
    else:
        countersigner = None
    require_trained_appraiser(appraiser)
    try:
        with transaction.atomic():
            appraisal = Appraisal.objects.create(
                cycle=cycle,
                organisation=cycle.organisation,
                appraisee=appraisee,
                appraiser=appraiser,
                countersigner=countersigner,
                template=selectors.template_for(cycle.organisation, level),
                level=level,
                directorate=directorate or appraisee.job_title[:100],
            )
    except IntegrityError:
        raise ValidationError("This person already has an appraisal in the cycle.") from None
    _tell(
        appraisal.appraiser.user,
        appraisal,
        "started",
        f"Appraisal of {appraisee} started: agree objectives",
        "Agree the objectives with the appraisee.",
    )
    return appraisal


@transaction.atomic
def appraisal_reassign(*, actor: User, appraisal: Appraisal, appraiser: Person) -> Appraisal:
    require(access.is_hr_for(actor, appraisal.organisation), "Only HR admins can assign another appraiser.")
    if appraisal.read_only:
        raise ValidationError("A signed-off appraisal cannot change; add an addendum instead.")
    if appraisal.withdrawn:
        raise ValidationError("A withdrawn appraisal takes no more steps.")
    if appraiser.organisation_id != appraisal.organisation_id or appraiser.id == appraisal.appraisee_id:
        raise ValidationError(
            {"appraiser": "Choose an appraiser in the organisation other than the appraisee."}
        )
    require_trained_appraiser(appraiser)
    appraisal.appraiser = appraiser
    appraisal.save(update_fields=["appraiser"])
    return appraisal


@transaction.atomic
def appraisal_countersigner_reassign(
    *, actor: User, appraisal: Appraisal, countersigner: Person
) -> Appraisal:
    """HR admins name another countersigning manager until the appraisal is countersigned."""
    require(access.is_hr_for(actor, appraisal.organisation),
            "Only HR admins can assign another countersigning manager.")
    if appraisal.state in (State.COUNTERSIGNED, State.WITHDRAWN):
        raise ValidationError("This appraisal needs no more countersigning.")
    if (countersigner.organisation_id != appraisal.organisation_id
            or countersigner.id in (appraisal.appraisee_id, appraisal.appraiser_id)):
        raise ValidationError({"countersigner": "Choose a countersigning manager in the organisation other "
                                                "than the appraisee and the appraiser."})
    appraisal.countersigner = countersigner
    appraisal.save(update_fields=["countersigner"])
    if appraisal.state == State.SIGNED_OFF:
        _tell(countersigner.user, appraisal, "countersign",
              f"Countersign the appraisal of {appraisal.appraisee}")
    return appraisal


def _tell(user: User | None, appraisal: Appraisal, milestone: str, title: str, body: str = "") -> None:
    if user is None:
        return
    notify(
        recipient=user,
        key=f"appraisal:{appraisal.id}:{milestone}:{user.pk}",
        kind="appraisal_step",
        title=title,
        body=body,
        link=reverse("appraisal:appraisal_detail", args=[appraisal.public_id]),
    )


# Objectives ----------------------------------------------------------------------------------------


@transaction.atomic
def objective_save(
    *,
    actor: User,
    appraisal: Appraisal,
    perspective: TemplatePerspective,
    title: str,
    measure: str,
    target: str,
    weight: int,
    objective: Objective | None = None,
) -> Objective:
    """Appraiser and appraisee draft the objectives together, until the appraiser records agreement."""
    require(
        access.acts_as(actor, appraisal.appraiser) or access.acts_as(actor, appraisal.appraisee),
        "Only the appraisee and the appraiser can set objectives.",
    )
    _require_state(appraisal, State.DRAFT, doing="change the objectives")
    if perspective.template_id != appraisal.template_id:
        raise ValidationError({"perspective": "Choose a perspective of this appraisal's template."})
    if not 1 <= int(weight) <= 100:
        raise ValidationError({"weight": "The weight must be between 1 and 100."})
    objective = objective or Objective(appraisal=appraisal)
    if objective.appraisal_id != appraisal.id:
        raise ValidationError("The objective belongs to another appraisal.")
    objective.perspective, objective.title, objective.measure = perspective, title, measure
    objective.target, objective.weight = target, int(weight)
    objective.save()
    return objective


@transaction.atomic
def objective_delete(*, actor: User, objective: Objective) -> None:
    appraisal = objective.appraisal
    require(
        access.acts_as(actor, appraisal.appraiser) or access.acts_as(actor, appraisal.appraisee),
        "Only the appraisee and the appraiser can set objectives.",
    )
    _require_state(appraisal, State.DRAFT, doing="change the objectives")
    objective.delete()


@transaction.atomic
def objectives_agree(*, actor: User, appraisal: Appraisal) -> Appraisal:
    require(access.acts_as(actor, appraisal.appraiser),
             "Only the appraiser records that objectives are agreed.")
    _require_state(appraisal, State.DRAFT, doing="agree objectives")
    objectives = list(appraisal.objectives.all())
    for perspective in appraisal.template.perspectives.all():
        weights = [o.weight for o in objectives if o.perspective_id == perspective.id]
        if not weights:
            raise ValidationError(f"Add at least one objective for “{perspective.name}”.")
        if sum(weights) != 100:
            raise ValidationError(
                f"The objectives' weights in “{perspective.name}” must add up to 100; "
                f"they add up to {sum(weights)}."
            )
    _move(appraisal, State.OBJECTIVES_AGREED)
    _tell(
        appraisal.appraisee.user,
        appraisal,
        "objectives_agreed",
        "Your objectives are agreed",
        "Record your actuals and your self-review when the year's work is done.",
    )
    return appraisal


@transaction.atomic
def self_review_submit(*, actor: User, appraisal: Appraisal, text: str, actuals: dict[str, str]) -> Appraisal:
    """The appraisee records what was achieved against each target, and their own review."""
    require(access.acts_as(actor, appraisal.appraisee), "Only the appraisee writes the self-review.")
    _require_state(appraisal, State.OBJECTIVES_AGREED, doing="submit the self-review")
    if not text.strip():
        raise ValidationError({"self_review": "Write your self-review."})
    for objective in appraisal.objectives.all():
        actual = actuals.get(str(objective.public_id), "").strip()
        if not actual:
            raise ValidationError(f"Record the actual for “{objective.title}”.")
        objective.actual = actual
        objective.save(update_fields=["actual"])
    appraisal.self_review = text
    _move(appraisal, State.SELF_REVIEW, "self_review")
    _tell(
        appraisal.appraiser.user,
        appraisal,
        "self_review",
        f"{appraisal.appraisee} has done their self-review",
        "Rate the objectives and competencies.",
    )
    return appraisal


@transaction.atomic
def appraiser_review_submit(
    *,
    actor: User,
    appraisal: Appraisal,
    text: str,
    ratings: dict[str, int],
    competency_ratings: dict[str, int],
) -> Appraisal:
    """The appraiser rates each objective (and competency); the score and band follow from the weights."""
    require(access.acts_as(actor, appraisal.appraiser), "Only the appraiser writes the appraiser review.")
    _require_state(appraisal, State.SELF_REVIEW, doing="submit the appraiser review")
    objectives = list(appraisal.objectives.all())
    for objective in objectives:
        rating = ratings.get(str(objective.public_id))
        if rating is None or not 1 <= int(rating) <= 4:
            raise ValidationError(f"Rate “{objective.title}” from 1 to 4.")
        objective.rating = int(rating)
        objective.save(update_fields=["rating"])
    if appraisal.template.competency_ratings:
        codes = [code for code, _ in selectors.competencies_for_level(appraisal.level)]
        missing = [code for code in codes if not 1 <= int(competency_ratings.get(code) or 0) <= 4]
        if missing:
            raise ValidationError(f"Rate every competency from 1 to 4 (missing: {', '.join(missing)}).")
        CompetencyRating.objects.filter(appraisal=appraisal).delete()
        CompetencyRating.objects.bulk_create(
            [
                CompetencyRating(appraisal=appraisal, code=code, rating=int(competency_ratings[code]))
                for code in codes
            ]
        )
    score = selectors.compute_score(appraisal, objectives)
    appraisal.appraiser_review = text
    appraisal.overall_score, appraisal.band = score.overall, score.band
    appraisal.perspective_scores = {p.name: str(p.score) for p in score.perspectives}
    _move(
        appraisal, State.APPRAISER_REVIEW, "appraiser_review", "overall_score", "band", "perspective_scores"
    )
    _tell(
        appraisal.appraisee.user,
        appraisal,
        "appraiser_review",
        "Your appraiser has rated your objectives",
        "Meet your appraiser to discuss the review.",
    )
    return appraisal


@transaction.atomic
def meeting_record(
    *, actor: User, appraisal: Appraisal, meeting_on: date, notes: str, needs: list[tuple[str, str]]
) -> Appraisal:
    """The appraiser records the meeting and the development needs agreed at it."""
    require(access.acts_as(actor, appraisal.appraiser), "Only the appraiser records the meeting.")
    _require_state(appraisal, State.APPRAISER_REVIEW, doing="record the meeting")
    require_dates_in_range(meeting_on=meeting_on)
    if meeting_on > timezone.localdate():
        raise ValidationError({"meeting_on": "The meeting date cannot be in the future."})
    AgreedNeed.objects.bulk_create(
        [
            AgreedNeed(appraisal=appraisal, description=d.strip(), competency_code=c)
            for d, c in needs
            if d.strip()
        ]
    )
    appraisal.meeting_on, appraisal.meeting_notes = meeting_on, notes
    _move(appraisal, State.MEETING_HELD, "meeting_on", "meeting_notes")
    _tell(
        appraisal.appraisee.user,
        appraisal,
        "meeting_held",
        "Sign off your appraisal",
        "Your appraiser has recorded the meeting: read it and sign off.",
    )
    return appraisal


@transaction.atomic
def appraisal_sign(*, actor: User, appraisal: Appraisal) -> Appraisal:
    """Appraisee and appraiser each sign; when both have, the appraisal is signed off and read-only."""
    is_appraisee = access.acts_as(actor, appraisal.appraisee)
    is_appraiser = access.acts_as(actor, appraisal.appraiser)
    require(is_appraisee or is_appraiser, "Only the appraisee and the appraiser sign off.")
    _require_state(appraisal, State.MEETING_HELD, doing="sign off")
    now = timezone.now()
    if is_appraisee:
        if appraisal.appraisee_signed_at:
            raise ValidationError("You have already signed.")
        appraisal.appraisee_signed_at = now
    else:
        if appraisal.appraiser_signed_at:
            raise ValidationError("You have already signed.")
        appraisal.appraiser_signed_at = now
    if not (appraisal.appraisee_signed_at and appraisal.appraiser_signed_at):
        appraisal.save(update_fields=["appraisee_signed_at", "appraiser_signed_at"])
        return appraisal
    appraisal.signed_off_at = now
    _move(appraisal, State.SIGNED_OFF, "appraisee_signed_at", "appraiser_signed_at", "signed_off_at")
    _needs_to_development_plan(appraisal, actor)
    if appraisal.needs_countersignature and appraisal.countersigner:
        _tell(
            appraisal.countersigner.user,
            appraisal,
            "countersign",
            f"Countersign the appraisal of {appraisal.appraisee}",
        )
    return appraisal


@transaction.atomic
def appraisal_countersign(*, actor: User, appraisal: Appraisal) -> Appraisal:
    require(access.acts_as(actor, appraisal.countersigner), "Only the countersigning manager countersigns.")
    if not appraisal.needs_countersignature:
        raise ValidationError("This appraisal does not need countersigning.")
    _require_state(appraisal, State.SIGNED_OFF, doing="countersign")
    appraisal.countersigned_at = timezone.now()
    _move(appraisal, State.COUNTERSIGNED, "countersigned_at")
    return appraisal


def _needs_to_development_plan(appraisal: Appraisal, actor: User) -> None:
    """Agreed needs join the development plan, and the active 90-day cycle when there is one.

    A need the development service refuses stays on the appraisal (docs/appraisal.md).
    """
    framework = published_framework()
    cycle = ActionCycle.objects.filter(person=appraisal.appraisee, status=ActionCycle.Status.ACTIVE).first()
    for agreed in appraisal.agreed_needs.filter(development_need_id__isnull=True):
        competency = None
        if framework is not None and agreed.competency_code:
            competency = Competency.objects.filter(framework=framework, code=agreed.competency_code).first()
        try:
            need = development.need_create(
                actor=actor, person=appraisal.appraisee, description=agreed.description, competency=competency
            )
            if cycle is not None:
                development.action_create(
                    actor=actor, cycle=cycle, title=agreed.description[:300], due_on=cycle.ends_on, need=need
                )
        except ValidationError:
            logger.warning("Development plan did not take appraisal %s's need", appraisal.pk, exc_info=True)
            continue
        agreed.development_need_id = need.public_id
        agreed.save(update_fields=["development_need_id"])


# After sign-off ------------------------------------------------------------------------------------


@transaction.atomic
def addendum_add(*, actor: User, appraisal: Appraisal, text: str) -> Addendum:
    require(
        access.acts_as(actor, appraisal.appraisee)
        or access.acts_as(actor, appraisal.appraiser)
        or access.acts_as(actor, appraisal.countersigner)
        or access.is_hr_for(actor, appraisal.organisation),
        "Only the people in the appraisal and HR admins add addenda.",
    )
    if not appraisal.read_only:
        raise ValidationError("Until it is signed off, change the appraisal itself.")
    if not text.strip():
        raise ValidationError({"text": "Write the addendum."})
    return Addendum.objects.create(appraisal=appraisal, author=actor, text=text.strip())
