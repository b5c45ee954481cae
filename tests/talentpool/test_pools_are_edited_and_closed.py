"""Pools are edited and closed by their owner's HR admins (national admins for any pool); closing ends
every open membership with the reason and tells each member. Withdrawing asks for confirmation."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from leadership.models import Notification
from talentpool import services
from talentpool.models import MembershipDecision, PoolMembership, TalentPool
from tests.factories import user_with_person
from tests.talentpool.factories import PoolMembershipFactory, TalentPoolFactory

pytestmark = pytest.mark.django_db
Status = PoolMembership.Status


@pytest.fixture
def own_pool(same_org):
    return TalentPoolFactory(owner=same_org, name="Aspiring ward managers")


def test_the_owners_hr_admin_renames_the_pool(client_for, same_org_hr_admin, own_pool):
    url = reverse("talentpool:pool_edit", args=[own_pool.public_id])
    response = client_for(same_org_hr_admin).post(url, {"name": "Future ward leaders",
                                                        "description": "Band 6"})
    assert response.status_code == 302
    own_pool.refresh_from_db()
    assert (own_pool.name, own_pool.description) == ("Future ward leaders", "Band 6")
    assert own_pool.events.filter(pgh_label="update").exists()


def test_another_organisation_cannot_reach_the_edit_or_close_pages(client_for, other_org_hr_admin, own_pool):
    for name in ("talentpool:pool_edit", "talentpool:pool_close"):
        url = reverse(name, args=[own_pool.public_id])
        assert client_for(other_org_hr_admin).post(url, {"name": "Mine", "reason": "x", "confirm": "on"}) \
            .status_code == 404
    own_pool.refresh_from_db()
    assert own_pool.active and own_pool.name == "Aspiring ward managers"


def test_an_hr_admin_may_not_change_a_national_pool(same_org_hr_admin, pool):
    with pytest.raises(PermissionDenied):
        services.pool_update(actor=same_org_hr_admin, pool=pool, name="Mine")
    with pytest.raises(PermissionDenied):
        services.pool_close(actor=same_org_hr_admin, pool=pool, reason="Mine")


def test_a_duplicate_name_is_a_form_error(client_for, same_org_hr_admin, same_org, own_pool):
    TalentPoolFactory(owner=same_org, name="Taken")
    response = client_for(same_org_hr_admin).post(
        reverse("talentpool:pool_edit", args=[own_pool.public_id]), {"name": "taken"})
    assert response.status_code == 200 and b"already exists" in response.content


def test_closing_asks_for_confirmation_and_a_reason(client_for, same_org_hr_admin, own_pool):
    member = PoolMembershipFactory(pool=own_pool)
    url = reverse("talentpool:pool_close", args=[own_pool.public_id])
    page = client_for(same_org_hr_admin).get(url)
    assert b"1 open membership" in page.content
    refused = client_for(same_org_hr_admin).post(url, {"reason": "Merged"})
    assert refused.status_code == 200 and b"Confirm to continue" in refused.content
    own_pool.refresh_from_db()
    member.refresh_from_db()
    assert own_pool.active and member.status == Status.ACTIVE


def test_closing_ends_open_memberships_with_the_reason_and_tells_the_members(
    client_for, same_org_hr_admin, same_org, own_pool
):
    member_login = user_with_person(same_org, first_name="Mo")
    told = PoolMembershipFactory(pool=own_pool, person=member_login.person)
    nominated = PoolMembershipFactory(pool=own_pool, status=Status.NOMINATED)
    placed = PoolMembershipFactory(pool=own_pool, status=Status.PLACED)
    response = client_for(same_org_hr_admin).post(
        reverse("talentpool:pool_close", args=[own_pool.public_id]),
        {"reason": "Merged into the trust leadership pool", "confirm": "on"})
    assert response.status_code == 302
    own_pool.refresh_from_db()
    assert not own_pool.active and own_pool.closed_reason == "Merged into the trust leadership pool"
    for membership in (told, nominated):
        membership.refresh_from_db()
        assert membership.status == Status.LAPSED and membership.ended_on is not None
        decision = MembershipDecision.objects.filter(membership=membership).latest("id")
        assert decision.reason == "The pool closed: Merged into the trust leadership pool"
        assert decision.actor == same_org_hr_admin
    placed.refresh_from_db()
    assert placed.status == Status.PLACED
    assert Notification.objects.filter(recipient=member_login, kind="talent_decision").count() == 1
    with pytest.raises(ValidationError, match="closed"):
        services.pool_close(actor=same_org_hr_admin, pool=own_pool, reason="Again")


def test_nobody_is_nominated_to_a_closed_pool(same_org_hr_admin, same_org_manager, own_pool):
    services.pool_close(actor=same_org_hr_admin, pool=own_pool, reason="Done")
    own_pool.refresh_from_db()
    with pytest.raises(ValidationError, match="closed"):
        services.membership_nominate(actor=same_org_hr_admin, pool=own_pool,
                                     person=same_org_manager.person, rationale="x")
    assert TalentPool.objects.get(pk=own_pool.pk).closed_on is not None


def test_withdrawing_goes_through_a_confirmation_page(client_for, same_org_hr_admin, own_pool):
    membership = PoolMembershipFactory(pool=own_pool)
    client = client_for(same_org_hr_admin)
    detail = client.get(reverse("talentpool:membership_detail", args=[membership.public_id]))
    withdraw = reverse("talentpool:membership_withdraw", args=[membership.public_id])
    assert withdraw.encode() in detail.content and b'value="withdrawn"' not in detail.content
    refused = client.post(withdraw, {"reason": "Moved abroad"})
    assert b"Confirm to continue" in refused.content
    membership.refresh_from_db()
    assert membership.status == Status.ACTIVE
    assert client.post(withdraw, {"reason": "Moved abroad", "confirm": "on"}).status_code == 302
    membership.refresh_from_db()
    assert membership.status == Status.WITHDRAWN
    assert client.get(withdraw).status_code == 404  # nothing left to withdraw


def test_another_organisation_cannot_withdraw_a_member(client_for, other_org_hr_admin, own_pool):
    membership = PoolMembershipFactory(pool=own_pool, consent_to_share=True)
    url = reverse("talentpool:membership_withdraw", args=[membership.public_id])
    assert client_for(other_org_hr_admin).post(url, {"reason": "x", "confirm": "on"}).status_code == 404
    membership.refresh_from_db()
    assert membership.status == Status.ACTIVE
