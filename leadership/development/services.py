"""Every write for competencies, assessments, plans and 90-day cycles: keyword-only, atomic."""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from leadership import access, queue
from leadership.dates import require_dates_in_range
from leadership.development import framework_services, reminders
from leadership.models import (
    CHECK_IN_DAYS,
    Action,
    ActionCycle,
    Assessment,
    CheckIn,
    Competency,
    CompetencyFramework,
    DevelopmentNeed,
    DevelopmentPlan,
    ExpectedBehaviour,
    FeedbackGroupRating,
    Organisation,
    Person,
    RaterInvitation,
    RaterResponse,
    Rating,
    Scale,
    User,
)

SCALE_HINT = f"Rate each competency from {Scale.ESSENTIAL.value} ({Scale.ESSENTIAL.label}) to " \
             f"{Scale.EXEMPLARY.value} ({Scale.EXEMPLARY.label})."

RATER_TOKEN_SALT = "development.rater-invitation"  # noqa: S105 - a signing salt, not a secret
RATER_TOKEN_MAX_AGE = 60 * 60 * 24 * 42  # six weeks to answer


# Frameworks -------------------------------------------------------------------------------------


def _require_national_admin(actor: User) -> None:
    if not access.can_edit_frameworks(actor):
        raise PermissionDenied("Only national admins can change the national framework.")


@transaction.atomic
def framework_draft_create(*, actor: User) -> CompetencyFramework:
    """A new draft beside the published version, copied from it (one draft at a time)."""
    _require_national_admin(actor)
    if CompetencyFramework.objects.filter(status=CompetencyFramework.Status.DRAFT).exists():
        raise ValidationError("There is already a draft: edit or publish it first.")
    published = CompetencyFramework.objects.filter(status=CompetencyFramework.Status.PUBLISHED).first()
    latest = CompetencyFramework.objects.order_by("-version").first()
    draft = CompetencyFramework.objects.create(
        name=published.name if published else "NHS core management competency framework",
        version=(latest.version + 1) if latest else 1,
        based_on=published,
    )
    if published is not None:
        for competency in published.competencies.filter(organisation=None).prefetch_related("behaviours"):
            copy = Competency.objects.create(
                framework=draft,
                code=competency.code,
                name=competency.name,
                description=competency.description,
                group=competency.group,
                position=competency.position,
            )
            ExpectedBehaviour.objects.bulk_create(
                [
                    ExpectedBehaviour(
                        competency=copy,
                        management_level=b.management_level,
                        expected_level=b.expected_level,
                        description=b.description,
                    )
                    for b in competency.behaviours.all()
                ]
            )
    return draft


@transaction.atomic
def competency_update(
    *,
    actor: User,
    competency: Competency,
    name: str,
    description: str,
    behaviours: dict[str, tuple[int, str]],
) -> Competency:
    """Change a draft competency's wording and its expected behaviour per management level."""
    _require_national_admin(actor)
    if not competency.framework.editable:
        raise ValidationError("A published framework cannot be changed: draft a new version.")
    competency.name, competency.description = name, description
    competency.save(update_fields=["name", "description"])
    for level, (expected, text) in behaviours.items():
        ExpectedBehaviour.objects.update_or_create(
            competency=competency,
            management_level=level,
            defaults={"expected_level": expected, "description": text},
        )
    competency.framework.save(update_fields=["updated_at"])  # the API's framework shows its competencies
    return competency


@transaction.atomic
def framework_publish(*, actor: User, framework: CompetencyFramework) -> CompetencyFramework:
    _require_national_admin(actor)
    if not framework.editable:
        raise ValidationError("Only a draft can be published.")
    previous = CompetencyFramework.objects.filter(status=CompetencyFramework.Status.PUBLISHED).first()
    CompetencyFramework.objects.filter(status=CompetencyFramework.Status.PUBLISHED).update(
        status=CompetencyFramework.Status.RETIRED, updated_at=timezone.now()
    )
    framework.status, framework.published_at = CompetencyFramework.Status.PUBLISHED, timezone.now()
    framework.save(update_fields=["status", "published_at"])
    framework_services.carry_local_competencies(previous=previous, published=framework)
    return framework


