"""Every write in the talent pool. Keyword-only, atomic, taking the acting user; each checks the actor.

Membership decisions write a MembershipDecision (who, why) and run inside an audit context, so the
pghistory event on PoolMembership carries the same actor.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from leadership import numbers
from leadership.audit import audit_context
from leadership.dates import add_months, require_dates_in_range
from leadership.models import Organisation, OrganisationKind, Person, User
from leadership.notifications import notify
from talentpool import access, selectors
from talentpool.models import (
    GRADUATE_BASELINE_MAX,
    INTAKE_YEARS,
    MINIMUM_TERM_MONTHS,
    EligibilityPrompt,
    GraduateCohort,
    GraduateSchemeSettings,
    GraduateTrainee,
    MembershipDecision,
    Placement,
    PoolMembership,
    Rating,
    ReviewPlacement,
    Secondment,
    SeniorContract,
    Shortlisting,
    SuccessionCandidate,
    SuccessionPlan,
    TalentPool,
    TalentReview,
)

Status = PoolMembership.Status
CONTRACT_WARNING = timedelta(days=183)  # "6 months before a minimum term ends"


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise PermissionDenied(message)


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why: every decision records its reason."})
    return reason


def _link(membership: PoolMembership) -> str:
    return reverse("talentpool:membership_detail", args=[membership.public_id])


# Pools and membership


@transaction.atomic
def pool_create(*, actor: User, organisation: Organisation, name: str, description: str = "") -> TalentPool:
    """An organisation's own pool, made by its HR admins."""
    _require(access.can_manage_organisation(actor, organisation), "Only the organisation's HR admins.")
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Give the pool a name."})
    if TalentPool.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": "A pool with this name already exists: choose another name."})
    return TalentPool.objects.create(
        kind=TalentPool.Kind.ORGANISATION, owner=organisation, name=name, description=description
    )


@transaction.atomic
def regional_pools_ensure() -> int:
    """An aspiring-directors pool for every NHS England region (idempotent)."""
    created = 0
    for region in selectors.regions():
        _, made = TalentPool.objects.get_or_create(
            kind=TalentPool.Kind.ASPIRING_DIRECTORS,
            region=region,
            defaults={
                "name": f"Aspiring directors: {region.name}",
                "description": "Future directors in the region.",
            },
        )
        created += made
    return created


def nomination_route(*, actor: User, person: Person) -> str | None:
    """How the actor may nominate the person, or None if they may not."""
    own = access.own_person(actor)
    if own is not None and own.pk == person.pk:
        return PoolMembership.Route.SELF
    if access.is_home_hr_admin(actor, person):
        return PoolMembership.Route.HR_ADMIN
    if access.reports(actor).filter(pk=person.pk).exists():
        return PoolMembership.Route.LINE_MANAGER
    return None


@transaction.atomic
def membership_nominate(*, actor: User, pool: TalentPool, person: Person, rationale: str) -> PoolMembership:
    route = nomination_route(actor=actor, person=person)
    _require(route is not None, "Only the person, their line manager or their HR admin may nominate them.")
    rationale = (rationale or "").strip()
    if not rationale:
        raise ValidationError({"rationale": "Give the rationale for the nomination."})
    if pool.owner_id is not None and pool.owner_id != person.organisation_id:
        raise ValidationError({"pool": "This pool is for another organisation's staff."})
    if not pool.active:
        raise ValidationError({"pool": "This pool is closed."})
    if PoolMembership.objects.filter(
        pool=pool, person=person, status__in=PoolMembership.OPEN_STATUSES
    ).exists():
        raise ValidationError({"person": f"{person} is already nominated to or in this pool."})
    with audit_context(actor=actor):
        membership = PoolMembership.objects.create(
            pool=pool, person=person, route=route, nominated_by=actor, rationale=rationale
        )
        MembershipDecision.objects.create(
            membership=membership, actor=actor, to_status=Status.NOMINATED, reason=rationale
        )
    for admin in access.hr_admin_users([person.organisation_id]).exclude(pk=actor.pk):
        notify(
            recipient=admin,
            key=f"talent:nominated:{membership.public_id}:{admin.public_id}",
            kind="talent_nomination",
            title=f"{person} was nominated to the {pool}",
            body="Review the nomination in the talent pool.",
            link=_link(membership),
        )
    return membership


