"""Every write of the appraisal app: keyword-only, atomic, taking the acting user.

Each step of an appraisal belongs to one person; anyone else gets PermissionDenied, and a step taken
out of order gets ValidationError. A signed-off appraisal never changes: corrections are addenda, and
only a calibration review may agree a different band (recorded, with its reason, in the audit trail).
"""

import logging
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from appraisal import access, selectors
from appraisal.models import (
    BAND_LABELS,
    DEFAULT_BANDS,
    DEFAULT_RATING_SCALE,
    SENIOR_LEVELS,
    Addendum,
    AgreedNeed,
    Appraisal,
    AppraisalCycle,
    AppraisalState,
    CalibrationChange,
    CalibrationReview,
    CompetencyRating,
    Objective,
    OrganisationScorecard,
    ScorecardMeasure,
    ScorecardTemplate,
    TemplatePerspective,
)
from leadership import numbers
from leadership.audit import audit_context
from leadership.dates import add_years, quarter_start, require_dates_in_range
from leadership.development import services as development
from leadership.development.selectors import published_framework
from leadership.models import ActionCycle, Competency, Organisation, Person, User
from leadership.notifications import notify

logger = logging.getLogger(__name__)
State = AppraisalState


# Helpers -------------------------------------------------------------------------------------------


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _require_state(appraisal: Appraisal, *states: str, doing: str) -> None:
    if appraisal.state not in states:
        raise ValidationError(
            f"You cannot {doing} now: this appraisal is at “{appraisal.get_state_display()}”."
        )


def _move(appraisal: Appraisal, state: str, *fields: str) -> None:
    appraisal.state, appraisal.state_changed_at = state, timezone.now()
    appraisal.save(update_fields=["state", "state_changed_at", *fields])


