"""Pools and membership (R8, R19): nominations, decisions, annual reviews, profiles and shortlisting.

Membership decisions write a MembershipDecision (who, why) and run inside an audit context, so the
pghistory event on PoolMembership carries the same actor.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from leadership.audit import audit_context
from leadership.models import Organisation, OrganisationKind, Person, User
from leadership.notifications import Message, notify, notify_many
from talentpool import access, selectors
from talentpool.models import (
    MembershipDecision,
    NationalPoolException,
    PoolMembership,
    Shortlisting,
    TalentPool,
)
from talentpool.services.shared import Status, membership_link, require, required_reason


@transaction.atomic
def pool_create(*, actor: User, organisation: Organisation, name: str, description: str = "") -> TalentPool:
    """An organisation's own pool, made by its HR admins."""
    require(access.can_manage_organisation(actor, organisation), "Only the organisation's HR admins.")
    name = _unique_name(name)
    return TalentPool.objects.create(
        kind=TalentPool.Kind.ORGANISATION, owner=organisation, name=name, description=description
    )


def _unique_name(name: str, *, pool: TalentPool | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Give the pool a name."})
    others = TalentPool.objects.filter(name__iexact=name)
    if pool is not None:
        others = others.exclude(pk=pool.pk)
    if others.exists():
        raise ValidationError({"name": "A pool with this name already exists: choose another name."})
    return name


@transaction.atomic
def pool_update(*, actor: User, pool: TalentPool, name: str, description: str = "") -> TalentPool:
    """Rename a pool or change what it is for (its owner's HR admins; national admins for any)."""
    require(access.may_manage_pool(actor, pool), "Only the pool's HR admins or a national admin.")
    if not pool.active:
        raise ValidationError("This pool is closed: it can no longer be changed.")
    pool.name, pool.description = _unique_name(name, pool=pool), description
    with audit_context(actor=actor):
        pool.save(update_fields=["name", "description"])
    return pool


@transaction.atomic
def pool_close(*, actor: User, pool: TalentPool, reason: str) -> int:
    """Close a pool: every open membership ends (lapsed, with the reason) and its member is told.
    Returns how many memberships ended."""
    pool = TalentPool.objects.select_for_update().get(pk=pool.pk)
    require(access.may_manage_pool(actor, pool), "Only the pool's HR admins or a national admin.")
    if not pool.active:
        raise ValidationError("This pool is already closed.")
    reason = required_reason(reason)
    today = timezone.localdate()
    with audit_context(actor=actor):
        pool.active, pool.closed_on, pool.closed_reason = False, today, reason
        pool.save(update_fields=["active", "closed_on", "closed_reason"])
    open_ones = (PoolMembership.objects.select_for_update(of=("self",)).select_related("person__user")
                 .filter(pool=pool, status__in=PoolMembership.OPEN_STATUSES))
    messages, ended = [], 0
    for membership in open_ones:
        membership_lapse(actor=actor, membership=membership, reason=f"The pool closed: {reason}", today=today)
        ended += 1
        if membership.person.user_id:
            messages.append(Message(
                recipient=membership.person.user,
                key=f"talent:pool_closed:{pool.public_id}:{membership.public_id}",
                kind="talent_decision",
                title=f"The {pool} has closed",
                body=f"Your membership has ended. {reason}",
                link=membership_link(membership),
            ))
    notify_many(messages)
    return ended


@transaction.atomic
def national_pool_exception_grant(*, actor: User, person: Person, reason: str) -> NationalPoolException:
    """A national admin lets someone without the accredited senior qualification be nominated to the
    national senior pool (R8); the reason and who agreed are kept."""
    require(access.may_grant_pool_exceptions(actor), "Only national admins record exceptions.")
    reason = required_reason(reason)
    if selectors.is_eligible_for_national_pool(person):
        raise ValidationError({"person": f"{person} holds the qualification: no exception is needed."})
    if NationalPoolException.objects.filter(person=person).exists():
        raise ValidationError({"person": f"{person} already has an exception."})
    with audit_context(actor=actor):
        return NationalPoolException.objects.create(person=person, reason=reason, granted_by=actor)


def may_join_national_pool(person: Person) -> bool:
    """R8: the accredited senior-manager qualification, or a national admin's recorded exception."""
    return (selectors.is_eligible_for_national_pool(person)
            or NationalPoolException.objects.filter(person=person).exists())


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
    require(route is not None, "Only the person, their line manager or their HR admin may nominate them.")
    rationale = (rationale or "").strip()
    if not rationale:
        raise ValidationError({"rationale": "Give the rationale for the nomination."})
    if pool.owner_id is not None and pool.owner_id != person.organisation_id:
        raise ValidationError({"pool": "This pool is for another organisation's staff."})
    if not pool.active:
        raise ValidationError({"pool": "This pool is closed."})
    if pool.kind == TalentPool.Kind.NATIONAL_SENIOR and not may_join_national_pool(person):
        raise ValidationError({"person": (
            f"{person} does not hold the accredited senior-manager qualification, which the national "
            "senior pool requires. A national admin may record an exception with a reason.")})
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
            link=membership_link(membership),
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
    require(
        to_status in allowed_transitions(actor=actor, membership=membership),
        "You may not make this decision.",
    )
    reason = required_reason(reason)
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
            link=membership_link(membership),
        )
    return membership


