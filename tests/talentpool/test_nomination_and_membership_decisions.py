"""Nomination and every membership decision, by the right and the wrong actor."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from leadership.models import Notification
from talentpool import services
from talentpool.models import MembershipDecision, PoolMembership, TalentPool
from tests.factories import user_with_person
from tests.talentpool.factories import qualify

pytestmark = pytest.mark.django_db
Status = PoolMembership.Status


def test_a_line_manager_nominates_a_report_and_the_hr_admin_is_told(
    same_org_manager, same_org_hr_admin, nominee, pool
):
    membership = services.membership_nominate(
        actor=same_org_manager, pool=pool, person=nominee, rationale="Runs the best ward in the trust"
    )
    assert membership.status == Status.NOMINATED
    assert membership.route == PoolMembership.Route.LINE_MANAGER
    decision = membership.decisions.get()
    assert (decision.actor, decision.to_status, decision.reason) == (
        same_org_manager,
        Status.NOMINATED,
        "Runs the best ward in the trust",
    )
    assert Notification.objects.filter(recipient=same_org_hr_admin, kind="talent_nomination").exists()


def test_anyone_may_nominate_themselves_but_only_with_a_rationale(same_org_manager, pool):
    qualify(same_org_manager.person)
    with pytest.raises(ValidationError):
        services.membership_nominate(
            actor=same_org_manager, pool=pool, person=same_org_manager.person, rationale="  "
        )
    membership = services.membership_nominate(
        actor=same_org_manager, pool=pool, person=same_org_manager.person, rationale="Ready to step up"
    )
    assert membership.route == PoolMembership.Route.SELF


def test_another_trusts_hr_admin_cannot_nominate(other_org_hr_admin, nominee, pool):
    with pytest.raises(PermissionDenied):
        services.membership_nominate(actor=other_org_hr_admin, pool=pool, person=nominee, rationale="x")


def test_a_person_cannot_be_nominated_twice_to_the_same_pool(same_org_hr_admin, nominee, pool):
    services.membership_nominate(actor=same_org_hr_admin, pool=pool, person=nominee, rationale="x")
    with pytest.raises(ValidationError):
        services.membership_nominate(actor=same_org_hr_admin, pool=pool, person=nominee, rationale="y")


def test_an_organisation_pool_takes_only_its_own_staff(same_org_hr_admin, other_org, nominee):
    foreign_pool = TalentPool.objects.create(
        kind=TalentPool.Kind.ORGANISATION, owner=other_org, name="Theirs"
    )
    with pytest.raises(ValidationError):
        services.membership_nominate(
            actor=same_org_hr_admin, pool=foreign_pool, person=nominee, rationale="x"
        )


def test_the_hr_admin_reviews_and_approves_recording_who_and_why(
    same_org_hr_admin, same_org_manager, nominee, pool
):
    membership = services.membership_nominate(
        actor=same_org_manager, pool=pool, person=nominee, rationale="x"
    )
    services.membership_transition(
        actor=same_org_hr_admin,
        membership=membership,
        to_status=Status.UNDER_REVIEW,
        reason="Panel on Monday",
    )
    membership = services.membership_transition(
        actor=same_org_hr_admin, membership=membership, to_status=Status.ACTIVE, reason="Panel agreed"
    )
    assert membership.status == Status.ACTIVE and membership.joined_on and membership.last_reviewed_on
    assert list(membership.decisions.values_list("to_status", "actor", "reason")) == [
        (Status.ACTIVE, same_org_hr_admin.pk, "Panel agreed"),
        (Status.UNDER_REVIEW, same_org_hr_admin.pk, "Panel on Monday"),
        (Status.NOMINATED, same_org_manager.pk, "x"),
    ]
    event = membership.events.order_by("-pgh_id").first()
    assert event.pgh_context.metadata["user"] == same_org_hr_admin.pk


@pytest.mark.parametrize("actor_name", ["same_org_manager", "other_org_hr_admin"])
def test_only_the_home_hr_admin_may_approve(request, actor_name, same_org_hr_admin, nominee, pool):
    membership = services.membership_nominate(
        actor=same_org_hr_admin, pool=pool, person=nominee, rationale="x"
    )
    with pytest.raises(PermissionDenied):
        services.membership_transition(
            actor=request.getfixturevalue(actor_name),
            membership=membership,
            to_status=Status.ACTIVE,
            reason="Looks good",
        )
    membership.refresh_from_db()
    assert membership.status == Status.NOMINATED
    assert MembershipDecision.objects.filter(membership=membership).count() == 1


def test_a_decision_needs_a_reason(same_org_hr_admin, nominee, pool):
    membership = services.membership_nominate(
        actor=same_org_hr_admin, pool=pool, person=nominee, rationale="x"
    )
    with pytest.raises(ValidationError):
        services.membership_transition(
            actor=same_org_hr_admin, membership=membership, to_status=Status.ACTIVE, reason=""
        )


def test_an_impossible_move_is_refused(same_org_hr_admin, make_member, same_org):
    membership = make_member(organisation=same_org, status=Status.WITHDRAWN)
    with pytest.raises(ValidationError):
        services.membership_transition(
            actor=same_org_hr_admin, membership=membership, to_status=Status.ACTIVE, reason="Back again"
        )


def test_the_member_may_withdraw_themselves_but_not_approve_themselves(same_org, pool):
    member = user_with_person(same_org, first_name="Wendy")
    qualify(member.person)
    membership = services.membership_nominate(actor=member, pool=pool, person=member.person, rationale="Me")
    assert services.allowed_transitions(actor=member, membership=membership) == [Status.WITHDRAWN]
    with pytest.raises(PermissionDenied):
        services.membership_transition(
            actor=member, membership=membership, to_status=Status.ACTIVE, reason="x"
        )
    services.membership_transition(
        actor=member, membership=membership, to_status=Status.WITHDRAWN, reason="Not this year"
    )
    membership.refresh_from_db()
    assert membership.status == Status.WITHDRAWN and membership.ended_on


def test_placing_an_active_member_tells_them(same_org_hr_admin, same_org, make_member):
    member = user_with_person(same_org, first_name="Pat")
    membership = make_member(member.person)
    services.membership_transition(
        actor=same_org_hr_admin,
        membership=membership,
        to_status=Status.PLACED,
        reason="Appointed director of operations",
    )
    assert Notification.objects.filter(recipient=member, kind="talent_decision").exists()


def test_the_annual_review_is_for_the_home_hr_admin(
    same_org_hr_admin, other_org_hr_admin, same_org, make_member
):
    membership = make_member(organisation=same_org, consent=True)
    with pytest.raises(PermissionDenied):
        services.membership_review(actor=other_org_hr_admin, membership=membership, reason="Fine")
    services.membership_review(actor=same_org_hr_admin, membership=membership, reason="Still ready")
    membership.refresh_from_db()
    assert membership.last_reviewed_on > membership.joined_on or membership.last_reviewed_on


def test_the_pages_take_a_nomination_to_active(client_for, same_org_hr_admin, nominee, pool):
    client = client_for(same_org_hr_admin)
    response = client.post(
        reverse("talentpool:nominate"),
        {"pool": pool.public_id, "person": nominee.public_id, "rationale": "Excellent"},
    )
    membership = PoolMembership.objects.get(person=nominee)
    assert response.status_code == 302
    page = client.get(reverse("talentpool:membership_detail", args=[membership.public_id]))
    assert b"Record decision" in page.content
    client.post(
        reverse("talentpool:membership_decide", args=[membership.public_id]),
        {"to_status": "active", "reason": "Agreed"},
    )
    membership.refresh_from_db()
    assert membership.status == Status.ACTIVE


def test_a_profile_change_is_made_by_the_member_or_their_hr_admin(
    client_for, other_org_hr_admin, same_org, same_org_hr_admin, make_member
):
    membership = make_member(organisation=same_org, consent=True)
    url = reverse("talentpool:membership_profile", args=[membership.public_id])
    assert client_for(other_org_hr_admin).get(url).status_code == 404
    response = client_for(same_org_hr_admin).post(url, {"readiness": "ready_now", "aspirations": "COO"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.readiness, membership.consent_to_share) == ("ready_now", False)