# Allowed moves: from -> {to: who may make it ("hr" home HR admin, "member" the person themselves)}.
TRANSITIONS = {
    Status.NOMINATED: {
        Status.UNDER_REVIEW: {"hr"},
        Status.ACTIVE: {"hr"},
        Status.WITHDRAWN: {"hr", "member"},
    },
    Status.UNDER_REVIEW: {Status.ACTIVE: {"hr"}, Status.WITHDRAWN: {"hr", "member"}},
    Status.ACTIVE: {Status.PLACED: {"hr"}, Status.WITHDRAWN: {"hr", "member"}},
}


def allowed_transitions(*, actor: User, membership: PoolMembership) -> list[str]:
    roles = set()
    if access.is_home_hr_admin(actor, membership.person):
        roles.add("hr")
    own = access.own_person(actor)
    if own is not None and own.pk == membership.person_id:
        roles.add("member")
    return [to for to, who in TRANSITIONS.get(membership.status, {}).items() if who & roles]


@transaction.atomic
def membership_transition(
    *, actor: User, membership: PoolMembership, to_status: str, reason: str
) -> PoolMembership:
    membership = (
        PoolMembership.objects.select_for_update(of=("self",))
        .select_related("person", "pool")
        .get(pk=membership.pk)
    )
    if to_status not in TRANSITIONS.get(membership.status, {}):
        raise ValidationError(
            f"A {membership.get_status_display().lower()} membership cannot become "
            f"{Status(to_status).label.lower() if to_status in Status.values else to_status}."
        )
    _require(
        to_status in allowed_transitions(actor=actor, membership=membership),
        "You may not make this decision.",
    )
    reason = _reason(reason)
    today = timezone.localdate()
    previous = membership.status
    membership.status = to_status
    if to_status == Status.ACTIVE:
        membership.joined_on = membership.last_reviewed_on = today
    if to_status in (Status.PLACED, Status.WITHDRAWN):
        membership.ended_on = today
    with audit_context(actor=actor):
        membership.save(update_fields=["status", "joined_on", "last_reviewed_on", "ended_on"])
        MembershipDecision.objects.create(
            membership=membership, actor=actor, from_status=previous, to_status=to_status, reason=reason
        )
    if membership.person.user_id and membership.person.user_id != actor.pk:
        notify(
            recipient=membership.person.user,
            key=f"talent:{to_status}:{membership.public_id}:{today}",
            kind="talent_decision",
            title=f"Your {membership.pool} membership is now {membership.get_status_display().lower()}",
            body=reason,
            link=_link(membership),
        )
    return membership


@transaction.atomic
def membership_review(*, actor: User, membership: PoolMembership, reason: str) -> PoolMembership:
    """The annual review: an active member stays active for another year."""
    _require(access.is_home_hr_admin(actor, membership.person),
             "Only the member's HR admins review membership.")
    if membership.status != Status.ACTIVE:
        raise ValidationError("Only an active membership is reviewed.")
    reason = _reason(reason)
    membership.last_reviewed_on = timezone.localdate()
    with audit_context(actor=actor):
        membership.save(update_fields=["last_reviewed_on"])
        MembershipDecision.objects.create(
            membership=membership,
            actor=actor,
            from_status=Status.ACTIVE,
            to_status=Status.ACTIVE,
            reason=f"Annual review: {reason}",
        )
    return membership


def can_edit_profile(*, actor: User, membership: PoolMembership) -> bool:
    own = access.own_person(actor)
    return (access.is_home_hr_admin(actor, membership.person)
            or (own is not None and own.pk == membership.person_id))


@transaction.atomic
def membership_profile_update(
    *,
    actor: User,
    membership: PoolMembership,
    readiness: str,
    aspirations: str,
    qualifications: str,
    consent_to_share: bool,
    mobility_regions: list[Organisation],
) -> PoolMembership:
    _require(
        can_edit_profile(actor=actor, membership=membership),
        "Only the member and their HR admins edit the pool profile.",
    )
    if any(region.kind != OrganisationKind.REGION for region in mobility_regions):
        raise ValidationError({"mobility_regions": "Choose NHS England regions."})
    membership.readiness, membership.aspirations = readiness, aspirations
    membership.qualifications, membership.consent_to_share = qualifications, consent_to_share
    with audit_context(actor=actor):
        membership.save(update_fields=["readiness", "aspirations", "qualifications", "consent_to_share"])
        membership.mobility_regions.set(mobility_regions)
    return membership


