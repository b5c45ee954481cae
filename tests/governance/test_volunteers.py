"""Volunteer non-executives from outside the NHS: national admins record them on the national register;
trusts' board secretaries and HR admins find consented members and appoint them; the board position
points at the volunteer's own record."""

from datetime import date

import pytest
from django.urls import reverse

from governance import services
from governance.models import VOLUNTEER_REGISTER_ODS, BoardPosition, VolunteerProfile

pytestmark = pytest.mark.django_db


def _record(admin, *, email="ada@example.org", consent=True, skills=("governance",), sector="private"):
    return services.volunteer_record(
        actor=admin,
        first_name="Ada",
        last_name="Outsider",
        email=email,
        sector_of_origin=sector,
        current_role="Engineer",
        skills=list(skills),
        consent_to_share=consent,
    )


def test_a_national_admin_records_a_volunteer_on_the_national_register(client_for, national_admin):
    response = client_for(national_admin).post(
        reverse("governance:volunteer_new"),
        {
            "first_name": "Ada",
            "last_name": "Outsider",
            "email": "ada@example.org",
            "sector_of_origin": "private",
            "current_role": "Chief engineer",
            "skills": ["governance", "strategy"],
            "consent_to_share": "on",
        },
    )
    assert response.status_code == 302
    profile = VolunteerProfile.objects.get()
    register = profile.person.organisation
    assert (register.ods_code, register.kind, register.name) == (
        VOLUNTEER_REGISTER_ODS,
        "national_body",
        "Volunteer non-executive register",
    )
    assert profile.skills == ["governance", "strategy"] and profile.consent_to_share


def test_only_national_admins_record_volunteers(client_for, same_org_hr_admin, same_org_board_secretary):
    for user in (same_org_hr_admin, same_org_board_secretary):
        assert client_for(user).get(reverse("governance:volunteer_new")).status_code == 404
    with pytest.raises(Exception, match="Only national admins"):
        _record(same_org_hr_admin)
    assert not VolunteerProfile.objects.exists()


def test_trusts_find_consented_volunteers_by_skill_and_never_the_others(
    client_for, national_admin, same_org_hr_admin, other_org_hr_admin
):
    _record(national_admin, email="a@example.org")
    services.volunteer_record(
        actor=national_admin,
        first_name="Hidden",
        last_name="Person",
        email="h@example.org",
        sector_of_origin="third_sector",
        current_role="Trustee",
        skills=["governance"],
        consent_to_share=False,
    )
    for user in (same_org_hr_admin, other_org_hr_admin):
        body = (
            client_for(user)
            .get(reverse("governance:volunteer_list"), {"skill": "governance"})
            .content.decode()
        )
        assert "Ada Outsider" in body and "Hidden Person" not in body
    body = client_for(same_org_hr_admin).get(reverse("governance:volunteer_list"), {"skill": "culture"})
    assert "Ada Outsider" not in body.content.decode()


def test_a_manager_does_not_see_the_pool(client_for, national_admin, same_org_manager):
    _record(national_admin)
    assert (
        "Ada Outsider"
        not in client_for(same_org_manager).get(reverse("governance:volunteer_list")).content.decode()
    )


def test_appointing_creates_a_board_position_pointing_at_the_same_person(
    client_for, national_admin, same_org, same_org_board_secretary
):
    profile = _record(national_admin)
    response = client_for(same_org_board_secretary).post(
        reverse("governance:volunteer_appoint", args=[profile.public_id]),
        {"organisation": "RT1", "title": "Volunteer non-executive director", "starts_on": "2026-02-01"},
    )
    assert response.status_code == 302
    position = BoardPosition.objects.get()
    assert (position.organisation, position.person, position.kind, position.sector_of_origin) == (
        same_org,
        profile.person,
        "volunteer_ned",
        "private",
    )
    assert position.next_review_due == date(2027, 2, 1)


def test_a_trust_cannot_appoint_to_another_trusts_board(
    client_for, national_admin, other_org, same_org_board_secretary
):
    profile = _record(national_admin)
    response = client_for(same_org_board_secretary).post(
        reverse("governance:volunteer_appoint", args=[profile.public_id]),
        {"organisation": other_org.ods_code, "title": "NED", "starts_on": "2026-02-01"},
    )
    assert response.status_code == 200 and "nhsuk-error-summary" in response.content.decode()
    assert not BoardPosition.objects.exists()


def test_a_volunteer_sees_their_own_record_only(client_for, national_admin):
    from tests.factories import UserFactory

    profile = _record(national_admin)
    other = _record(national_admin, email="b@example.org", consent=True)
    user = UserFactory(email="ada@example.org")
    profile.person.user = user
    profile.person.save(update_fields=["user"])
    client = client_for(user)
    assert client.get(reverse("governance:volunteer_detail", args=[profile.public_id])).status_code == 200
    assert client.get(reverse("governance:volunteer_detail", args=[other.public_id])).status_code == 404
    assert client.get(reverse("governance:volunteer_new")).status_code == 404
