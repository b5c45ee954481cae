"""Withdrawing a nomination is destructive: the decision form's choice is confirmed on a page of its
own (leadership.web.confirm_step) before anything is written."""

import pytest
from django.urls import reverse

from talentpool.models import PoolMembership

pytestmark = pytest.mark.django_db
Status = PoolMembership.Status


def test_choosing_withdraw_shows_a_confirmation_and_writes_nothing(client_for, same_org_hr_admin, same_org,
                                                                   make_member):
    membership = make_member(organisation=same_org, status=Status.NOMINATED)
    url = reverse("talentpool:membership_decide", args=[membership.public_id])
    response = client_for(same_org_hr_admin).post(url, {"to_status": "withdrawn", "reason": "Moved on"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "nominat" in html and "nhsuk-button--warning" in html and "Withdraw the nomination" in html
    assert '<input type="hidden" name="reason" value="Moved on">' in html
    assert '<input type="hidden" name="confirmed" value="yes">' in html
    membership.refresh_from_db()
    assert membership.status == Status.NOMINATED


def test_the_confirmed_withdrawal_is_recorded(client_for, same_org_hr_admin, same_org, make_member):
    membership = make_member(organisation=same_org, status=Status.NOMINATED)
    url = reverse("talentpool:membership_decide", args=[membership.public_id])
    response = client_for(same_org_hr_admin).post(
        url, {"to_status": "withdrawn", "reason": "Moved on", "confirmed": "yes"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == Status.WITHDRAWN


def test_other_decisions_need_no_confirmation(client_for, same_org_hr_admin, same_org, make_member):
    membership = make_member(organisation=same_org, status=Status.NOMINATED)
    url = reverse("talentpool:membership_decide", args=[membership.public_id])
    response = client_for(same_org_hr_admin).post(url, {"to_status": "under_review", "reason": "Panel"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == Status.UNDER_REVIEW
