"""Single sign-on against a real OpenID Connect provider (tests/oidc_provider, started on loopback):
the provider part is done as a browser would (its login form, its redirects), the portal part with
the Django test client; the code-for-token exchange, the ID token and userinfo are real.

SSO signs in an active login with the provider's verified email, or completes its pending
invitation; anyone else is told to ask their HR team, and no account is made. Roles that need MFA
still need the portal's TOTP unless the provider's `amr` says "mfa". (The browser run is
tests/e2e/test_single_sign_on_journey.py.)
"""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils import timezone

from leadership.invitations import services as invitations
from leadership.models import Invitation, Role, SecurityEvent, User
from tests.factories import PersonFactory, UserFactory, user_with_person
from tests.leadership.test_settings_come_strictly_from_the_environment import PRODUCTION_ENV, manage
from tests.sign_in import enrol_in_totp, post_security_code, post_sign_in, totp_code
from tests.sso.provider import (
    ADMIN_PASSWORD_ONLY,
    ADMIN_WITH_MFA,
    INVITED,
    KNOWN,
    PROVIDER_NAME,
    SSO_LOGIN,
    STRANGER,
    UNVERIFIED,
    provider_for,  # noqa: F401 - a fixture
    sign_in_at_provider,
    use_provider,
)

pytestmark = pytest.mark.django_db
ASK_HR = "Ask your organisation's HR team to invite you"


@pytest.fixture
def provider(provider_for, settings):  # noqa: F811 - the fixture above
    started = provider_for(["http://testserver"])
    use_provider(settings, started)
    return started


def sso_sign_in(client, email: str):
    """Press the SSO button, sign in at the provider as `email`, and bring the code back."""
    response = client.post(SSO_LOGIN)
    assert response.status_code == 302, response.status_code
    callback = urlsplit(sign_in_at_provider(response.url, email))
    return client.get(f"{callback.path}?{callback.query}")


def signed_in_as(client) -> User | None:
    pk = client.session.get(SESSION_KEY)
    return User.objects.get(pk=pk) if pk else None


def login_with_email(organisation, email: str, role: str | None = None) -> User:
    """The portal keeps emails in lower case; the provider may not."""
    user = user_with_person(organisation, role=role, work_email=email.lower())
    user.email = email.lower()
    user.save(update_fields=["email"])
    return user


def test_without_configuration_the_sign_in_page_has_no_sso_button(client):
    page = client.get(reverse("account_login")).content.decode()
    assert "Sign in with" not in page and "Or use your NHS account" not in page
    assert client.post(SSO_LOGIN).status_code == 404


def test_the_sign_in_page_offers_the_provider_configured_by_the_environment(client, provider):
    page = client.get(reverse("account_login")).content.decode()
    assert f"Sign in with {PROVIDER_NAME}" in page and f'action="{SSO_LOGIN}' in page
    app = provider.portal_settings["providers"]["openid_connect"]["APPS"][0]
    assert app["settings"]["oauth_pkce_enabled"] is True and app["settings"]["server_url"] == provider.url
    assert "http://" + urlsplit(provider.url).netloc in provider.portal_settings["form_action"]


def test_an_existing_active_login_signs_in_and_stays_linked(client, provider, same_org):
    user = login_with_email(same_org, KNOWN)
    response = sso_sign_in(client, KNOWN)
    assert response.status_code == 302 and response.url == reverse("home")
    assert signed_in_as(client) == user
    assert client.get(reverse("home")).status_code == 200
    account = SocialAccount.objects.get(user=user)
    assert account.provider == "sso"
    assert EmailAddress.objects.get(user=user, email__iexact=KNOWN).verified
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.SIGNED_IN, user=user).exists()
    client.post(reverse("account_logout"))
    assert sso_sign_in(client, KNOWN).url == reverse("home")  # the second time through the link
    assert signed_in_as(client) == user and SocialAccount.objects.filter(user=user).count() == 1


def test_a_pending_invitation_is_completed_by_single_sign_on(client, provider, same_org,
                                                             same_org_hr_admin):
    newcomer = PersonFactory(organisation=same_org, first_name="Nia", last_name="Newstart",
                             work_email=INVITED)
    invitation = invitations.invitation_send(actor=same_org_hr_admin, person=newcomer)
    response = sso_sign_in(client, INVITED)
    assert response.status_code == 302 and response.url == reverse("home")
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED and invitation.accepted_at is not None
    assert signed_in_as(client) == invitation.user
    assert EmailAddress.objects.get(user=invitation.user, email=INVITED).verified
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.INVITATION_ACCEPTED, user=invitation.user,
                                        detail="by single sign-on").exists()
    assert invitations.why_unusable(invitation) == (
        "This invitation has already been used. Sign in with your email and password.")