# Assessments ------------------------------------------------------------------------------------


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
    """Record a self or line-manager assessment: {competency id: (level 1-4, evidence)}."""
    if kind == Assessment.Kind.SELF and access.own_person(actor) != person:
        raise PermissionDenied("Only the person can assess themself.")
    if kind == Assessment.Kind.LINE_MANAGER and not access.can_rate_as_line_manager(actor, person):
        raise PermissionDenied("Only the person's line manager can rate them.")
    if kind not in (Assessment.Kind.SELF, Assessment.Kind.LINE_MANAGER):
        raise ValidationError("360 feedback comes from raters.")
    assessment, _ = Assessment.objects.select_for_update().get_or_create(
        person=person, framework=framework, kind=kind, defaults={"assessor": actor}
    )
    if assessment.status == Assessment.Status.SUBMITTED and not submit:
        raise ValidationError("This assessment is submitted; submit again to change it.")
    valid = set(framework.competencies.values_list("id", flat=True))
    for competency_id, (level, evidence) in ratings.items():
        if competency_id not in valid or int(level) not in Scale.values:
            raise ValidationError(SCALE_HINT)
        Rating.objects.update_or_create(
            assessment=assessment,
            competency_id=competency_id,
            defaults={"level": Decimal(int(level)), "evidence": evidence},
        )
    assessment.assessor = actor
    if submit:
        assessment.status, assessment.submitted_at = Assessment.Status.SUBMITTED, timezone.now()
    assessment.save(update_fields=["assessor", "status", "submitted_at"])
    return assessment


def rater_token(invitation: RaterInvitation) -> str:
    return signing.dumps(str(invitation.public_id), salt=RATER_TOKEN_SALT)


