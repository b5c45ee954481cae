"""Signing in, for the Django test client and for the browser, with TOTP codes: one place for all tests.

Browser tests sign in as a person would (email, password, then a code for administrators); client
tests post the same forms. Every administrator in a test is enrolled with `enrol_in_totp`.
"""

import re
import time
from urllib.parse import parse_qs, quote

import pyotp
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse
from playwright.sync_api import expect

from leadership.demo import DEMO_TOTP_SECRET
from tests.factories import DEMO_PASSWORD

TOTP_SECRET = DEMO_TOTP_SECRET  # the demo administrators' published secret, as a newcomer would use it
SIGN_IN = "/accounts/login/"
SECURITY_CODE = "/accounts/2fa/authenticate/"
TOTP_WINDOW = 30  # seconds a code stays current


def enrol_in_totp(user, secret: str = TOTP_SECRET) -> str:
    """Set up TOTP for the user, as every administrator must; returns the secret."""
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str = TOTP_SECRET) -> str:
    return pyotp.TOTP(secret).now()


# The Django test client


def post_sign_in(client, email: str, password: str = DEMO_PASSWORD):
    return client.post(SIGN_IN, {"login": email, "password": password})


def post_security_code(client, code: str):
    return client.post(SECURITY_CODE, {"code": code})


def assert_sent_to_sign_in(response, next_path: str | None = None) -> None:
    """The response redirects to the sign-in page (coming back to next_path after, if given)."""
    assert response.status_code == 302, response.status_code
    path, _, query = response.url.partition("?")
    assert path == reverse("account_login"), response.url
    if next_path is not None:
        assert parse_qs(query).get("next") == [next_path], response.url


# The browser (Playwright)

_last_code_window: dict[str, int] = {}


def _wait_for_a_fresh_code(page, email: str) -> None:
    """A code is accepted once, and one typed as its window closes is refused: wait for a new one."""
    window = int(time.time() // TOTP_WINDOW)
    seconds_left = TOTP_WINDOW - time.time() % TOTP_WINDOW
    if _last_code_window.get(email) == window or seconds_left < 3:
        page.wait_for_timeout((seconds_left + 0.5) * 1000)


def _fill_sign_in_form(page, axe, email: str) -> None:
    page.goto(reverse("home"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    axe(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def wait_for_home(page) -> None:
    page.wait_for_url(re.compile(r"/$"))


def sign_in_with_password(page, axe, email: str) -> None:
    """People without an administrative role sign in with a password alone, and land on home."""
    _fill_sign_in_form(page, axe, email)
    wait_for_home(page)


def sign_in_with_totp(page, axe, email: str, secret: str = TOTP_SECRET) -> None:
    """Administrators sign in with a password, then the security code from their authenticator app."""
    _fill_sign_in_form(page, axe, email)
    page.wait_for_url(re.compile(re.escape(SECURITY_CODE)))
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    axe(page)
    _wait_for_a_fresh_code(page, email)
    page.get_by_label("Code").fill(totp_code(secret))
    _last_code_window[email] = int(time.time() // TOTP_WINDOW)
    page.get_by_role("button", name="Continue").click()
    wait_for_home(page)


def sign_in_to_two_factor_set_up(page, axe, email: str) -> None:
    """Someone given an administrative role before enrolling: the set-up page is all they reach (allauth
    may first ask for the password again on the way to it)."""
    _fill_sign_in_form(page, axe, email)
    set_up = reverse("mfa_activate_totp")
    page.wait_for_url(lambda url: set_up in url or quote(set_up, safe="") in url)
    axe(page)


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(re.escape(SIGN_IN)))
