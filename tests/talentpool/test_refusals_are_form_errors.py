"""One refusal policy on the talent pages (leadership.web).

An object outside the actor's reach is a 404. A rule the actor breaks inside their reach (the form is
invalid, or the service raises ValidationError or PermissionDenied) re-renders the page the form lives
on, status 200, with the NHS error summary, and writes nothing.
"""

from datetime import date

import pytest
from django.urls import reverse

from talentpool import services
from talentpool.models import MembershipDecision, PoolMembership, TalentPool, TalentReview
from tests.factories import user_with_person

pytestmark = pytest.mark.django_db

Status = PoolMembership.Status
SUMMARY = "nhsuk-error-summary"


def _decisions(membership) -> list:
    return list(MembershipDecision.objects.filter(membership=membership).values_list("pk", flat=True))


def _unchanged(membership, before) -> bool:
    status, reviewed, decisions = before
    membership.refresh_from_db()
    return (membership.status, membership.last_reviewed_on, _decisions(membership)) == (
        status, reviewed, decisions)


def _state(membership) -> tuple:
    return membership.status, membership.last_reviewed_on, _decisions(membership)


def _shows_the_membership_page_with(response, membership, message: str) -> None:
    body = response.content.decode()
    assert response.status_code == 200
    assert SUMMARY in body and message in body
    assert membership.pool.name in body and "<title>Error: " in body


@pytest.fixture
def review(same_org, same_org_hr_admin):
    return services.talent_review_create(
        actor=same_org_hr_admin, organisation=same_org, title="Spring", held_on=date(2025, 4, 1)
    )


def test_a_decision_without_a_reason_re_renders_the_membership_page_and_changes_nothing(
    client_for, same_org_hr_admin, same_org, make_member
):
    """
    GIVEN a nomination at the HR admin's own trust
    WHEN the HR admin decides "active" without a reason
    THEN the membership page comes back with the error summary, and the nomination is as it was
    """
    membership = make_member(organisation=same_org, status=Status.NOMINATED)
    before = _state(membership)
    response = client_for(same_org_hr_admin).post(
        reverse("talentpool:membership_decide", args=[membership.public_id]), {"to_status": "active"}
    )
    _shows_the_membership_page_with(response, membership, "This field is required.")
    assert 'name="to_status"' in response.content.decode()  # the form is there to correct
    assert _unchanged(membership, before)


def test_a_member_who_tries_to_activate_themselves_gets_a_form_error_and_nothing_changes(
    client_for, same_org, make_member
):
    member = user_with_person(same_org, first_name="Nadia")
    membership = make_member(member.person, status=Status.NOMINATED)
    before = _state(membership)
    response = client_for(member).post(
        reverse("talentpool:membership_decide", args=[membership.public_id]),
        {"to_status": "active", "reason": "I am ready"},
    )
    _shows_the_membership_page_with(response, membership, "Select a valid choice.")
    assert _unchanged(membership, before)


def test_another_trusts_hr_admin_who_sees_a_consenting_member_cannot_decide_on_them(
    client_for, other_org_hr_admin, same_org, make_member
):
    membership = make_member(organisation=same_org, consent=True)
    before = _state(membership)
    response = client_for(other_org_hr_admin).post(
        reverse("talentpool:membership_decide", args=[membership.public_id]),
        {"to_status": "withdrawn", "reason": "Not ours to say"},
    )
    _shows_the_membership_page_with(response, membership, "Select a valid choice.")
    assert _unchanged(membership, before)


def test_an_annual_review_without_notes_re_renders_the_membership_page(
    client_for, same_org_hr_admin, same_org, make_member
):
    membership = make_member(organisation=same_org)
    before = _state(membership)
    response = client_for(same_org_hr_admin).post(
        reverse("talentpool:membership_annual_review", args=[membership.public_id]), {"reason": " "}
    )
    _shows_the_membership_page_with(response, membership, "This field is required.")
    assert 'href="#annual_review_reason"' in response.content.decode()  # the summary links to its field
    assert _unchanged(membership, before)


def test_the_annual_review_of_a_nomination_is_the_services_refusal_shown_on_the_page(
    client_for, same_org_hr_admin, same_org, make_member
):
    membership = make_member(organisation=same_org, status=Status.NOMINATED)
    before = _state(membership)
    response = client_for(same_org_hr_admin).post(
        reverse("talentpool:membership_annual_review", args=[membership.public_id]), {"reason": "Fine"}
    )
    _shows_the_membership_page_with(response, membership, "Only an active membership is reviewed.")
    assert _unchanged(membership, before)


