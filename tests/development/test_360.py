"""360 feedback: raters answer by a signed link, anonymously, and nothing shows below three raters."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from leadership.development import selectors, services
from leadership.models import Assessment, RaterInvitation

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitations(framework, same_org_manager, django_capture_on_commit_callbacks):
    emails = [("ann@example.org", "peer"), ("bob@example.org", "report"), ("cat@example.org", "other")]
    with django_capture_on_commit_callbacks(execute=False):
        invited = services.raters_invite(
            actor=same_org_manager, person=same_org_manager.person, framework=framework, raters=emails
        )
    return invited


def _answer(client, invitation, framework, level):
    data = {f"rating_{c.id}": str(level) for c in framework.competencies.all()}
    return client.post(reverse("development:rater_form", args=[services.rater_token(invitation)]), data)


def test_a_rater_gets_a_link_by_email_that_needs_no_account(invitations, client):
    assert services.rater_invitation_send(invitation_id=invitations[0].id) is True
    assert services.rater_invitation_send(invitation_id=invitations[0].id) is False
    assert len(mail.outbox) == 1
    link = mail.outbox[0].body.rsplit("\n", 1)[-1]
    assert client.get(link.split("testserver")[-1].replace("http://localhost:8000", "")).status_code == 200


def test_a_wrong_or_used_token_is_404(invitations, framework, client):
    assert client.get(reverse("development:rater_form", args=["not-a-token"])).status_code == 404
    _answer(client, invitations[0], framework, 3)
    assert _answer(client, invitations[0], framework, 3).status_code == 404


def test_fewer_than_three_answers_show_nothing_and_three_show_only_the_mean(
    invitations, framework, client, client_for, same_org_manager
):
    morgan = same_org_manager.person
    _answer(client, invitations[0], framework, 1)
    _answer(client, invitations[1], framework, 2)
    assert all(row.feedback_360 is None for row in selectors.gap_rows(morgan, framework))
    api = client_for(same_org_manager)
    rows = api.get(reverse("api:assessment-list")).json()["results"]
    assert not [r for r in rows if r["kind"] == "feedback_360"]
    _answer(client, invitations[2], framework, 4)
    assert {row.feedback_360 for row in selectors.gap_rows(morgan, framework)} == {Decimal("2.33")}
    (row,) = [
        r for r in api.get(reverse("api:assessment-list")).json()["results"] if r["kind"] == "feedback_360"
    ]
    assert row["rater_count"] == 3
    body = (
        api.get(reverse("api:assessment-list")).content
        + api.get(reverse("development:my_development")).content
    )
    for email in ("ann@example.org", "bob@example.org", "cat@example.org"):
        assert email.encode() not in body


def test_answers_carry_no_link_to_their_rater():
    fields = {f.name for f in Assessment._meta.get_field("ratings").related_model._meta.get_fields()}
    assert "invitation" not in fields
    from leadership.models import RaterResponse

    assert {f.name for f in RaterResponse._meta.get_fields()} == {"id", "assessment", "competency", "level"}
    assert RaterInvitation._meta.get_field("assessment")