def membership_lapse(*, actor: User | None, membership: PoolMembership, reason: str,
                     source: str | None = None, today: date | None = None) -> PoolMembership:
    """End an open membership as lapsed, with its reason: at the annual review date (the sweep) or when
    the member leaves their organisation. The caller holds the row and decides who is told."""
    today = today or timezone.localdate()
    previous = membership.status
    with audit_context(actor=actor, source=source):
        membership.status, membership.ended_on = Status.LAPSED, today
        membership.save(update_fields=["status", "ended_on"])
        MembershipDecision.objects.create(
            membership=membership, actor=actor, from_status=previous, to_status=Status.LAPSED, reason=reason)
    return membership


def memberships_lapse_claimed(*, ids: list[int], reason: str, source: str, today: date) -> None:
    """`membership_lapse` for many active memberships the caller holds (the annual sweep): one UPDATE
    and one INSERT of their decisions, under one audit context, so each pghistory event has it."""
    with audit_context(actor=None, source=source):
        PoolMembership.objects.filter(id__in=ids).update(status=Status.LAPSED, ended_on=today)
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO talentpool_membershipdecision (membership_id, actor_id, from_status, to_status,"
                " reason, created_at) SELECT id, NULL, %s, %s, %s, %s FROM unnest(%s::bigint[]) AS id",
                [Status.ACTIVE.value, Status.LAPSED.value, reason, timezone.now(), ids])


@transaction.atomic
def memberships_lapse_for_leaver(*, actor: User, person: Person, reason: str) -> int:
    """The leaver's open memberships (nominated, under review, active) lapse with the leaving reason."""
    open_ones = PoolMembership.objects.select_for_update().filter(
        person=person, status__in=PoolMembership.OPEN_STATUSES)
    lapsed = 0
    for membership in open_ones:
        membership_lapse(actor=actor, membership=membership, reason=f"Left the organisation: {reason}")
        lapsed += 1
    return lapsed


def on_person_left(sender, *, person: Person, actor: User, reason: str, **kwargs) -> None:
    """The receiver of leadership.events.person_left (connected in TalentpoolConfig.ready)."""
    memberships_lapse_for_leaver(actor=actor, person=person, reason=reason)


@transaction.atomic
def membership_review(*, actor: User, membership: PoolMembership, reason: str) -> PoolMembership:
    """The annual review: an active member stays active for another year."""
    require(access.is_home_hr_admin(actor, membership.person),
             "Only the member's HR admins review membership.")
    if membership.status != Status.ACTIVE:
        raise ValidationError("Only an active membership is reviewed.")
    reason = required_reason(reason)
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
    require(
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
    require(access.can_manage_organisation(actor, organisation), "Only the vacancy's HR admins shortlist.")
    require(access.pool_members(actor).filter(pk=membership.pk).exists(), "Not found.")
    if membership.status != Status.ACTIVE:
        raise ValidationError("Only an active member can be shortlisted.")
    reason = required_reason(reason)
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
            link=membership_link(membership),
        )
    return shortlisting
