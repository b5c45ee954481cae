"""Who may review a non-executive: the board secretary, the person holding the organisation's chair
position (chair is derived from the board position, not a role), and national admins. Others inside
reach get a form error and nothing is written; outside reach, a 404."""

from datetime import date

import pytest
from django.urls import reverse

from governance import services
from governance.models import BoardReview, CompetencyDomain, FitProperAttestation, WellLedTheme
from leadership.models import Role
from tests.factories import OrganisationFactory, user_with_person
from tests.governance import factories

pytestmark = pytest.mark.django_db


def _review_data(**overrides):
    data = {
        "reviewed_on": "2026-01-10",
        "meetings_expected": "10",
        "meetings_attended": "8",
        "committees": "Audit",
        "remuneration_review": "Unchanged",
        "findings": "Effective challenge",
    }
    data |= {f"competence_{code}": "3" for code in CompetencyDomain.values}
    data |= {f"well_led_{code}": "2" for code in WellLedTheme.values}
    return data | overrides


@pytest.fixture
def ned(same_org):
    return factories.position(same_org)


def _post(client, position, **overrides):
    return client.post(reverse("governance:review_new", args=[position.public_id]), _review_data(**overrides))


def test_the_board_secretary_completes_a_review_and_the_next_falls_due_a_year_later(
    client_for, same_org_board_secretary, ned
):
    assert _post(client_for(same_org_board_secretary), ned).status_code == 302
    review = BoardReview.objects.get()
    assert review.competence == dict.fromkeys(CompetencyDomain.values, 3)
    assert review.reviewed_by == same_org_board_secretary
    ned.refresh_from_db()
    assert ned.next_review_due == date(2027, 1, 10)


def test_the_chair_reviews_their_non_executives_but_not_themselves(
    client_for, same_org, same_org_chair_user, ned
):
    client = client_for(same_org_chair_user)
    assert _post(client, ned).status_code == 302
    own = same_org_chair_user.person.board_positions.get()
    refused = _post(client, own)
    assert refused.status_code == 200 and "Only the board secretary, the chair" in refused.content.decode()
    assert BoardReview.objects.count() == 1


def test_a_national_admin_may_review(client_for, national_admin, ned):
    assert _post(client_for(national_admin), ned).status_code == 302


def test_an_hr_admin_sees_the_board_but_the_review_is_refused_as_a_form_error(
    client_for, same_org_hr_admin, ned
):
    client = client_for(same_org_hr_admin)
    assert client.get(reverse("governance:position_detail", args=[ned.public_id])).status_code == 200
    refused = _post(client, ned)
    assert refused.status_code == 200 and "nhsuk-error-summary" in refused.content.decode()
    assert not BoardReview.objects.exists()


def test_a_manager_and_another_trusts_chair_get_404(client_for, same_org_manager, other_org, ned):
    other_chair = user_with_person(other_org, first_name="Oona", last_name="Chair", management_level="board")
    factories.position(
        other_org, person=other_chair.person, kind="chair", title="Chair", next_review_due=None
    )
    for user in (same_org_manager, other_chair):
        assert _post(client_for(user), ned).status_code == 404
    assert not BoardReview.objects.exists()


def test_a_chair_whose_term_has_ended_is_no_longer_the_chair(client_for, same_org, ned):
    former = user_with_person(same_org, first_name="Fern", last_name="Former", management_level="board")
    factories.position(
        same_org,
        person=former.person,
        kind="chair",
        title="Chair",
        starts_on=date(2018, 1, 1),
        ends_on=date(2022, 1, 1),
        next_review_due=None,
    )
    assert _post(client_for(former), ned).status_code == 404


def test_missing_ratings_and_impossible_attendance_are_form_errors(client_for, same_org_board_secretary, ned):
    client = client_for(same_org_board_secretary)
    assert _post(client, ned, competence_culture="").status_code == 200
    response = _post(client, ned, meetings_attended="11")
    assert (
        response.status_code == 200 and "Attended cannot be more than expected" in response.content.decode()
    )
    assert not BoardReview.objects.exists()


def test_an_overdue_review_is_flagged_on_the_board_list(client_for, same_org_board_secretary, ned):
    body = client_for(same_org_board_secretary).get(reverse("governance:position_list") + "?show=overdue")
    assert "Nadia Nonexec" in body.content.decode() and "Overdue" in body.content.decode()


def test_board_members_attest_once_a_year_for_themselves(client_for, same_org_chair_user):
    client = client_for(same_org_chair_user)
    data = {"statement": "I remain fit and proper", "confirm": "on"}
    assert client.post(reverse("governance:attest"), data).status_code == 302
    again = client.post(reverse("governance:attest"), data)
    assert again.status_code == 200 and "already attested" in again.content.decode()
    assert FitProperAttestation.objects.filter(person=same_org_chair_user.person).count() == 1


def test_fit_and_proper_checks_travel_with_the_person_to_a_new_board(
    client_for, same_org, same_org_board_secretary, national_admin
):
    volunteer = services.volunteer_record(
        actor=national_admin,
        first_name="Ada",
        last_name="Outsider",
        email="ada@example.org",
        sector_of_origin="private",
        current_role="Engineer",
        skills=["governance"],
        consent_to_share=True,
    )
    first = services.volunteer_appoint(
        actor=same_org_board_secretary,
        profile=volunteer,
        organisation=same_org,
        title="Volunteer NED",
        starts_on=date(2025, 1, 1),
    )
    assert first.person == volunteer.person and first.kind == "volunteer_ned"
    services.fit_proper_check_record(
        actor=same_org_board_secretary,
        position=first,
        kind="good_character",
        checked_on=date(2025, 1, 2),
        evidence="References",
        outcome="satisfactory",
    )
    second_org = OrganisationFactory(ods_code="RT5", name="Second Trust")
    second_secretary = user_with_person(
        second_org, role=Role.BOARD_SECRETARY, first_name="Sam", last_name="Sec"
    )
    second = services.volunteer_appoint(
        actor=second_secretary,
        profile=volunteer,
        organisation=second_org,
        title="Volunteer NED",
        starts_on=date(2026, 1, 1),
    )
    body = client_for(second_secretary).get(reverse("governance:position_detail", args=[second.public_id]))
    assert "References" in body.content.decode()
