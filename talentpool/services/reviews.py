"""Talent reviews (the 9-box grid) and succession plans for key posts."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from leadership.audit import audit_context
from leadership.dates import require_dates_in_range
from leadership.models import Organisation, Person, User
from talentpool import access, selectors
from talentpool.models import (
    Rating,
    Readiness,
    ReviewPlacement,
    SuccessionCandidate,
    SuccessionPlan,
    TalentReview,
)
from talentpool.services.shared import require, required_reason


@transaction.atomic
def talent_review_create(
    *, actor: User, organisation: Organisation, title: str, held_on: date
) -> TalentReview:
    require(access.can_manage_organisation(actor, organisation), "Only the organisation's HR admins.")
    require_dates_in_range(held_on=held_on)
    return TalentReview.objects.create(
        organisation=organisation, title=title, held_on=held_on, created_by=actor
    )


@transaction.atomic
def review_place(
    *,
    actor: User,
    review: TalentReview,
    person: Person,
    potential: int,
    performance: int | None = None,
    notes: str = "",
    agreed_actions: str = "",
) -> ReviewPlacement:
    """Put a person into a box: performance from appraisal when there is one, else as entered."""
    require(access.can_manage_organisation(actor, review.organisation), "Only the organisation's HR admins.")
    if review.status != TalentReview.Status.OPEN:
        raise ValidationError("This review is decided; its grid is closed.")
    for field, rating in (("potential", potential), ("performance", performance)):
        if rating is not None and rating not in Rating.values:
            raise ValidationError({field: "Choose low, moderate or high."})
    if person.organisation_id != review.organisation_id:
        raise ValidationError({"person": "Only the organisation's own staff are placed in its review."})
    from_appraisal = selectors.performance_from_appraisal(person)
    source = (
        ReviewPlacement.PerformanceSource.APPRAISAL
        if from_appraisal
        else ReviewPlacement.PerformanceSource.ENTERED
    )
    performance = from_appraisal or performance
    if performance is None:
        raise ValidationError({"performance": "There is no appraisal: enter the performance rating."})
    placement, _ = ReviewPlacement.objects.update_or_create(
        review=review,
        person=person,
        defaults={
            "performance": performance,
            "performance_source": source,
            "potential": potential,
            "notes": notes,
            "agreed_actions": agreed_actions,
            "placed_by": actor,
        },
    )
    return placement


def _actions_to_development_plans(review: TalentReview, actor: User) -> int:
    """Agreed actions become development needs in each person's development plan."""
    from leadership.development.services import need_create

    added = 0
    for placement in review.placements.exclude(agreed_actions="").select_related("person"):
        need_create(actor=actor, person=placement.person,
                    description=f"From talent review '{review.title}': {placement.agreed_actions}")
        added += 1
    return added


@transaction.atomic
def talent_review_decide(*, actor: User, review: TalentReview, decision: str) -> TalentReview:
    require(access.can_manage_organisation(actor, review.organisation), "Only the organisation's HR admins.")
    if review.status != TalentReview.Status.OPEN:
        raise ValidationError("This review is already decided.")
    review.decision = required_reason(decision)
    review.status, review.decided_by, review.decided_at = TalentReview.Status.DECIDED, actor, timezone.now()
    review.save(update_fields=["decision", "status", "decided_by", "decided_at"])
    _actions_to_development_plans(review, actor)
    return review


@transaction.atomic
def succession_plan_create(
    *, actor: User, organisation: Organisation, post: str, holder: Person | None = None, notes: str = ""
) -> SuccessionPlan:
    require(access.can_manage_organisation(actor, organisation), "Only the organisation's HR admins.")
    if holder is not None and holder.organisation_id != organisation.id:
        raise ValidationError({"holder": "The post holder must work in the organisation."})
    if SuccessionPlan.objects.filter(organisation=organisation, post=post).exists():
        raise ValidationError({"post": "There is already a plan for this post."})
    return SuccessionPlan.objects.create(organisation=organisation, post=post, holder=holder, notes=notes)


@transaction.atomic
def succession_candidate_add(
    *, actor: User, plan: SuccessionPlan, person: Person, readiness: str
) -> SuccessionCandidate:
    require(access.can_manage_organisation(actor, plan.organisation), "Only the organisation's HR admins.")
    # Candidates may come from anywhere the actor can see: their own staff or consenting pool members.
    visible = (
        access.people(actor).filter(pk=person.pk).exists()
        or access.pool_members(actor).filter(person=person).exists()
    )
    require(visible, "Not found.")
    with audit_context(actor=actor):
        candidate, _ = SuccessionCandidate.objects.update_or_create(
            plan=plan, person=person, defaults={"readiness": readiness, "added_by": actor}
        )
    return candidate


@transaction.atomic
def succession_candidate_readiness(
    *, actor: User, candidate: SuccessionCandidate, readiness: str, reason: str
) -> SuccessionCandidate:
    """A candidate's readiness changes; the history keeps each change, who made it and why."""
    require(access.can_manage_organisation(actor, candidate.plan.organisation),
            "Only the organisation's HR admins.")
    if readiness not in Readiness.values:
        raise ValidationError({"readiness": "Choose a readiness."})
    if readiness == candidate.readiness:
        raise ValidationError({"readiness": "That is the candidate's readiness already."})
    reason = required_reason(reason)
    with audit_context(actor=actor, reason=reason):
        candidate.readiness = readiness
        candidate.save(update_fields=["readiness"])
    return candidate


@transaction.atomic
def succession_candidate_remove(*, actor: User, candidate: SuccessionCandidate, reason: str) -> None:
    require(access.can_manage_organisation(actor, candidate.plan.organisation),
            "Only the organisation's HR admins.")
    reason = required_reason(reason)
    with audit_context(actor=actor, reason=reason):
        candidate.delete()