@transaction.atomic
def membership_shortlist(
    *, actor: User, membership: PoolMembership, organisation: Organisation, vacancy: str, reason: str
) -> Shortlisting:
    """An HR admin of any organisation puts a visible, active member forward for a vacancy."""
    _require(access.can_manage_organisation(actor, organisation), "Only the vacancy's HR admins shortlist.")
    _require(access.pool_members(actor).filter(pk=membership.pk).exists(), "Not found.")
    if membership.status != Status.ACTIVE:
        raise ValidationError("Only an active member can be shortlisted.")
    reason = _reason(reason)
    if Shortlisting.objects.filter(
        membership=membership, organisation=organisation, vacancy=vacancy
    ).exists():
        raise ValidationError({"vacancy": "This member is already shortlisted for that vacancy."})
    shortlisting = Shortlisting.objects.create(
        membership=membership, organisation=organisation, vacancy=vacancy, reason=reason, shortlisted_by=actor
    )
    person = membership.person
    recipients = list(access.hr_admin_users([person.organisation_id]).exclude(pk=actor.pk))
    if person.user_id:
        recipients.append(person.user)
    for recipient in recipients:
        notify(
            recipient=recipient,
            key=f"talent:shortlisted:{shortlisting.public_id}:{recipient.public_id}",
            kind="talent_shortlisted",
            title=f"{person} was shortlisted for {vacancy}",
            body=f"{organisation.name} shortlisted {person} from the {membership.pool}.",
            link=_link(membership),
        )
    return shortlisting


# The sweep: beat runs it every few minutes; each part is safe to run twice or concurrently.


def lapse_sweep(*, today: date | None = None) -> int:
    today = today or timezone.localdate()
    lapsed = 0
    while True:
        with transaction.atomic():
            due = list(
                selectors.members_due_to_lapse(today)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("person__user", "pool")[:200]
            )
            if not due:
                return lapsed
            for membership in due:
                with audit_context(actor=None, source="task"):
                    membership.status, membership.ended_on = Status.LAPSED, today
                    membership.save(update_fields=["status", "ended_on"])
                    MembershipDecision.objects.create(
                        membership=membership,
                        actor=None,
                        from_status=Status.ACTIVE,
                        to_status=Status.LAPSED,
                        reason="Not reviewed for a year: membership lapsed at its annual review date.",
                    )
                recipients = list(access.hr_admin_users([membership.person.organisation_id]))
                if membership.person.user_id:
                    recipients.append(membership.person.user)
                for recipient in recipients:
                    notify(
                        recipient=recipient,
                        key=f"talent:lapsed:{membership.public_id}:{recipient.public_id}",
                        kind="talent_lapsed",
                        title=f"{membership.person}'s {membership.pool} membership lapsed",
                        body="It was not reviewed for a year. An HR admin can nominate again.",
                        link=_link(membership),
                    )
                lapsed += 1


def eligibility_sweep() -> int:
    """Tell HR admins once when a person becomes eligible for the national pool."""
    prompted = 0
    people = list(selectors.people_newly_eligible().select_related("organisation")[:500])
    link = reverse("talentpool:nominate")
    for person in people:
        with transaction.atomic():
            _, created = EligibilityPrompt.objects.get_or_create(person=person)
            if not created:
                continue
            for admin in access.hr_admin_users([person.organisation_id]):
                notify(
                    recipient=admin,
                    key=f"talent:eligible:{person.public_id}:{admin.public_id}",
                    kind="talent_eligible",
                    title=f"{person} is eligible for the national senior pool",
                    body="They hold the accredited senior-manager qualification. Consider nominating them.",
                    link=f"{link}?person={person.public_id}",
                )
            prompted += 1
    return prompted