def test_a_member_who_reviews_their_own_membership_gets_a_form_error_not_a_404(
    client_for, same_org, make_member
):
    """The service's PermissionDenied inside the actor's reach is a form error (it used to be a 404)."""
    member = user_with_person(same_org, first_name="Nadia")
    membership = make_member(member.person)
    before = _state(membership)
    response = client_for(member).post(
        reverse("talentpool:membership_annual_review", args=[membership.public_id]), {"reason": "Still keen"}
    )
    refusal = "Only the member&#x27;s HR admins review membership."
    _shows_the_membership_page_with(response, membership, refusal)
    assert _unchanged(membership, before)


def test_a_member_outside_the_actors_reach_is_a_404_and_nothing_changes(
    client_for, other_org_hr_admin, same_org, make_member
):
    membership = make_member(organisation=same_org, consent=False)
    before = _state(membership)
    client = client_for(other_org_hr_admin)
    for name, data in [("talentpool:membership_decide", {"to_status": "withdrawn", "reason": "x"}),
                       ("talentpool:membership_annual_review", {"reason": "x"})]:
        assert client.post(reverse(name, args=[membership.public_id]), data).status_code == 404
    assert _unchanged(membership, before)


def test_a_decision_page_opened_directly_shows_the_membership_page(
    client_for, same_org_hr_admin, same_org, make_member
):
    membership = make_member(organisation=same_org, status=Status.NOMINATED)
    response = client_for(same_org_hr_admin).get(
        reverse("talentpool:membership_decide", args=[membership.public_id])
    )
    assert response.status_code == 200
    assert b"Record decision" in response.content and SUMMARY.encode() not in response.content


def test_a_decision_with_its_reason_is_recorded_and_goes_back_to_the_membership_page(
    client_for, same_org_hr_admin, same_org, make_member
):
    membership = make_member(organisation=same_org, status=Status.NOMINATED)
    url = reverse("talentpool:membership_detail", args=[membership.public_id])
    response = client_for(same_org_hr_admin).post(
        reverse("talentpool:membership_decide", args=[membership.public_id]),
        {"to_status": "active", "reason": "Panel agreed"},
        follow=True,
    )
    assert response.redirect_chain == [(url, 302)]
    assert b"Decision recorded." in response.content
    membership.refresh_from_db()
    assert membership.status == Status.ACTIVE


def test_closing_a_review_without_a_decision_record_re_renders_the_review_page(
    client_for, same_org_hr_admin, review
):
    url = reverse("talentpool:review_decide", args=[review.public_id])
    response = client_for(same_org_hr_admin).post(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert SUMMARY in body and "This field is required." in body and "9-box grid" in body
    review.refresh_from_db()
    assert (review.status, review.decision) == (TalentReview.Status.OPEN, "")


def test_closing_a_decided_review_again_is_refused_on_the_review_page(client_for, same_org_hr_admin, review):
    services.talent_review_decide(actor=same_org_hr_admin, review=review, decision="Agreed")
    response = client_for(same_org_hr_admin).post(
        reverse("talentpool:review_decide", args=[review.public_id]), {"decision": "Changed our minds"}
    )
    assert response.status_code == 200
    assert SUMMARY.encode() in response.content and b"This review is already decided." in response.content
    review.refresh_from_db()
    assert review.decision == "Agreed"


def test_a_review_outside_the_actors_reach_is_a_404(client_for, other_org_hr_admin, review):
    response = client_for(other_org_hr_admin).post(
        reverse("talentpool:review_decide", args=[review.public_id]), {"decision": "Ours now"}
    )
    assert response.status_code == 404
    review.refresh_from_db()
    assert review.status == TalentReview.Status.OPEN


def test_a_form_page_shows_the_services_refusal_in_the_error_summary(client_for, same_org_hr_admin, same_org):
    """The one form page: a pool whose name is taken is refused on the name field, and no pool is made."""
    client = client_for(same_org_hr_admin)
    url = reverse("talentpool:pool_new")
    client.post(url, {"organisation": same_org.pk, "name": "Aspiring ward managers"})
    response = client.post(url, {"organisation": same_org.pk, "name": "aspiring ward managers"})
    body = response.content.decode()
    assert response.status_code == 200
    assert SUMMARY in body and 'href="#id_name"' in body and "already exists" in body
    assert "Back to talent" in body
    assert TalentPool.objects.filter(name__iexact="aspiring ward managers").count() == 1
