"""Single sign-on in the browser, end to end: the portal's sign-in page, the SSO button, the real
test OpenID Connect provider's login form (tests/oidc_provider, on the other loopback name), and
back to the portal signed in. Nothing is mocked: the code exchange, ID token and userinfo are real.
"""

import re

import pytest
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse
from playwright.sync_api import expect

from leadership.invitations import services as invitations
from leadership.models import Invitation, Role, User
from tests.e2e.conftest import AXE
from tests.factories import PersonFactory, user_with_person
from tests.sign_in import SIGN_IN
from tests.sso.provider import (
    ADMIN_PASSWORD_ONLY,
    ADMIN_WITH_MFA,
    INVITED,
    KNOWN,
    PROVIDER_NAME,
    PROVIDER_PASSWORD,
    STRANGER,
    provider_for,  # noqa: F401 - a fixture
    use_provider,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def provider(provider_for, live_server, settings):  # noqa: F811 - the fixture above
    started = provider_for([live_server.url])
    use_provider(settings, started)
    return started


@pytest.fixture
def fresh_page(browser, live_server, csp_violations, provider):
    """new(): a page in a browser of its own (no cookies at the portal or the provider), which may
    reach the portal and the provider and nothing else."""
    contexts = []
    allowed = (live_server.url, provider.url.rsplit("/o", 1)[0])

    def new():
        context = browser.new_context(base_url=live_server.url, locale="en-GB",
                                      viewport={"width": 1280, "height": 900})
        context.set_default_timeout(20_000)
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(allowed)
                      else route.abort())
        context.add_init_script(path=str(AXE))
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: csp_violations.append(f"{page.url}: {message.text}")
                if "Content Security Policy" in message.text and "Loading the font" not in message.text
                else None)
        return page

    yield new
    for context in contexts:
        context.close()


def sign_in_with_sso(page, axe, provider, email: str) -> None:
    page.goto(SIGN_IN)
    axe(page)
    page.get_by_role("button", name=f"Sign in with {PROVIDER_NAME}").click()
    page.wait_for_url(re.compile("^" + re.escape(provider.url.rsplit("/o", 1)[0]) + "/login/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Test identity provider")
    axe(page)
    page.get_by_label("Provider email").fill(email)
    page.get_by_label("Provider password").fill(PROVIDER_PASSWORD)
    page.get_by_role("button", name="Sign in to the provider").click()
    if page.get_by_role("button", name="Authorize").count():  # consent, when the provider asks
        page.get_by_role("button", name="Authorize").click()


def at_home(page, axe) -> None:
    page.wait_for_url(re.compile(r"^http://[^/]+/$"))
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    axe(page)


def test_a_known_login_signs_in_and_a_stranger_is_told_to_ask_hr(fresh_page, axe, provider, same_org):
    user = user_with_person(same_org, work_email=KNOWN.lower())
    User.objects.filter(pk=user.pk).update(email=KNOWN.lower())
    page = fresh_page()
    sign_in_with_sso(page, axe, provider, KNOWN)
    at_home(page, axe)
    assert SocialAccount.objects.filter(user=user).count() == 1

    users_before = User.objects.count()
    page = fresh_page()
    sign_in_with_sso(page, axe, provider, STRANGER)
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have a Leadership Portal login yet")
    expect(page.get_by_text("Ask your organisation's HR team to invite you")).to_be_visible()
    axe(page)
    assert User.objects.count() == users_before
    page.get_by_role("link", name="Back to sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def test_an_invited_person_completes_their_invitation_with_sso(fresh_page, axe, provider, same_org,
                                                              same_org_hr_admin):
    newcomer = PersonFactory(organisation=same_org, first_name="Nia", last_name="Newstart",
                             work_email=INVITED)
    invitation = invitations.invitation_send(actor=same_org_hr_admin, person=newcomer)
    page = fresh_page()
    sign_in_with_sso(page, axe, provider, INVITED)
    at_home(page, axe)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED


def test_an_hr_admin_needs_portal_totp_unless_the_provider_did_mfa(fresh_page, axe, provider, same_org):
    for email in (ADMIN_PASSWORD_ONLY, ADMIN_WITH_MFA):
        admin = user_with_person(same_org, role=Role.HR_ADMIN, work_email=email)
        admin.email = email
        admin.set_unusable_password()  # signs in by SSO only (a password would be confirmed first)
        admin.save(update_fields=["email", "password"])

    page = fresh_page()
    sign_in_with_sso(page, axe, provider, ADMIN_PASSWORD_ONLY)
    page.wait_for_url(re.compile(re.escape(reverse("mfa_activate_totp"))))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor authentication")
    axe(page)
    page.goto(reverse("people_list"))  # nothing else until TOTP is set up
    page.wait_for_url(re.compile(re.escape(reverse("mfa_activate_totp"))))

    page = fresh_page()
    sign_in_with_sso(page, axe, provider, ADMIN_WITH_MFA)  # amr ["pwd", "mfa"]
    at_home(page, axe)
    page.goto(reverse("people_list"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert reverse("mfa_activate_totp") not in page.url
    axe(page)