def contract_alert_sweep(*, today: date | None = None) -> int:
    """Alert national admins 6 months before a minimum term ends, and when an assessment is overdue."""
    today = today or timezone.localdate()
    sent = 0
    ending = SeniorContract.objects.filter(
        minimum_term_ends_on__lte=today + CONTRACT_WARNING, minimum_term_ends_on__gte=today
    ).select_related("person")
    overdue = SeniorContract.objects.filter(next_assessment_due__lt=today).select_related("person")
    admins = list(access.national_admin_users())
    for contract in ending:
        for admin in admins:
            sent += (
                notify(
                    recipient=admin,
                    key=f"talent:contract-term:{contract.public_id}:{contract.minimum_term_ends_on}"
                    f":{admin.public_id}",
                    kind="senior_contract_term",
                    title=f"Minimum term ends {contract.minimum_term_ends_on:%-d %B %Y}: {contract.person}",
                    body=f"{contract.post}. Six months' notice of the end of the minimum term.",
                    link=reverse("talentpool:contract_detail", args=[contract.public_id]),
                )
                is not None
            )
    for contract in overdue:
        for admin in admins:
            sent += (
                notify(
                    recipient=admin,
                    key=f"talent:contract-assessment:{contract.public_id}:{contract.next_assessment_due}"
                    f":{admin.public_id}",
                    kind="senior_contract_assessment",
                    title=f"Assessment overdue: {contract.person}",
                    body=f"{contract.post}: assessment due {contract.next_assessment_due:%-d %B %Y}.",
                    link=reverse("talentpool:contract_detail", args=[contract.public_id]),
                )
                is not None
            )
    return sent


def sweep() -> dict:
    return {
        "lapsed": lapse_sweep(),
        "eligible": eligibility_sweep(),
        "contract_alerts": contract_alert_sweep(),
        "regional_pools": regional_pools_ensure(),
    }


# Talent reviews and succession


@transaction.atomic
def talent_review_create(
    *, actor: User, organisation: Organisation, title: str, held_on: date
) -> TalentReview:
    _require(access.can_manage_organisation(actor, organisation), "Only the organisation's HR admins.")
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
    _require(access.can_manage_organisation(actor, review.organisation), "Only the organisation's HR admins.")
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
    _require(access.can_manage_organisation(actor, review.organisation), "Only the organisation's HR admins.")
    if review.status != TalentReview.Status.OPEN:
        raise ValidationError("This review is already decided.")
    review.decision = _reason(decision)
    review.status, review.decided_by, review.decided_at = TalentReview.Status.DECIDED, actor, timezone.now()
    review.save(update_fields=["decision", "status", "decided_by", "decided_at"])
    _actions_to_development_plans(review, actor)
    return review


@transaction.atomic
def succession_plan_create(
    *, actor: User, organisation: Organisation, post: str, holder: Person | None = None, notes: str = ""
) -> SuccessionPlan:
    _require(access.can_manage_organisation(actor, organisation), "Only the organisation's HR admins.")
    if holder is not None and holder.organisation_id != organisation.id:
        raise ValidationError({"holder": "The post holder must work in the organisation."})
    if SuccessionPlan.objects.filter(organisation=organisation, post=post).exists():
        raise ValidationError({"post": "There is already a plan for this post."})
    return SuccessionPlan.objects.create(organisation=organisation, post=post, holder=holder, notes=notes)


@transaction.atomic
def succession_candidate_add(
    *, actor: User, plan: SuccessionPlan, person: Person, readiness: str
) -> SuccessionCandidate:
    _require(access.can_manage_organisation(actor, plan.organisation), "Only the organisation's HR admins.")
    # Candidates may come from anywhere the actor can see: their own staff or consenting pool members.
    visible = (
        access.people(actor).filter(pk=person.pk).exists()
        or access.pool_members(actor).filter(person=person).exists()
    )
    _require(visible, "Not found.")
    candidate, _ = SuccessionCandidate.objects.update_or_create(
        plan=plan, person=person, defaults={"readiness": readiness, "added_by": actor}
    )
    return candidate


# Graduate scheme


@transaction.atomic
def cohort_create(*, actor: User, intake_year: int, pathway: str) -> GraduateCohort:
    _require(access.sees_every_organisation(actor), "Cohorts are run nationally.")
    numbers.require_count(intake_year, field="intake_year", minimum=INTAKE_YEARS[0], maximum=INTAKE_YEARS[1])
    cohort, _ = GraduateCohort.objects.get_or_create(intake_year=intake_year, pathway=pathway)
    return cohort


