"""360 feedback: raters come from the staff record, answer anonymously by a signed link, and a
round's figures are released once, when it closes with at least three answers, and never change."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from leadership.development import selectors, services
from leadership.models import (
    Assessment,
    FeedbackGroupRating,
    RaterInvitation,
    RaterResponse,
    Rating,
)
from tests.development.factories import AssessmentFactory
from tests.factories import PersonFactory, user_with_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def morgan(same_org_manager):
    return same_org_manager.person


@pytest.fixture
def boss(same_org, morgan):
    """Morgan's line manager, who approves outside raters and sees Morgan's released figures."""
    user = user_with_person(same_org, first_name="Bea", last_name="Boss")
    morgan.line_manager = user.person
    morgan.save(update_fields=["line_manager"])
    return user


@pytest.fixture
def colleagues(same_org):
    return [PersonFactory(organisation=same_org, first_name=f"Colleague{i}", last_name="Rater")
            for i in range(7)]


def _invite(user, framework, rater=None, email="", relationship="peer"):
    return services.rater_invite(actor=user, person=user.person, framework=framework,
                                 relationship=relationship, rater=rater, email=email)


def _answer(client, invitation, framework, level):
    data = {f"rating_{c.id}": str(level) for c in framework.competencies.all()}
    return client.post(reverse("development:rater_form", args=[services.rater_token(invitation)]), data)


def _close(user, framework):
    return services.feedback_round_close(actor=user, assessment=services.feedback_round_open(user.person))


def _numbers(html: bytes) -> list[str]:
    """Every mean shown on a page, e.g. 2.33."""
    return re.findall(r"\b[1-4]\.\d\d\b", html.decode())


def _api_360(client):
    return [r for r in client.get(reverse("api:assessment-list")).json()["results"]
            if r["kind"] == "feedback_360"]


# The difference attack ---------------------------------------------------------------------------


def test_the_difference_attack_cannot_reveal_the_fourth_answer(
    framework, client, client_for, same_org_manager, morgan, colleagues
):
    """
    GIVEN three raters who answer 2 on every competency
    WHEN a fourth rater answers 4 and the round closes, then a fifth answers late
    THEN no figure is shown to anybody before the close, the close releases one figure from all
         four answers, the late answer is refused and the released figures never change
    """
    invitations = [_invite(same_org_manager, framework, rater=c) for c in colleagues[:5]]
    for invitation in invitations[:3]:
        _answer(client, invitation, framework, 2)

    page = client_for(same_org_manager)
    round_ = services.feedback_round_open(morgan)
    before = (page.get(reverse("development:my_development")).content
              + page.get(reverse("development:invite_raters")).content
              + page.get(reverse("development:feedback_round", args=[round_.public_id])).content)
    assert _numbers(before) == []  # not even with three answers: nothing before the close
    assert all(row.feedback_360 is None for row in selectors.gap_rows(morgan, framework))
    assert _api_360(page) == []
    assert not Rating.objects.filter(assessment=round_).exists()

    _answer(client, invitations[3], framework, 4)
    assert all(row.feedback_360 is None for row in selectors.gap_rows(morgan, framework))
    assert not Rating.objects.filter(assessment=round_).exists()

    released = _close(same_org_manager, framework)
    assert released.rater_count == 4
    assert {row.feedback_360 for row in selectors.gap_rows(morgan, framework)} == {Decimal("2.50")}
    assert not RaterResponse.objects.filter(assessment=released).exists()  # nothing left to recompute
    figures = list(Rating.objects.filter(assessment=released).values_list("competency_id", "level"))

    late = _answer(client, invitations[4], framework, 4)
    assert late.status_code == 410
    assert b"has closed" in late.content
    with pytest.raises(ValidationError):
        services.rater_answer(invitation=invitations[4],
                              ratings={c.id: 4 for c in framework.competencies.all()})
    assert list(Rating.objects.filter(assessment=released).values_list("competency_id", "level")) == figures
    assert Assessment.objects.get(id=released.id).rater_count == 4
    with pytest.raises(ValidationError, match="already closed"):
        services.feedback_round_close(actor=same_org_manager, assessment=released)


def test_fewer_than_three_answers_cannot_be_released(framework, client, client_for, same_org_manager,
                                                     morgan, colleagues):
    invitations = [_invite(same_org_manager, framework, rater=c) for c in colleagues[:3]]
    _answer(client, invitations[0], framework, 1)
    _answer(client, invitations[1], framework, 3)

    closed = _close(same_org_manager, framework)

    assert closed.closed_at is not None
    assert closed.status == Assessment.Status.DRAFT and closed.rater_count == 0
    assert not Rating.objects.filter(assessment=closed).exists()
    assert not RaterResponse.objects.filter(assessment=closed).exists()  # discarded, never shown
    assert _answer(client, invitations[2], framework, 2).status_code == 410  # no third answer now
    assert not RaterResponse.objects.filter(assessment=closed).exists()
    page = client_for(same_org_manager)
    assert _api_360(page) == []
    body = page.get(reverse("development:feedback_round", args=[closed.public_id])).content
    assert b"released no results" in body and _numbers(body) == []
    assert all(row.feedback_360 is None for row in selectors.gap_rows(morgan, framework))


def test_the_database_refuses_a_release_below_three_answers(framework, morgan):
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    with pytest.raises(IntegrityError), transaction.atomic():
        AssessmentFactory(person=morgan, framework=framework, kind=Assessment.Kind.FEEDBACK_360,
                          status=Assessment.Status.SUBMITTED, rater_count=2, closed_at=timezone.now())


def test_a_new_round_opens_after_a_closed_one_and_shows_only_its_own_release(
    framework, client, same_org_manager, morgan, colleagues
):
    for invitation in [_invite(same_org_manager, framework, rater=c) for c in colleagues[:3]]:
        _answer(client, invitation, framework, 1)
    first = _close(same_org_manager, framework)
    second = [_invite(same_org_manager, framework, rater=c) for c in colleagues[:4]]
    assert second[0].assessment_id != first.id
    for invitation in second[:3]:
        _answer(client, invitation, framework, 3)
    assert {row.feedback_360 for row in selectors.gap_rows(morgan, framework)} == {Decimal("1.00")}
    _close(same_org_manager, framework)
    assert {row.feedback_360 for row in selectors.gap_rows(morgan, framework)} == {Decimal("3.00")}


# Rater groups ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("counts", "shown"), [
    ({"peer": 3, "report": 2}, set()),  # the rest are two: the peers would give the reports away
    ({"peer": 3, "report": 3}, {"peer", "report"}),
    ({"peer": 6}, set()),  # one group is the combined figure already
    ({"peer": 4, "report": 3, "other": 3}, {"peer", "report", "other"}),
    ({"peer": 3, "report": 3, "other": 1}, {"report"}),  # both shown would give the one 'other' away
    ({"peer": 5, "report": 3, "other": 2}, {"peer"}),
    ({"peer": 2, "report": 2, "other": 2}, set()),
])
def test_a_group_is_shown_only_when_it_and_the_remaining_raters_number_three(counts, shown):
    assert services.feedback_groups_to_show(counts) == shown


def test_a_released_round_stores_only_the_groups_that_may_be_shown(framework, client, client_for,
                                                                   same_org_manager, colleagues):
    peers = [_invite(same_org_manager, framework, rater=c, relationship="peer") for c in colleagues[:3]]
    reports = [_invite(same_org_manager, framework, rater=c, relationship="report") for c in colleagues[3:5]]
    for invitation in peers:
        _answer(client, invitation, framework, 4)
    for invitation in reports:
        _answer(client, invitation, framework, 1)
    released = _close(same_org_manager, framework)
    assert not FeedbackGroupRating.objects.filter(assessment=released).exists()  # 3 peers, 2 others
    body = client_for(same_org_manager).get(
        reverse("development:feedback_round", args=[released.public_id])).content
    assert b"Peers (" not in body and b"Direct reports (" not in body
    assert set(_numbers(body)) == {"2.80"}  # the combined figure only


def test_groups_of_three_each_are_shown_apart(framework, client, client_for, same_org_manager, colleagues):
    peers = [_invite(same_org_manager, framework, rater=c, relationship="peer") for c in colleagues[:3]]
    reports = [_invite(same_org_manager, framework, rater=c, relationship="report") for c in colleagues[3:6]]
    for invitation in peers:
        _answer(client, invitation, framework, 4)
    for invitation in reports:
        _answer(client, invitation, framework, 1)
    released = _close(same_org_manager, framework)
    levels = set(FeedbackGroupRating.objects.filter(assessment=released).values_list("relationship", "level"))
    assert levels == {("peer", Decimal("4.00")), ("report", Decimal("1.00"))}
    body = client_for(same_org_manager).get(
        reverse("development:feedback_round", args=[released.public_id])).content
    assert b"Peers (3)" in body and b"Direct reports (3)" in body
    assert "2.50" in _numbers(body)


# The same figures for the person and their line manager -----------------------------------------


def _figures_table(html: bytes) -> str:
    return re.search(r"<table.*?</table>", html.decode(), re.S).group(0)


def test_the_line_manager_sees_the_same_released_figures_as_the_person(
    framework, client, client_for, same_org_manager, morgan, boss, same_org_hr_admin, colleagues
):
    for level, colleague in zip((1, 2, 4), colleagues, strict=False):
        _answer(client, _invite(same_org_manager, framework, rater=colleague), framework, level)
    released = _close(same_org_manager, framework)
    url = reverse("development:feedback_round", args=[released.public_id])

    own = _figures_table(client_for(same_org_manager).get(url).content)
    managers = _figures_table(client_for(boss).get(url).content)
    hr = _figures_table(client_for(same_org_hr_admin).get(url).content)

    assert own == managers == hr
    assert "2.33" in own
    overview = client_for(boss).get(reverse("development:person_development", args=[morgan.public_id]))
    assert url.encode() in overview.content
    assert b"2.33" in overview.content


def test_only_the_person_closes_their_round(framework, client, client_for, same_org_manager, boss,
                                            colleagues):
    for colleague in colleagues[:3]:
        _answer(client, _invite(same_org_manager, framework, rater=colleague), framework, 2)
    round_ = services.feedback_round_open(same_org_manager.person)
    with pytest.raises(PermissionDenied):
        services.feedback_round_close(actor=boss, assessment=round_)
    response = client_for(boss).post(reverse("development:feedback_round", args=[round_.public_id]),
                                     {"confirm": "on"})
    assert response.status_code == 200  # inside the manager's reach: a form error, not a 404
    assert b"Only the person closes" in response.content
    assert Assessment.objects.get(id=round_.id).closed_at is None
    assert _numbers(response.content) == []


def test_the_person_closes_their_round_on_its_page(framework, client, client_for, same_org_manager,
                                                   colleagues):
    for colleague in colleagues[:3]:
        _answer(client, _invite(same_org_manager, framework, rater=colleague), framework, 3)
    round_ = services.feedback_round_open(same_org_manager.person)
    page = client_for(same_org_manager)
    url = reverse("development:feedback_round", args=[round_.public_id])
    unconfirmed = page.post(url, {})
    assert b"Confirm to continue" in unconfirmed.content
    assert page.post(url, {"confirm": "on"}).status_code == 302
    assert Assessment.objects.get(id=round_.id).status == Assessment.Status.SUBMITTED
    body = page.get(url).content
    assert b"The round is closed and its results are released (3 raters)." in body
    assert "3 – Strong" in _figures_table(body)  # a whole mean reads as its scale point


# The API ----------------------------------------------------------------------------------------


def test_the_api_shows_only_released_rounds_and_never_a_rater(framework, client, client_for,
                                                              same_org_manager, colleagues):
    invitations = [_invite(same_org_manager, framework, rater=c) for c in colleagues[:4]]
    for invitation in invitations[:3]:
        _answer(client, invitation, framework, 2)
    open_round = services.feedback_round_open(same_org_manager.person)
    api = client_for(same_org_manager)
    assert _api_360(api) == []
    assert api.get(reverse("api:assessment-detail", args=[open_round.public_id])).status_code == 404

    _close(same_org_manager, framework)

    (row,) = _api_360(api)
    assert row["id"] == str(open_round.public_id) and row["rater_count"] == 3
    assert {r["level"] for r in row["ratings"]} == {"2.00"}
    detail = api.get(reverse("api:assessment-detail", args=[open_round.public_id]))
    assert detail.status_code == 200
    body = detail.content + api.get(reverse("api:assessment-list")).content
    for invitation in invitations:
        assert invitation.email.encode() not in body
        assert str(invitation.public_id).encode() not in body
        assert invitation.rater.last_name.encode() not in body or invitation.rater.last_name == "Rater"
    assert set(row) == {"id", "person", "framework_version", "kind", "round", "status", "submitted_at",
                        "rater_count", "ratings", "created_at", "updated_at"}


def test_answers_carry_no_link_to_their_rater():
    assert {f.name for f in RaterResponse._meta.get_fields()} == {
        "id", "assessment", "competency", "level", "relationship"}


# The rater picker ---------------------------------------------------------------------------------


def test_the_picker_finds_colleagues_of_the_own_organisation_by_name(client_for, framework,
                                                                      same_org_manager, other_org_person):
    page = client_for(same_org_manager)
    body = page.get(reverse("development:invite_raters") + "?q=lee").content
    assert b"Lee Lead, Same Hospitals NHS Trust" in body
    assert page.get(reverse("development:invite_raters") + "?q=Foreign").content.count(b"Foreign Person") == 0
    assert b"Other Hospitals" not in page.get(reverse("development:invite_raters") + "?q=Person").content


def test_other_organisations_staff_are_found_only_by_exact_work_email_with_name_and_organisation(
    client_for, framework, same_org_manager, other_org_person
):
    other_org_person.work_email = "f.person@other.nhs.uk"
    other_org_person.save(update_fields=["work_email"])
    page = client_for(same_org_manager)
    url = reverse("development:invite_raters")
    partial = other_org_person.work_email.split("@")[0]
    assert b"Foreign Person" not in page.get(url, {"q": partial}).content
    assert b"Foreign Person" not in page.get(url, {"q": other_org_person.work_email + "x"}).content
    body = page.get(url, {"q": other_org_person.work_email.upper()}).content
    assert b"Foreign Person, Other Hospitals NHS Trust" in body
    for private in (other_org_person.job_title, other_org_person.employee_number,
                    str(other_org_person.public_id)):
        assert private.encode() not in body


def test_an_email_on_the_staff_record_invites_that_person_without_approval(
    client_for, framework, same_org_manager, other_org_person
):
    page = client_for(same_org_manager)
    response = page.post(reverse("development:invite_raters"),
                         {"q": other_org_person.work_email, "rater": f"e:{other_org_person.work_email}",
                          "relationship": "other"})
    assert response.status_code == 302
    invitation = RaterInvitation.objects.get()
    assert invitation.rater == other_org_person
    assert invitation.approval == RaterInvitation.Approval.NOT_NEEDED
    assert services.rater_invitation_send(invitation_id=invitation.id) is True
    assert mail.outbox[0].to == [other_org_person.work_email]


def test_another_organisations_person_cannot_be_picked_by_id(client_for, framework, same_org_manager,
                                                             other_org_person):
    response = client_for(same_org_manager).post(reverse("development:invite_raters"), {
        "q": "Foreign", "rater": f"p:{other_org_person.public_id}", "relationship": "peer"})
    assert response.status_code == 404
    assert not RaterInvitation.objects.exists()


def test_the_service_refuses_another_organisations_person_passed_as_a_record(framework, same_org_manager,
                                                                             other_org_person):
    with pytest.raises(PermissionDenied):
        _invite(same_org_manager, framework, rater=other_org_person)
    assert not RaterInvitation.objects.exists()


def test_nobody_can_invite_themself(client_for, framework, same_org_manager, morgan):
    with pytest.raises(ValidationError, match="cannot rate yourself"):
        _invite(same_org_manager, framework, email=morgan.work_email)
    page = client_for(same_org_manager)
    body = page.get(reverse("development:invite_raters"), {"q": morgan.work_email}).content
    assert b"your own work email" in body
    assert not RaterInvitation.objects.exists()


def test_a_search_works_without_javascript_and_is_bounded(client_for, framework, same_org_manager, same_org):
    for i in range(30):
        PersonFactory(organisation=same_org, first_name="Sam", last_name=f"Many{i:02d}")
    body = client_for(same_org_manager).get(reverse("development:invite_raters"), {"q": "sam many"}).content
    assert body.count(b"Sam Many") == 20
    assert b'<form method="get"' in body


# Outside emails and duplicates ------------------------------------------------------------------


def test_an_outside_email_waits_for_the_line_managers_approval(
    framework, client, client_for, same_org_manager, boss, same_org_hr_admin
):
    page = client_for(same_org_manager)
    response = page.post(reverse("development:invite_raters"),
                         {"q": "friend@example.com", "rater": "e:friend@example.com",
                          "relationship": "other"})
    assert response.status_code == 302
    invitation = RaterInvitation.objects.get()
    assert invitation.approval == RaterInvitation.Approval.PENDING and invitation.rater is None
    assert services.rater_invitation_send(invitation_id=invitation.id) is False
    assert mail.outbox == []
    assert _answer(client, invitation, framework, 4).status_code == 404  # no link works before approval

    approvals = reverse("development:rater_approvals")
    other_manager = client_for(same_org_hr_admin)
    assert b"friend@example.com" not in other_manager.get(approvals).content
    assert other_manager.post(approvals, {"invitation": invitation.public_id,
                                          "decision": "approve"}).status_code == 404
    with pytest.raises(PermissionDenied):
        services.rater_invitation_decide(actor=same_org_hr_admin, invitation=invitation, approve=True)

    manager = client_for(boss)
    overview = manager.get(reverse("development:my_development")).content
    assert b"Approve outside 360 raters (1 waiting)" in overview
    assert b"friend@example.com" in manager.get(approvals).content
    approve = {"invitation": invitation.public_id, "decision": "approve"}
    assert manager.post(approvals, approve).status_code == 302
    invitation.refresh_from_db()
    assert invitation.approval == RaterInvitation.Approval.APPROVED and invitation.decided_by == boss
    assert services.rater_invitation_send(invitation_id=invitation.id) is True
    assert mail.outbox[0].to == ["friend@example.com"]
    assert manager.post(approvals, {"invitation": invitation.public_id,
                                    "decision": "decline"}).status_code == 404  # decided already


def test_a_declined_outside_email_is_never_sent(framework, client_for, same_org_manager, boss):
    invitation = _invite(same_org_manager, framework, email="friend@example.com")
    services.rater_invitation_decide(actor=boss, invitation=invitation, approve=False)
    assert services.rater_invitation_send(invitation_id=invitation.id) is False
    assert mail.outbox == []


def test_an_outside_email_needs_a_line_manager_on_the_staff_record(client_for, framework, same_org_manager):
    response = client_for(same_org_manager).post(reverse("development:invite_raters"), {
        "q": "friend@example.com", "rater": "e:friend@example.com", "relationship": "other"})
    assert response.status_code == 200
    assert b"needs your line manager&#x27;s approval" in response.content
    assert not RaterInvitation.objects.exists()


def test_one_person_cannot_be_invited_twice_to_a_round(client_for, framework, same_org_manager, same_org):
    lee = same_org_manager.person.reports.get(first_name="Lee")
    page = client_for(same_org_manager)
    url = reverse("development:invite_raters")
    first = {"q": "Lee", "rater": f"p:{lee.public_id}", "relationship": "report"}
    assert page.post(url, first).status_code == 302
    again = page.post(url, {"q": "Lee", "rater": f"p:{lee.public_id}", "relationship": "peer"})
    assert again.status_code == 200
    assert b"Lee Lead is already invited to this round." in again.content
    by_email = page.post(url, {"q": lee.work_email.upper(), "rater": f"e:{lee.work_email.upper()}",
                               "relationship": "peer"})
    assert b"Lee Lead is already invited to this round." in by_email.content
    assert RaterInvitation.objects.count() == 1


def test_a_rater_gets_a_link_by_email_that_needs_no_account(framework, client, same_org_manager, colleagues):
    invitation = _invite(same_org_manager, framework, rater=colleagues[0])
    assert services.rater_invitation_send(invitation_id=invitation.id) is True
    assert services.rater_invitation_send(invitation_id=invitation.id) is False
    assert len(mail.outbox) == 1
    link = mail.outbox[0].body.rsplit("\n", 1)[-1]
    assert client.get(link.split("testserver")[-1].replace("http://localhost:8000", "")).status_code == 200


def test_a_wrong_or_used_token_is_404(framework, client, same_org_manager, colleagues):
    invitation = _invite(same_org_manager, framework, rater=colleagues[0])
    assert client.get(reverse("development:rater_form", args=["not-a-token"])).status_code == 404
    _answer(client, invitation, framework, 3)
    assert _answer(client, invitation, framework, 3).status_code == 404


def test_another_organisation_cannot_open_or_close_a_round(framework, client, client_for, same_org_manager,
                                                           other_org_hr_admin, colleagues):
    for colleague in colleagues[:3]:
        _answer(client, _invite(same_org_manager, framework, rater=colleague), framework, 2)
    round_ = services.feedback_round_open(same_org_manager.person)
    url = reverse("development:feedback_round", args=[round_.public_id])
    outsider = client_for(other_org_hr_admin)
    assert outsider.get(url).status_code == 404
    assert outsider.post(url, {"confirm": "on"}).status_code == 404
    assert Assessment.objects.get(id=round_.id).closed_at is None
