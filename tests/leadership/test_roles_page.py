"""Roles: an organisation's page lists who holds which role; its HR admins grant and revoke their
trust's HR admins and board secretaries, national admins any role that fits; the last HR admin stays."""

import pytest
from allauth.usersessions.models import UserSession
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from pghistory.models import Events

from leadership import access, services
from leadership.models import Organisation, Role, RoleAssignment, SecurityEvent
from tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory, user_with_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def national_admin():
    admin = UserFactory()
    RoleAssignmentFactory(user=admin, role=Role.NATIONAL_ADMIN, organisation=OrganisationFactory(
        ods_code="X24", kind=Organisation.Kind.NATIONAL_BODY))
    return admin


@pytest.fixture
def colleague(same_org):
    return user_with_person(same_org, first_name="Cole", last_name="League")


def test_the_hr_admin_grants_a_board_secretary_and_it_is_audited(client_for, same_org_hr_admin, colleague):
    client = client_for(same_org_hr_admin)
    page = client.get(reverse("organisation_detail", args=["RT1"])).content.decode()
    assert "People with roles" in page and reverse("role_grant", args=["RT1"]) in page
    form = client.get(reverse("role_grant", args=["RT1"])).content.decode()
    assert "Board secretary" in form and "National admin" not in form and "Education lead" not in form
    response = client.post(reverse("role_grant", args=["RT1"]), {"email": colleague.email.upper(),
                                                               "role": "board_secretary"})
    assert response.status_code == 302 and response.url.endswith("#roles")
    assignment = RoleAssignment.objects.get(user=colleague, role=Role.BOARD_SECRETARY)
    assert assignment.created_by == same_org_hr_admin
    assert SecurityEvent.objects.filter(kind="role_granted", user=colleague, actor=same_org_hr_admin).exists()
    assert Events.objects.filter(pgh_model="leadership.RoleAssignmentEvent", pgh_label="insert").exists()
    page = client.get(reverse("organisation_detail", args=["RT1"])).content.decode()
    assert "Cole League" in page and reverse("role_revoke", args=[assignment.public_id]) in page
    # Board secretaries need two-factor authentication: it is the first thing they see.
    theirs = Client()
    theirs.force_login(colleague)
    assert theirs.get(reverse("people_list")).url == reverse("mfa_activate_totp")


@pytest.mark.parametrize("data, error", [
    ({"email": "nobody@example.nhs.uk", "role": "board_secretary"},
     "No active login uses that email. Invite the person first."),
    ({"email": "OTHER", "role": "board_secretary"}, "HR admins grant roles only to their own organisation"),
    ({"email": "COLLEAGUE", "role": "national_admin"}, "Select a valid choice."),
    ({"email": "not an email", "role": "hr_admin"}, "Enter a valid email address."),
])
def test_a_grant_outside_the_rules_is_a_form_error_and_changes_nothing(
        client_for, same_org_hr_admin, colleague, other_org, data, error):
    stranger = user_with_person(other_org)
    data = {**data, "email": {"OTHER": stranger.email, "COLLEAGUE": colleague.email}.get(data["email"],
                                                                                          data["email"])}
    before = list(RoleAssignment.objects.values_list("id", flat=True))
    response = client_for(same_org_hr_admin).post(reverse("role_grant", args=["RT1"]), data)
    assert response.status_code == 200 and escape(error) in response.content.decode()
    assert list(RoleAssignment.objects.values_list("id", flat=True)) == before


def test_a_national_admin_grants_national_and_footprint_roles_where_they_fit(national_admin, colleague, icb):
    services.role_grant(actor=national_admin, organisation=icb, email=colleague.email,
                        role="footprint_viewer")
    assert access.grantable_roles(national_admin, icb)[0] == Role.FOOTPRINT_VIEWER
    trust = colleague.person.organisation
    assert Role.FOOTPRINT_VIEWER not in access.grantable_roles(national_admin, trust)
    assert access.grantable_roles(national_admin, Organisation.objects.get(ods_code="X24"))[:2] == [
        Role.NATIONAL_ADMIN, Role.EDUCATION_LEAD]


def test_the_last_hr_admin_is_removed_only_by_a_national_admin(client_for, same_org_hr_admin,
                                                               national_admin):
    own = RoleAssignment.objects.get(user=same_org_hr_admin, role=Role.HR_ADMIN)
    response = client_for(same_org_hr_admin).post(reverse("role_revoke", args=[own.public_id]))
    assert response.status_code == 200 and "last HR admin" in response.content.decode()
    assert RoleAssignment.objects.filter(pk=own.pk).exists()
    assert client_for(national_admin).post(reverse("role_revoke", args=[own.public_id])).status_code == 302
    assert not RoleAssignment.objects.filter(pk=own.pk).exists()


def test_revoking_the_last_admin_role_ends_the_persons_sessions(client_for, same_org_hr_admin, colleague,
                                                                same_org):
    second = RoleAssignmentFactory(user=colleague, organisation=same_org, role=Role.HR_ADMIN)
    colleague_client = Client()
    colleague_client.force_login(colleague)
    UserSession.objects.create(user=colleague, ip="127.0.0.1", user_agent="test",
                               session_key=colleague_client.session.session_key)
    revoke = client_for(same_org_hr_admin).post(reverse("role_revoke", args=[second.public_id]))
    assert revoke.status_code == 302
    assert SecurityEvent.objects.filter(kind="role_revoked", user=colleague).exists()
    assert not UserSession.objects.filter(user=colleague).exists()
    assert colleague_client.get(reverse("people_list")).url.startswith(reverse("account_login"))  # signed out


def test_a_footprint_viewer_or_education_lead_is_not_an_hr_admins_to_revoke(client_for, same_org_hr_admin,
                                                                           colleague, same_org, icb):
    viewer = RoleAssignmentFactory(user=colleague, organisation=icb, role=Role.FOOTPRINT_VIEWER)
    page = client_for(same_org_hr_admin).get(reverse("role_revoke", args=[viewer.public_id]))
    assert page.status_code == 404
    assert access.grantable_roles(same_org_hr_admin, icb) == []
