"""Issue 14's leaver and 360 feedback: the leaving page lists the open rounds the leaver takes part in;
recording the leave withdraws their unanswered invitations (the link stops working) and closes their
own open round under the usual rules."""

import pytest
from django.urls import reverse
from django.utils import timezone

from leadership import leavers
from leadership.development import services
from leadership.models import Assessment, RaterInvitation
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rounds(framework, same_org, same_org_manager):
    """Morgan (leaving) is asked to rate Cal's and Dee's rounds, has answered Dee's, and runs a round
    of their own."""
    morgan = same_org_manager.person
    morgan.work_email = "morgan@example.nhs.uk"
    morgan.save()
    owners = [PersonFactory(organisation=same_org, first_name=name, last_name="Owner")
              for name in ("Cal", "Dee")]
    invitations = []
    for owner in owners:
        invitations.append(RaterInvitation.objects.create(
            assessment=Assessment.objects.create(person=owner, framework=framework,
                                                 kind=Assessment.Kind.FEEDBACK_360),
            rater=morgan, email=morgan.work_email, relationship="peer", email_sent_at=timezone.now()))
    services.rater_answer(invitation=invitations[1], ratings={c.id: 3 for c in framework.competencies.all()})
    own = Assessment.objects.create(person=morgan, framework=framework, kind=Assessment.Kind.FEEDBACK_360)
    return {"morgan": morgan, "invitations": invitations, "own": own}


def test_the_leaving_page_lists_the_rounds_without_telling_who_answered(
        client_for, same_org_hr_admin, rounds):
    page = client_for(same_org_hr_admin).get(
        reverse("person_leave", args=[rounds["morgan"].public_id])).content.decode()
    assert "Rater in Cal Owner&#x27;s 360 round" in page and "Rater in Dee Owner&#x27;s 360 round" in page
    assert "Their own 360 round" in page
    listed = page.split("360 feedback</h2>")[1].split("</ul>")[0].split("<ul")[1]
    assert "answered" not in listed and listed.count("<li>") == 3


def test_leaving_withdraws_unanswered_invitations_and_closes_their_own_round(same_org_hr_admin, rounds):
    leavers.person_leave(actor=same_org_hr_admin, person=rounds["morgan"], last_day=timezone.localdate(),
                         reason="Moved on")
    unanswered, answered = (RaterInvitation.objects.get(id=i.id) for i in rounds["invitations"])
    assert unanswered.approval == RaterInvitation.Approval.WITHDRAWN
    assert services.invitation_for_token(services.rater_token(unanswered)) is None  # the link is dead
    assert answered.approval == RaterInvitation.Approval.NOT_NEEDED and answered.answered_at is not None
    own = Assessment.objects.get(id=rounds["own"].id)
    assert own.closed_at is not None and own.status == Assessment.Status.DRAFT  # too few answers: nothing


def test_a_withdrawn_invitation_is_not_on_the_to_do_list(same_org_hr_admin, rounds):
    from leadership.development.todo import development_todos

    leavers.person_leave(actor=same_org_hr_admin, person=rounds["morgan"], last_day=timezone.localdate(),
                         reason="Moved on")
    rounds["morgan"].refresh_from_db()
    assert not [t for t in development_todos(rounds["morgan"].user) if "360" in t.text]