@transaction.atomic
def trainee_enrol(*, actor: User, cohort: GraduateCohort, person: Person) -> GraduateTrainee:
    _require(
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
    _require(access.may_run_trainee(actor, trainee), "Only the trainee's HR admins or the national team.")
    require_dates_in_range(starts_on=starts_on, ends_on=ends_on)
    if ends_on <= starts_on:
        raise ValidationError({"ends_on": "The placement must end after it starts."})
    return Placement.objects.create(
        trainee=trainee, host=host, starts_on=starts_on, ends_on=ends_on, supervisor=supervisor
    )


@transaction.atomic
def placement_review(*, actor: User, placement: Placement, review: str) -> Placement:
    _require(access.may_run_trainee(actor, placement.trainee),
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
    _require(access.may_run_trainee(actor, trainee), "Only the trainee's HR admins or the national team.")
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
    _require(access.may_run_trainee(actor, trainee), "Only the trainee's HR admins or the national team.")
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
    _require(access.is_national_admin(actor), "Only national admins set the scheme's baseline.")
    numbers.require_count(
        baseline_2015_intake, field="baseline_2015_intake", minimum=1, maximum=GRADUATE_BASELINE_MAX
    )
    settings = GraduateSchemeSettings.current()
    settings.baseline_2015_intake = baseline_2015_intake
    settings.save(update_fields=["baseline_2015_intake"])


# Secondments and senior contracts


@transaction.atomic
def secondment_create(
    *,
    actor: User,
    person: Person,
    direction: str,
    external_sector: str,
    external_organisation: str,
    starts_on: date,
    ends_on: date,
    purpose: str,
) -> Secondment:
    _require(access.is_home_hr_admin(actor, person), "Only the person's HR admins record secondments.")
    require_dates_in_range(starts_on=starts_on, ends_on=ends_on)
    if ends_on <= starts_on:
        raise ValidationError({"ends_on": "The secondment must end after it starts."})
    return Secondment.objects.create(
        organisation=person.organisation,
        person=person,
        direction=direction,
        external_sector=external_sector,
        external_organisation=external_organisation,
        starts_on=starts_on,
        ends_on=ends_on,
        purpose=purpose,
        created_by=actor,
    )


@transaction.atomic
def secondment_record_outcome(*, actor: User, secondment: Secondment, outcome: str) -> Secondment:
    _require(access.is_home_hr_admin(actor, secondment.person),
             "Only the person's HR admins record secondments.")
    secondment.outcome = outcome
    secondment.save(update_fields=["outcome"])
    return secondment


@transaction.atomic
def senior_contract_create(
    *,
    actor: User,
    person: Person,
    post: str,
    starts_on: date,
    minimum_term_months: int,
    next_assessment_due: date,
    ends_on: date | None = None,
    next_appraisal_due: date | None = None,
    notes: str = "",
) -> SeniorContract:
    _require(access.is_national_admin(actor), "The contracts register is for national admins.")
    require_dates_in_range(
        starts_on=starts_on,
        next_assessment_due=next_assessment_due,
        ends_on=ends_on,
        next_appraisal_due=next_appraisal_due,
    )
    numbers.require_count(
        minimum_term_months,
        field="minimum_term_months",
        minimum=MINIMUM_TERM_MONTHS[0],
        maximum=MINIMUM_TERM_MONTHS[1],
    )
    return SeniorContract.objects.create(
        person=person,
        organisation=person.organisation,
        post=post,
        starts_on=starts_on,
        minimum_term_months=minimum_term_months,
        minimum_term_ends_on=add_months(starts_on, minimum_term_months),
        ends_on=ends_on,
        next_assessment_due=next_assessment_due,
        next_appraisal_due=next_appraisal_due,
        notes=notes,
    )


@transaction.atomic
def senior_contract_assessed(
    *, actor: User, contract: SeniorContract, assessed_on: date, next_assessment_due: date
) -> SeniorContract:
    _require(access.is_national_admin(actor), "The contracts register is for national admins.")
    require_dates_in_range(assessed_on=assessed_on, next_assessment_due=next_assessment_due)
    if next_assessment_due <= assessed_on:
        raise ValidationError({"next_assessment_due": "The next assessment must come after this one."})
    contract.last_assessed_on, contract.next_assessment_due = assessed_on, next_assessment_due
    contract.save(update_fields=["last_assessed_on", "next_assessment_due"])
    return contract