def test_an_expired_invitation_is_not_completed(client, provider, same_org, same_org_hr_admin):
    newcomer = PersonFactory(organisation=same_org, work_email=INVITED)
    invitation = invitations.invitation_send(actor=same_org_hr_admin, person=newcomer)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = sso_sign_in(client, INVITED)
    assert response.status_code == 403
    assert "Ask your organisation's HR team to send you a new invitation" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PENDING and signed_in_as(client) is None
    assert not SocialAccount.objects.exists()


def test_an_unknown_email_is_told_to_ask_hr_and_no_account_is_made(client, provider, same_org):
    login_with_email(same_org, KNOWN)
    users_before = User.objects.count()
    response = sso_sign_in(client, STRANGER)
    assert response.status_code == 403
    page = response.content.decode()
    assert ASK_HR in page and STRANGER in page
    assert User.objects.count() == users_before and not User.objects.filter(email__iexact=STRANGER).exists()
    assert not SocialAccount.objects.exists() and signed_in_as(client) is None
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.SIGN_IN_FAILED, email=STRANGER,
                                        detail__startswith="single sign-on").exists()


def test_an_unverified_email_signs_nobody_in_even_when_a_login_has_it(client, provider, same_org):
    login_with_email(same_org, UNVERIFIED)
    response = sso_sign_in(client, UNVERIFIED)
    assert response.status_code == 403 and "did not confirm your work email" in response.content.decode()
    assert signed_in_as(client) is None and not SocialAccount.objects.exists()


def test_a_deactivated_login_is_refused(client, provider, same_org):
    user = login_with_email(same_org, KNOWN)
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert sso_sign_in(client, KNOWN).status_code == 403
    assert signed_in_as(client) is None


def test_a_link_to_one_login_never_signs_in_another(client, provider, same_org):
    first = login_with_email(same_org, KNOWN)
    assert sso_sign_in(client, KNOWN).url == reverse("home")
    client.post(reverse("account_logout"))
    # HR moves the work email to another login; the provider's account still points at the first.
    first.email = "kim.previous@rt1.example.nhs.uk"
    first.save(update_fields=["email"])
    UserFactory(email=KNOWN.lower())
    assert sso_sign_in(client, KNOWN).status_code == 403
    assert signed_in_as(client) is None


def test_an_hr_admin_without_provider_mfa_must_set_up_totp(client, provider, same_org):
    login_with_email(same_org, ADMIN_PASSWORD_ONLY, role=Role.HR_ADMIN)
    assert sso_sign_in(client, ADMIN_PASSWORD_ONLY).url == reverse("home")
    response = client.get(reverse("people_list"))
    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")


def test_an_hr_admin_with_totp_and_without_provider_mfa_enters_a_code(client, provider, same_org):
    admin = login_with_email(same_org, ADMIN_PASSWORD_ONLY, role=Role.HR_ADMIN)
    secret = enrol_in_totp(admin)
    response = sso_sign_in(client, ADMIN_PASSWORD_ONLY)
    assert response.status_code == 302 and response.url == reverse("mfa_authenticate")
    assert signed_in_as(client) is None
    assert post_security_code(client, totp_code(secret)).url == reverse("home")
    assert signed_in_as(client) == admin


def test_an_hr_admin_whose_provider_did_mfa_needs_no_portal_totp(client, provider, same_org):
    admin = login_with_email(same_org, ADMIN_WITH_MFA, role=Role.HR_ADMIN)
    assert sso_sign_in(client, ADMIN_WITH_MFA).url == reverse("home")
    assert client.get(reverse("people_list")).status_code == 200
    enrol_in_totp(admin)  # enrolled or not, the provider's MFA stands for this sign-in
    client.post(reverse("account_logout"))
    assert sso_sign_in(client, ADMIN_WITH_MFA).url == reverse("home")
    assert client.get(reverse("people_list")).status_code == 200


def test_provider_mfa_does_not_carry_over_to_a_password_sign_in(client, provider, same_org):
    admin = login_with_email(same_org, ADMIN_WITH_MFA, role=Role.HR_ADMIN)
    assert sso_sign_in(client, ADMIN_WITH_MFA).url == reverse("home")
    client.post(reverse("account_logout"))
    post_sign_in(client, admin.email)
    response = client.get(reverse("people_list"))
    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")


@pytest.mark.parametrize(("extra", "named"), [
    ({}, "PORTAL_OIDC_CLIENT_ID"),
    ({"PORTAL_OIDC_CLIENT_ID": "portal", "PORTAL_OIDC_CLIENT_SECRET": "s",
      "PORTAL_OIDC_SERVER_URL": "http://login.example.nhs.uk/v2.0"}, "PORTAL_OIDC_SERVER_URL"),
])
def test_a_half_configured_sso_stops_start_up_naming_the_variable(extra, named):
    env = {**PRODUCTION_ENV, "PORTAL_OIDC_SERVER_URL": "https://login.example.nhs.uk/v2.0", **extra}
    result = manage("check", **env)
    assert result.returncode != 0 and named in result.stderr
