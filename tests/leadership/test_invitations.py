"""Invitations: an HR admin invites people on the staff record (one, or everyone a search finds);
the emailed one-time link sets the password and signs the person in; resend, withdraw and expiry."""

from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pghistory.models import Events

from leadership.invitations import services
from leadership.invitations.selectors import LoginStatus, with_login_status
from leadership.models import Invitation, ManagementLevel, Notification, Person, Role, SecurityEvent, User
from tests.factories import PersonFactory, RoleAssignmentFactory, user_with_person

pytestmark = pytest.mark.django_db
GOOD_PASSWORD = "Correct-horse-battery-42"


@pytest.fixture
def newcomer(same_org):
    return PersonFactory(organisation=same_org, first_name="Nia", last_name="Newstart",
                         work_email="nia.newstart@rt1.example.nhs.uk")


def _status(person) -> str:
    return with_login_status(Person.objects.filter(pk=person.pk)).get().login_status


def _link(person) -> str:
    return Notification.objects.get(recipient=Person.objects.get(pk=person.pk).user, kind="invitation").link


def test_an_hr_admin_invites_a_person_from_their_page(client_for, same_org_hr_admin, newcomer):
    client = client_for(same_org_hr_admin)
    page = client.get(reverse("person_detail", args=[newcomer.public_id])).content.decode()
    assert "No login" in page and reverse("person_invite", args=[newcomer.public_id]) in page
    confirm = client.get(reverse("person_invite", args=[newcomer.public_id])).content.decode()
    assert "nia.newstart@rt1.example.nhs.uk" in confirm and "14 days" in confirm
    response = client.post(reverse("person_invite", args=[newcomer.public_id]))
    assert response.status_code == 302
    newcomer.refresh_from_db()
    user = newcomer.user
    assert user.email == "nia.newstart@rt1.example.nhs.uk" and not user.has_usable_password()
    invitation = Invitation.objects.get(person=newcomer)
    assert invitation.status == "pending" and invitation.invited_by == same_org_hr_admin
    assert timedelta(days=13, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=14)
    email = Notification.objects.get(recipient=user)
    assert email.link.startswith("/invitations/") and invitation.token_hash not in email.link
    assert _status(newcomer) == LoginStatus.INVITED
    assert SecurityEvent.objects.filter(kind="invitation_sent", user=user, actor=same_org_hr_admin).exists()
    assert Events.objects.filter(pgh_model="leadership.InvitationEvent", pgh_label="insert").count() == 1
    page = client.get(reverse("person_detail", args=[newcomer.public_id])).content.decode()
    assert "Invited" in page and reverse("invitation_resend", args=[invitation.public_id]) in page
    listed = client.get(reverse("people_list"), {"login": "invited"}).content.decode()
    assert "Newstart" in listed and "Morgan" not in listed


@pytest.mark.parametrize("case, reason", [
    ("no email", "They have no work email on the staff record."),
    ("email taken", "Their work email is already another person's login."),
    ("invited", "They are already invited."),
    ("has login", "They already have a login."),
    ("left", "They have left."),
])
def test_who_cannot_be_invited_gets_a_clear_error_and_nothing_changes(client_for, same_org_hr_admin,
                                                                      newcomer, case, reason):
    if case == "no email":
        Person.objects.filter(pk=newcomer.pk).update(work_email="")
    elif case == "email taken":
        User.objects.create_user(email="NIA.NEWSTART@rt1.example.nhs.uk", password=GOOD_PASSWORD)
    elif case == "invited":
        services.invitation_send(actor=same_org_hr_admin, person=newcomer)
    elif case == "has login":
        Person.objects.filter(pk=newcomer.pk).update(user=User.objects.create_user(email="nia2@example.nhs.uk"))
    elif case == "left":
        Person.objects.filter(pk=newcomer.pk).update(active=False)
    before = (User.objects.count(), Invitation.objects.count(), Notification.objects.count())
    response = client_for(same_org_hr_admin).post(reverse("person_invite", args=[newcomer.public_id]))
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode() and escape(reason) in response.content.decode()
    assert (User.objects.count(), Invitation.objects.count(), Notification.objects.count()) == before


def test_the_link_sets_a_password_once_and_signs_the_person_in(client, same_org_hr_admin, newcomer):
    services.invitation_send(actor=same_org_hr_admin, person=newcomer)
    link = _link(newcomer)
    page = client.get(link).content.decode()
    assert "Welcome, Nia" in page and "nia.newstart@rt1.example.nhs.uk" in page
    weak = client.post(link, {"new_password1": "password", "new_password2": "password"})
    assert weak.status_code == 200 and "There is a problem" in weak.content.decode()
    assert _status(newcomer) == LoginStatus.INVITED
    response = client.post(link, {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD})
    assert response.status_code == 302 and response.url == reverse("home")
    home = client.get(reverse("home"))
    assert home.status_code == 200 and home.wsgi_request.user.email == "nia.newstart@rt1.example.nhs.uk"
    assert _status(newcomer) == LoginStatus.ACTIVE
    assert EmailAddress.objects.filter(email="nia.newstart@rt1.example.nhs.uk", verified=True).exists()
    assert SecurityEvent.objects.filter(kind="invitation_accepted").count() == 1
    client.logout()
    again = client.get(link)
    assert again.status_code == 410 and "already been used" in again.content.decode()
    assert client.login(email="nia.newstart@rt1.example.nhs.uk", password=GOOD_PASSWORD)


