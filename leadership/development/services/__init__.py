"""Every write for competencies, assessments, plans and 90-day cycles: keyword-only, atomic.

Frameworks and 360 feedback are here; self and line-manager rounds in `assessments`, the plan and
its needs in `plans`, the 90-day cycle in `cycles` (re-exported, so callers use `services.<name>`).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from leadership import access, queue
from leadership.development import framework_services
from leadership.development.selectors import assessed_competencies
from leadership.development.services.assessments import (  # noqa: F401 - re-exported
    SCALE_HINT,
    assessment_round_start,
    assessment_save,
    latest_round,
    next_round_number,
)
from leadership.development.services.cycles import (  # noqa: F401 - re-exported
    UNCHANGED,
    action_create,
    action_delete,
    action_update,
    check_in_comment,
    check_in_record,
    cycle_review,
    cycle_start,
)
from leadership.development.services.plans import (  # noqa: F401 - re-exported
    need_create,
    need_set_status,
    plan_aspiration_update,
    plan_for,
)
from leadership.models import (
    Assessment,
    Competency,
    CompetencyFramework,
    ExpectedBehaviour,
    FeedbackGroupRating,
    Person,
    RaterInvitation,
    RaterResponse,
    Rating,
    Scale,
    User,
)

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
                    person=person, framework=framework, kind=Assessment.Kind.FEEDBACK_360,
                    round_number=next_round_number(person, Assessment.Kind.FEEDBACK_360),
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
    from django.urls import reverse

    from leadership import mail

    claimed = RaterInvitation.objects.filter(
        id=invitation_id,
        email_sent_at__isnull=True,
        approval__in=RaterInvitation.SENDABLE,
        assessment__closed_at__isnull=True,
    ).update(email_sent_at=timezone.now())
    if not claimed:
        return False
    invitation = RaterInvitation.objects.select_related("assessment__person").get(id=invitation_id)
    link = reverse("development:rater_form", args=[rater_token(invitation)])
    try:
        mail.message(
            subject=f"{invitation.assessment.person.full_name} asks for your 360 feedback",
            body=(
                f"{invitation.assessment.person.full_name} has asked you to rate their leadership "
                f"anonymously. Your answers are only shown combined with at least two others', "
                f"once the round closes."
            ),
            to=[invitation.email], action_link=link, action_label="Give your feedback", for_a_login=False,
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
    assessment = Assessment.objects.select_for_update(of=("self",)).select_related("person", "framework").get(
        id=invitation.assessment_id)
    if assessment.closed_at is not None:
        raise ValidationError("This 360 round has closed: late answers are not recorded.")
    claimed = RaterInvitation.objects.filter(
        id=invitation.id, answered_at__isnull=True, approval__in=RaterInvitation.SENDABLE
    ).update(answered_at=timezone.now())
    if not claimed:
        raise ValidationError("These answers have already been sent.")
    valid = set(assessed_competencies(assessment.framework, assessment.person).values_list("id", flat=True))
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
    return _close_round(assessment)


def _close_round(assessment: Assessment) -> Assessment:
    """The close itself, on a locked open round (the person's close, or their leaving)."""
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


@transaction.atomic
def feedback_rounds_end_for_leaver(*, person: Person) -> int:
    """A leaver's part in 360 feedback ends: their unanswered invitations to rate others' open rounds
    are withdrawn (the link stops working; answers already given stay anonymous in the round), and
    their own open round closes under the usual rules. Returns the invitations withdrawn."""
    withdrawn = invitations_to_withdraw_for_leaver(person).update(
        approval=RaterInvitation.Approval.WITHDRAWN, updated_at=timezone.now())
    own = Assessment.objects.select_for_update().filter(
        person=person, kind=Assessment.Kind.FEEDBACK_360, closed_at__isnull=True).first()
    if own is not None:
        _close_round(own)
    return withdrawn


def invitations_to_withdraw_for_leaver(person: Person):
    """The person's unanswered invitations to rate someone else's open 360 round."""
    return RaterInvitation.objects.filter(
        rater=person, answered_at__isnull=True, assessment__closed_at__isnull=True,
        approval__in=RaterInvitation.SENDABLE,
    ).exclude(assessment__person=person)