# Templates -----------------------------------------------------------------------------------------


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
    _require(access.is_hr_for(actor, organisation), "Only the organisation's HR admins can add templates.")
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
        _require(
            access.is_national_admin(actor),
            "The national template is locked: only national admins change it.",
        )
    else:
        _require(access.is_hr_for(actor, template.organisation),
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


# Cycles --------------------------------------------------------------------------------------------


@transaction.atomic
def cycle_create(
    *, actor: User, organisation: Organisation, name: str, opens_on: date, closes_on: date | None = None
) -> AppraisalCycle:
    """Annual by default: open for a year from the opening date (one opened on 29 February closes on
    27 February next year, the day before the anniversary, 28 February: see leadership/dates.py)."""
    _require(access.is_hr_for(actor, organisation),
             "Only the organisation's HR admins can open appraisal cycles.")
    require_dates_in_range(opens_on=opens_on, closes_on=closes_on)
    if closes_on is None:
        closes_on = add_years(opens_on, 1) - timedelta(days=1)
    if closes_on <= opens_on:
        raise ValidationError("The cycle must close after it opens.")
    try:
        with transaction.atomic():
            return AppraisalCycle.objects.create(
                organisation=organisation, name=name, opens_on=opens_on, closes_on=closes_on, created_by=actor
            )
    except IntegrityError:
        raise ValidationError("There is already a cycle with that name.") from None


# Starting and staffing an appraisal ----------------------------------------------------------------


def _check_appraiser_training(appraisal: Appraisal) -> bool:
    """R11: an appraiser without the appraisal-skills course in three years is reported to HR."""
    if selectors.appraiser_trained(appraisal.appraiser, timezone.localdate()):
        return True
    link = reverse("appraisal:appraisal_detail", args=[appraisal.public_id])
    for admin in list(access.hr_admin_users([appraisal.organisation.id])):
        notify(
            recipient=admin,
            key=f"appraisal:{appraisal.id}:untrained:{appraisal.appraiser_id}",
            kind="appraisal_untrained_appraiser",
            title=f"{appraisal.appraiser} has not done the appraisal-skills course",
            body=(
                f"{appraisal.appraiser} is appraising {appraisal.appraisee} but has not completed the "
                "appraisal-skills course in the last three years. Book the course or assign another "
                "appraiser."
            ),
            link=link,
        )
    return False


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
    _require(
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
    _check_appraiser_training(appraisal)
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
    _require(access.is_hr_for(actor, appraisal.organisation), "Only HR admins can assign another appraiser.")
    if appraisal.read_only:
        raise ValidationError("A signed-off appraisal cannot change; add an addendum instead.")
    if appraiser.organisation_id != appraisal.organisation_id or appraiser.id == appraisal.appraisee_id:
        raise ValidationError(
            {"appraiser": "Choose an appraiser in the organisation other than the appraisee."}
        )
    appraisal.appraiser = appraiser
    appraisal.save(update_fields=["appraiser"])
    _check_appraiser_training(appraisal)
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
    _require(
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
    _require(
        access.acts_as(actor, appraisal.appraiser) or access.acts_as(actor, appraisal.appraisee),
        "Only the appraisee and the appraiser can set objectives.",
    )
    _require_state(appraisal, State.DRAFT, doing="change the objectives")
    objective.delete()


@transaction.atomic
def objectives_agree(*, actor: User, appraisal: Appraisal) -> Appraisal:
    _require(access.acts_as(actor, appraisal.appraiser),
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
    _require(access.acts_as(actor, appraisal.appraisee), "Only the appraisee writes the self-review.")
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
    _require(access.acts_as(actor, appraisal.appraiser), "Only the appraiser writes the appraiser review.")
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
    _require(access.acts_as(actor, appraisal.appraiser), "Only the appraiser records the meeting.")
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
    _require(is_appraisee or is_appraiser, "Only the appraisee and the appraiser sign off.")
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
    _require(access.acts_as(actor, appraisal.countersigner), "Only the countersigning manager countersigns.")
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
    _require(
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


# Calibration ---------------------------------------------------------------------------------------


@transaction.atomic
def calibration_review_create(
    *, actor: User, cycle: AppraisalCycle, held_on: date, notes: str = ""
) -> CalibrationReview:
    _require(access.is_hr_for(actor, cycle.organisation), "Only HR admins hold calibration reviews.")
    require_dates_in_range(held_on=held_on)
    return CalibrationReview.objects.create(
        organisation=cycle.organisation, cycle=cycle, held_on=held_on, notes=notes, held_by=actor
    )


@transaction.atomic
def calibration_change(
    *, actor: User, review: CalibrationReview, appraisal: Appraisal, band: str, reason: str
) -> CalibrationChange:
    """An agreed change of band, with its reason, in the audit trail (the appraisal's event carries it)."""
    _require(access.is_hr_for(actor, review.organisation), "Only HR admins record calibration changes.")
    if appraisal.cycle_id != review.cycle_id:
        raise ValidationError("The appraisal is not in the review's cycle.")
    if appraisal.overall_score is None:
        raise ValidationError("Only a rated appraisal can be calibrated.")
    if band not in BAND_LABELS:
        raise ValidationError({"band": "Choose one of the rating bands."})
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason the review agreed."})
    before = appraisal.final_band
    if band == before:
        raise ValidationError({"band": "That is the band the appraisal already has."})
    with audit_context(actor=actor, calibration_review=str(review.public_id), reason=reason.strip()):
        appraisal.calibrated_band = band
        appraisal.save(update_fields=["calibrated_band"])
        return CalibrationChange.objects.create(
            review=review,
            appraisal=appraisal,
            band_before=before,
            band_after=band,
            reason=reason.strip(),
            changed_by=actor,
        )


# Organisational scorecards (R15) --------------------------------------------------------------------


@transaction.atomic
def scorecard_measure_save(
    *,
    actor: User,
    organisation: Organisation,
    period: date,
    perspective: str,
    name: str,
    target: Decimal,
    actual: Decimal | None,
    higher_is_better: bool = True,
) -> ScorecardMeasure:
    _require(
        access.may_edit_scorecard(actor, organisation),
        "Only the organisation's HR admins and board secretaries edit its scorecard.",
    )
    require_dates_in_range(period=period)
    target = numbers.require_amount(target, field="target", max_digits=12, decimal_places=2)
    actual = numbers.require_amount(actual, field="actual", max_digits=12, decimal_places=2)
    scorecard, _ = OrganisationScorecard.objects.get_or_create(
        organisation=organisation, period=quarter_start(period)
    )
    measure, _ = ScorecardMeasure.objects.update_or_create(
        scorecard=scorecard,
        name=name.strip(),
        defaults={
            "perspective": perspective,
            "target": target,
            "actual": actual,
            "higher_is_better": higher_is_better,
        },
    )
    scorecard.save(update_fields=["updated_at"])
    return measure


# Reminders (a beat sweep; state is the appraisal row and the notification's unique key) -------------

NOT_STARTED_DAYS = 30
WAITING_DAYS = 14
SWEEP_BATCH = 2000


@transaction.atomic
def reminders_sweep(*, now=None) -> int:
    """Remind appraisals still in draft 30 days before their cycle closes, and steps waiting 14 days.

    Rows are claimed with SKIP LOCKED so two sweeps share the work; each reminder's key is unique, so a
    sweep that runs twice (or catches up after a missed run) never sends one twice.
    """
    from appraisal import presenters
    from leadership.notifications import Message, notify_many

    now = now or timezone.now()
    today = timezone.localdate(now)
    messages = []
    not_started = Appraisal.objects.filter(
        state=State.DRAFT,
        cycle__closes_on__gte=today,
        cycle__closes_on__lte=today + timedelta(days=NOT_STARTED_DAYS),
    )
    for appraisal in not_started.select_related(
        "cycle", "appraisee__user", "appraiser__user"
    ).select_for_update(skip_locked=True, of=("self",))[:SWEEP_BATCH]:
        link = reverse("appraisal:appraisal_detail", args=[appraisal.public_id])
        for person in (appraisal.appraiser, appraisal.appraisee):
            if person.user is not None:
                messages.append(
                    Message(
                        recipient=person.user,
                        kind="appraisal_not_started",
                        link=link,
                        key=f"appraisal:{appraisal.id}:not_started:{appraisal.cycle.closes_on}:{person.user.pk}",
                        title=f"The appraisal of {appraisal.appraisee} has not started",
                        body=f"{appraisal.cycle.name} closes on {appraisal.cycle.closes_on:%d %b %Y}.",
                    )
                )
    waiting = Appraisal.objects.exclude(state=State.COUNTERSIGNED).filter(
        state_changed_at__lte=now - timedelta(days=WAITING_DAYS)
    )
    for appraisal in waiting.select_related(
        "appraisee__user", "appraiser__user", "countersigner__user"
    ).select_for_update(skip_locked=True, of=("self",))[:SWEEP_BATCH]:
        step = presenters.next_step(appraisal)
        if step is None:
            continue
        link = reverse("appraisal:appraisal_detail", args=[appraisal.public_id])
        for person in step["people"]:
            if person.user is not None:
                messages.append(
                    Message(
                        recipient=person.user,
                        kind="appraisal_waiting",
                        link=link,
                        key=(
                            f"appraisal:{appraisal.id}:waiting:{appraisal.state}:"
                            f"{appraisal.state_changed_at:%Y%m%d%H%M%S}:{person.user.pk}"
                        ),
                        title=f"The appraisal of {appraisal.appraisee} is waiting for you",
                        body=f"{step['label']}: waiting since {appraisal.state_changed_at:%d %B %Y}.",
                    )
                )
    return len(notify_many(messages))