def invitation_for_token(token: str) -> RaterInvitation | None:
    try:
        public_id = signing.loads(token, salt=RATER_TOKEN_SALT, max_age=RATER_TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    return (
        RaterInvitation.objects.select_related("assessment__person", "assessment__framework")
        .filter(public_id=public_id, answered_at__isnull=True, approval__in=RaterInvitation.SENDABLE)
        .first()
    )


MAX_INVITATIONS_PER_ROUND = 30


def feedback_round_open(person: Person) -> Assessment | None:
    """The person's open 360 round, if any."""
    return Assessment.objects.filter(
        person=person, kind=Assessment.Kind.FEEDBACK_360, closed_at__isnull=True
    ).first()


@transaction.atomic
def rater_invite(
    *,
    actor: User,
    person: Person,
    framework: CompetencyFramework,
    relationship: str,
    rater: Person | None = None,
    email: str = "",
) -> RaterInvitation:
    """Invite one 360 rater to the person's open round (opening one if needed).

    A rater is someone on the staff record (`rater`, or an `email` that is a staff member's exact
    work email) or an outside email, which waits for the line manager's approval before it is sent.
    """
    if not access.may_run_feedback_round(actor, person):
        raise PermissionDenied("Only the person can invite raters for themself.")
    if relationship not in RaterInvitation.Relationship.values:
        raise ValidationError("Choose how they work with you.")
    if (rater is None) == (not email.strip()):
        raise ValueError("Invite a person on the staff record or an email, not both.")
    if rater is not None and not access.rater_candidates(actor).filter(id=rater.id).exists():
        raise PermissionDenied("Another organisation's staff are invited by their exact work email.")
    if rater is None:
        rater = access.rater_by_work_email(actor, email)
    if rater is not None and rater.id == person.id:
        raise ValidationError("You cannot rate yourself: invite other people.")
    if rater is not None and not rater.work_email:
        raise ValidationError(f"{rater.full_name} has no work email on the staff record.")
    address = (rater.work_email if rater is not None else email.strip()).lower()
    if rater is None and person.line_manager is None:
        raise ValidationError(
            "An email outside the staff record needs your line manager's approval, and the staff "
            "record shows no line manager for you. Invite people on the staff record instead."
        )
    assessment = feedback_round_open(person)
    if assessment is None:
        try:
            with transaction.atomic():
                assessment = Assessment.objects.create(
                    person=person, framework=framework, kind=Assessment.Kind.FEEDBACK_360
                )
        except IntegrityError:  # a second tab opened the round first
            assessment = feedback_round_open(person)
    assessment = Assessment.objects.select_for_update().get(id=assessment.id)
    if assessment.closed_at is not None:
        raise ValidationError("This 360 round has closed.")
    invited = assessment.invitations.all()
    name = rater.full_name if rater is not None else address
    if invited.filter(email__iexact=address).exists() or (
        rater is not None and invited.filter(rater=rater).exists()
    ):
        raise ValidationError(f"{name} is already invited to this round.")
    if invited.count() >= MAX_INVITATIONS_PER_ROUND:
        raise ValidationError(f"A round takes up to {MAX_INVITATIONS_PER_ROUND} raters.")
    approval = RaterInvitation.Approval.NOT_NEEDED if rater is not None else RaterInvitation.Approval.PENDING
    invitation = RaterInvitation.objects.create(
        assessment=assessment,
        rater=rater,
        email=address,
        relationship=relationship,
        approval=approval,
        invited_by=actor,
    )
    if approval == RaterInvitation.Approval.NOT_NEEDED:
        _send_on_commit(invitation)
    return invitation


def _send_on_commit(invitation: RaterInvitation) -> None:
    queue.enqueue_after_commit("leadership.development.tasks.rater_invitation_send_task", invitation.id)


@transaction.atomic
def rater_invitation_decide(*, actor: User, invitation: RaterInvitation, approve: bool) -> RaterInvitation:
    """The line manager approves (the link is sent) or declines (nothing is sent) an outside rater."""
    invitation = RaterInvitation.objects.select_for_update().select_related("assessment__person").get(
        id=invitation.id
    )
    if not access.may_approve_rater(actor, invitation):
        raise PermissionDenied("Only the person's line manager approves an outside rater.")
    if invitation.approval != RaterInvitation.Approval.PENDING:
        raise ValidationError("This invitation has already been decided.")
    if invitation.assessment.closed_at is not None:
        raise ValidationError("This 360 round has closed.")
    invitation.approval = RaterInvitation.Approval.APPROVED if approve else RaterInvitation.Approval.DECLINED
    invitation.decided_by, invitation.decided_at = actor, timezone.now()
    invitation.save(update_fields=["approval", "decided_by", "decided_at"])
    if approve:
        _send_on_commit(invitation)
    return invitation


def rater_invitation_send(*, invitation_id: int) -> bool:
    """Email one rater their link, once, and only once the invitation may be sent."""
    from django.conf import settings
    from django.core.mail import EmailMessage
    from django.urls import reverse

    claimed = RaterInvitation.objects.filter(
        id=invitation_id,
        email_sent_at__isnull=True,
        approval__in=RaterInvitation.SENDABLE,
        assessment__closed_at__isnull=True,
    ).update(email_sent_at=timezone.now())
    if not claimed:
        return False
    invitation = RaterInvitation.objects.select_related("assessment__person").get(id=invitation_id)
    link = settings.SITE_URL.rstrip("/") + reverse("development:rater_form", args=[rater_token(invitation)])
    try:
        EmailMessage(
            subject=f"{invitation.assessment.person.full_name} asks for your 360 feedback",
            body=(
                f"{invitation.assessment.person.full_name} has asked you to rate their leadership "
                f"anonymously. Your answers are only shown combined with at least two others', "
                f"once the round closes.\n\n{link}"
            ),
            to=[invitation.email],
            headers={"Message-ID": f"<rater-{invitation.public_id}@leadership-portal>"},
        ).send()
    except Exception:
        RaterInvitation.objects.filter(id=invitation_id).update(email_sent_at=None)  # let a retry send
        raise
    return True


@transaction.atomic
def rater_answer(*, invitation: RaterInvitation, ratings: dict[int, int]) -> None:
    """Store a rater's answers with no link back to them. Nothing is computed or shown until the
    round closes, so no answer can be read off a change in the figures."""
    assessment = Assessment.objects.select_for_update().get(id=invitation.assessment_id)
    if assessment.closed_at is not None:
        raise ValidationError("This 360 round has closed: late answers are not recorded.")
    claimed = RaterInvitation.objects.filter(
        id=invitation.id, answered_at__isnull=True, approval__in=RaterInvitation.SENDABLE
    ).update(answered_at=timezone.now())
    if not claimed:
        raise ValidationError("These answers have already been sent.")
    valid = set(assessment.framework.competencies.values_list("id", flat=True))
    if set(ratings) - valid or any(int(v) not in Scale.values for v in ratings.values()):
        raise ValidationError(SCALE_HINT)
    RaterResponse.objects.bulk_create(
        [
            RaterResponse(
                assessment=assessment, competency_id=c, level=int(v), relationship=invitation.relationship
            )
            for c, v in ratings.items()
        ]
    )


def feedback_groups_to_show(counts: dict[str, int]) -> set[str]:
    """Rater groups that may be shown apart: the group and the remaining raters number
    MIN_RATERS or more each, and the groups left unshown are together none or MIN_RATERS or more,
    so no group can be worked out from the others and the combined figure."""
    least = Assessment.MIN_RATERS
    total = sum(counts.values())
    shown = {g for g, n in counts.items() if n >= least and total - n >= least}
    hidden = total - sum(counts[g] for g in shown)
    if 0 < hidden < least and shown:
        # Hiding one more group makes the rest three or more: hide the smallest.
        shown.discard(min(shown, key=lambda g: (counts[g], g)))
    return shown


def _mean(levels: list[int]) -> Decimal:
    return (Decimal(sum(levels)) / len(levels)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def feedback_round_close(*, actor: User, assessment: Assessment) -> Assessment:
    """Close the person's 360 round. With MIN_RATERS answers or more its figures are released,
    once: the combined mean per competency and the groups that may be shown apart are stored and
    never recomputed. With fewer nothing is ever released. Either way the answers are discarded
    and later answers are refused."""
    assessment = Assessment.objects.select_for_update().select_related("person").get(id=assessment.id)
    if assessment.kind != Assessment.Kind.FEEDBACK_360:
        raise ValueError("Only a 360 round closes.")
    if not access.may_run_feedback_round(actor, assessment.person):
        raise PermissionDenied("Only the person closes their 360 round.")
    if assessment.closed_at is not None:
        raise ValidationError("This 360 round has already closed.")
    answered = assessment.invitations.filter(answered_at__isnull=False)
    counts: dict[str, int] = {}
    for relationship in answered.values_list("relationship", flat=True):
        counts[relationship] = counts.get(relationship, 0) + 1
    total = sum(counts.values())
    now = timezone.now()
    assessment.closed_at = now
    responses = RaterResponse.objects.filter(assessment=assessment)
    if total >= Assessment.MIN_RATERS:
        by_competency: dict[int, list[int]] = {}
        by_group: dict[tuple[int, str], list[int]] = {}
        for competency, group, level in responses.values_list("competency_id", "relationship", "level"):
            by_competency.setdefault(competency, []).append(level)
            by_group.setdefault((competency, group), []).append(level)
        Rating.objects.bulk_create(
            [Rating(assessment=assessment, competency_id=c, level=_mean(v)) for c, v in by_competency.items()]
        )
        shown = feedback_groups_to_show(counts)
        FeedbackGroupRating.objects.bulk_create(
            [
                FeedbackGroupRating(
                    assessment=assessment, competency_id=c, relationship=g, level=_mean(v),
                    rater_count=counts[g],
                )
                for (c, g), v in by_group.items()
                if g in shown
            ]
        )
        assessment.rater_count, assessment.status, assessment.submitted_at = (
            total,
            Assessment.Status.SUBMITTED,
            now,
        )
    responses.delete()  # the released figures are all that is kept: nothing left to recompute
    assessment.save(update_fields=["closed_at", "rater_count", "status", "submitted_at"])
    return assessment


# Development plan -------------------------------------------------------------------------------


def plan_for(person: Person) -> DevelopmentPlan:
    plan, _ = DevelopmentPlan.objects.get_or_create(person=person)
    return plan


@transaction.atomic
def need_create(
    *, actor: User, person: Person, description: str, competency: Competency | None = None
) -> DevelopmentNeed:
    plan = plan_for(person)
    need = DevelopmentNeed.objects.create(
        plan=plan, competency=competency, description=description, created_by=actor
    )
    plan.save(update_fields=["updated_at"])
    return need


@transaction.atomic
def need_set_status(*, actor: User, need: DevelopmentNeed, status: str) -> DevelopmentNeed:
    need.status = status
    need.save(update_fields=["status"])
    need.plan.save(update_fields=["updated_at"])
    return need


# 90-day cycles ----------------------------------------------------------------------------------


def _schedule_check_ins(cycle: ActionCycle) -> None:
    rows = []
    for day in CHECK_IN_DAYS:
        due_on = cycle.starts_on + timedelta(days=day)
        stage, at = reminders.first_reminder_at(due_on)
        rows.append(CheckIn(cycle=cycle, day=day, due_on=due_on, reminder_stage=stage, next_reminder_at=at))
    CheckIn.objects.bulk_create(rows)


@transaction.atomic
def cycle_start(
    *,
    actor: User,
    focus: str,
    starts_on: date,
    person: Person | None = None,
    organisation: Organisation | None = None,
    previous: ActionCycle | None = None,
) -> ActionCycle:
    """Open a 90-day cycle for a person, or for an organisation (training coordination)."""
    if (person is None) == (organisation is None):
        raise ValueError("A cycle belongs to a person or to an organisation.")
    if organisation is not None and not access.can_manage_organisation(actor, organisation):
        raise PermissionDenied("Only the organisation's HR admins run its own cycles.")
    # In range, so the day-90 check-in and the cycle's end are real dates.
    require_dates_in_range(starts_on=starts_on)
    try:
        with transaction.atomic():
            cycle = ActionCycle.objects.create(
                person=person,
                organisation=person.organisation if person else organisation,
                focus=focus,
                starts_on=starts_on,
                previous=previous,
            )
    except IntegrityError:
        raise ValidationError("There is already an active 90-day cycle: review it first.") from None
    _schedule_check_ins(cycle)
    return cycle


@transaction.atomic
def action_create(
    *,
    actor: User,
    cycle: ActionCycle,
    title: str,
    due_on: date,
    owner: Person | None = None,
    need: DevelopmentNeed | None = None,
    course_id=None,
    objective_id=None,
) -> Action:
    if cycle.status != ActionCycle.Status.ACTIVE:
        raise ValidationError("A closed cycle cannot take new actions.")
    require_dates_in_range(due_on=due_on)
    if need is not None and (cycle.person_id is None or need.plan.person_id != cycle.person_id):
        raise ValidationError("Link a need from the same person's development plan.")
    action = Action.objects.create(
        cycle=cycle,
        title=title,
        due_on=due_on,
        owner=owner or cycle.person,
        need=need,
        course_id=course_id,
        objective_id=objective_id,
    )
    cycle.save(update_fields=["updated_at"])
    return action


@transaction.atomic
def action_update(
    *, actor: User, action: Action, status: str, title: str | None = None, due_on: date | None = None
) -> Action:
    require_dates_in_range(due_on=due_on)
    action.status = status
    action.title = title or action.title
    action.due_on = due_on or action.due_on
    action.save(update_fields=["status", "title", "due_on"])
    action.cycle.save(update_fields=["updated_at"])
    return action


@transaction.atomic
def action_delete(*, actor: User, action: Action) -> None:
    cycle = action.cycle
    action.delete()
    cycle.save(update_fields=["updated_at"])


@transaction.atomic
def check_in_record(*, actor: User, check_in: CheckIn, progress: str) -> CheckIn:
    """The cycle's owner records progress; no further reminders for this check-in."""
    owner = access.own_person(actor)
    if check_in.cycle.person_id is None or owner is None or owner.id != check_in.cycle.person_id:
        raise PermissionDenied("Only the person records their own check-in.")
    check_in = CheckIn.objects.select_for_update().get(id=check_in.id)
    check_in.progress, check_in.recorded_at, check_in.recorded_by = progress, timezone.now(), actor
    check_in.next_reminder_at = None
    check_in.save(update_fields=["progress", "recorded_at", "recorded_by", "next_reminder_at"])
    check_in.cycle.save(update_fields=["updated_at"])
    return check_in


@transaction.atomic
def check_in_comment(*, actor: User, check_in: CheckIn, comment: str) -> CheckIn:
    person = check_in.cycle.person
    if person is None or not access.reports(actor).filter(id=person.id).exists():
        raise PermissionDenied("Only the person's line manager can comment.")
    check_in.manager_comment, check_in.commented_at, check_in.commented_by = comment, timezone.now(), actor
    check_in.save(update_fields=["manager_comment", "commented_at", "commented_by"])
    check_in.cycle.save(update_fields=["updated_at"])
    return check_in


@transaction.atomic
def cycle_review(
    *, actor: User, cycle: ActionCycle, summary: str, next_focus: str, today: date | None = None
) -> ActionCycle:
    """Close the cycle and open the next, carrying its unfinished actions over. Returns the next."""
    cycle = ActionCycle.objects.select_for_update().get(id=cycle.id)
    if cycle.status != ActionCycle.Status.ACTIVE:
        raise ValidationError("This cycle has already been reviewed.")
    cycle.status, cycle.review_summary, cycle.closed_at = ActionCycle.Status.CLOSED, summary, timezone.now()
    cycle.save(update_fields=["status", "review_summary", "closed_at"])
    cycle.check_ins.update(next_reminder_at=None)
    today = today or timezone.localdate()
    starts_on = max(today, cycle.ends_on)
    following = cycle_start(
        actor=actor,
        focus=next_focus or cycle.focus,
        starts_on=starts_on,
        person=cycle.person,
        organisation=cycle.organisation if cycle.person is None else None,
        previous=cycle,
    )
    for action in cycle.actions.filter(status__in=Action.UNFINISHED):
        Action.objects.create(
            cycle=following,
            title=action.title,
            owner=action.owner,
            due_on=max(action.due_on, starts_on),
            status=action.status,
            need=action.need,
            course_id=action.course_id,
            objective_id=action.objective_id,
            carried_from=action,
        )
    return following