def test_a_role_that_needs_two_factor_sets_it_up_before_anything_else(client, same_org_hr_admin, newcomer,
                                                                      same_org):
    services.invitation_send(actor=same_org_hr_admin, person=newcomer)
    RoleAssignmentFactory(user=Person.objects.get(pk=newcomer.pk).user, organisation=same_org,
                          role=Role.HR_ADMIN)
    client.post(_link(newcomer), {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD})
    response = client.get(reverse("people_list"))
    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")


def test_an_expired_link_says_so_and_a_resent_one_replaces_it(client, client_for, same_org_hr_admin,
                                                               newcomer):
    invitation = services.invitation_send(actor=same_org_hr_admin, person=newcomer)
    old = _link(newcomer)
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        expired = client.get(old)
        assert expired.status_code == 410 and "expired" in expired.content.decode()
        page = client_for(same_org_hr_admin).get(reverse("person_detail", args=[newcomer.public_id]))
        assert "expired on" in page.content.decode()
        client_for(same_org_hr_admin).post(reverse("invitation_resend", args=[invitation.public_id]))
        new = Notification.objects.filter(kind="invitation").order_by("-id").first().link
        assert new != old and client.get(old).status_code == 404
        assert client.get(new).status_code == 200
    invitation.refresh_from_db()
    assert invitation.sends == 2 and Notification.objects.filter(kind="invitation").count() == 2


def test_withdrawing_an_invitation_removes_the_unused_login(client, client_for, same_org_hr_admin, newcomer):
    invitation = services.invitation_send(actor=same_org_hr_admin, person=newcomer)
    link = _link(newcomer)
    response = client_for(same_org_hr_admin).post(reverse("invitation_revoke", args=[invitation.public_id]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "revoked" and invitation.user is None
    assert _status(newcomer) == LoginStatus.NONE
    assert not User.objects.filter(email="nia.newstart@rt1.example.nhs.uk").exists()
    assert client.get(link).status_code == 404
    again = client_for(same_org_hr_admin).post(reverse("invitation_revoke", args=[invitation.public_id]))
    assert again.status_code == 200 and "nothing to do" in again.content.decode()
    services.invitation_send(actor=same_org_hr_admin, person=newcomer)  # may be invited again
    assert _status(newcomer) == LoginStatus.INVITED


def test_everyone_a_search_finds_is_invited_after_a_confirmation(
        client_for, same_org_hr_admin, same_org, other_org, django_capture_on_commit_callbacks):
    for i in range(5):
        PersonFactory(organisation=same_org, management_level=ManagementLevel.MIDDLE, last_name=f"Mid{i}",
                      work_email=f"mid{i}@rt1.example.nhs.uk")
    PersonFactory(organisation=same_org, management_level=ManagementLevel.MIDDLE, work_email="")
    PersonFactory(organisation=other_org, management_level=ManagementLevel.MIDDLE, work_email="x@y.nhs.uk")
    client = client_for(same_org_hr_admin)
    query = {"management_level": "middle", "login": "none"}
    confirm = client.get(reverse("people_invite"), query).content.decode()
    assert "5 invitations will go out" in confirm and "1 other person found will not be invited" in confirm
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(f"{reverse('people_invite')}?management_level=middle&login=none")
    assert response.status_code == 302 and "management_level=middle" in response.url
    assert Invitation.objects.filter(person__organisation=same_org).count() == 5
    assert not Invitation.objects.filter(person__organisation=other_org).exists()
    assert Notification.objects.filter(kind="invitation").count() == 5
    assert len(callbacks) == 1  # one batch to send, after commit
    listed = client.get(reverse("people_list"), {"login": "invited"}).content.decode()
    assert "5 people found" in listed
    assert "0 invitations" not in client.get(reverse("people_invite"), query).content.decode()


def test_a_footprint_or_other_trusts_admin_cannot_invite(same_org_hr_admin, other_org, newcomer):
    from django.core.exceptions import PermissionDenied

    stranger = user_with_person(other_org, role=Role.HR_ADMIN)
    with pytest.raises(PermissionDenied):
        services.invitation_send(actor=stranger, person=newcomer)
    assert not Invitation.objects.exists()
