"""Sign-in security: lock-out, MFA for administrators, TOTP replay, session lifetime, events."""

import time

import pyotp
import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.test import Client
from django.urls import reverse

from leadership.models import SecurityEvent
from leadership.security import user_deactivate
from tests.factories import DEMO_PASSWORD, UserFactory
from tests.sign_in import assert_sent_to_sign_in, enrol_in_totp, post_security_code, post_sign_in, totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_rate_limits():
    from django.core.cache import cache

    cache.clear()


def test_sixth_attempt_is_refused_even_with_the_right_password(client):
    user = UserFactory()
    for _ in range(5):
        assert post_sign_in(client, user.email, "wrong-password-123").status_code == 200
    response = post_sign_in(client, user.email)
    assert "_auth_user_id" not in client.session
    assert b"Too many failed login attempts" in response.content
    assert SecurityEvent.objects.filter(kind="locked_out", email=user.email).exists()
    with time_machine.travel(time.time() + 301, tick=False):
        post_sign_in(client, user.email)
        assert client.session["_auth_user_id"] == str(user.pk)


def test_unknown_and_known_accounts_get_the_same_answer(client):
    user = UserFactory()
    known = post_sign_in(client, user.email, "wrong-password-123")
    unknown = post_sign_in(client, "nobody@example.nhs.uk", "wrong-password-123")
    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors


def test_hr_admin_without_mfa_reaches_only_mfa_set_up(client, same_org_hr_admin):
    client.force_login(same_org_hr_admin)
    for url in (reverse("home"), reverse("people_list"), "/admin/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code in {200, 302}


def test_manager_without_a_role_does_not_need_mfa(client_for, same_org_manager):
    assert client_for(same_org_manager).get(reverse("home")).status_code == 200


def test_enrolled_hr_admin_signs_in_with_a_totp_code_that_works_only_once(same_org_hr_admin):
    secret = enrol_in_totp(same_org_hr_admin, pyotp.random_base32())
    code = totp_code(secret)
    first = Client()
    post_sign_in(first, same_org_hr_admin.email)
    post_security_code(first, code)
    assert first.get(reverse("people_list")).status_code == 200
    replay = Client()
    post_sign_in(replay, same_org_hr_admin.email)
    response = post_security_code(replay, code)
    assert "_auth_user_id" not in replay.session
    assert response.status_code == 200


def test_mfa_codes_lock_out_after_five_failures(same_org_hr_admin):
    secret = enrol_in_totp(same_org_hr_admin, pyotp.random_base32())
    client = Client()
    post_sign_in(client, same_org_hr_admin.email)
    for _ in range(5):
        post_security_code(client, "000000")
    refused = post_security_code(client, totp_code(secret))
    assert "_auth_user_id" not in client.session
    assert b"Too many failed" in refused.content
    assert SecurityEvent.objects.filter(kind="mfa_failed", user=same_org_hr_admin).count() >= 5


def test_session_ends_after_12_hours_however_active(client, same_org_manager):
    post_sign_in(client, same_org_manager.email)
    start = time.time()
    for minutes in range(25, 12 * 60, 25):  # a request every 25 minutes keeps it from idling out
        with time_machine.travel(start + minutes * 60, tick=False):
            assert client.get(reverse("home")).status_code == 200
    with time_machine.travel(start + 12.1 * 3600, tick=False):
        response = client.get(reverse("home"))
    assert_sent_to_sign_in(response, next_path=reverse("home"))


def test_session_ends_after_30_idle_minutes(client, same_org_manager):
    post_sign_in(client, same_org_manager.email)
    with time_machine.travel(time.time() + 29 * 60, tick=False):
        assert client.get(reverse("home")).status_code == 200  # still in use: the idle clock restarts
    with time_machine.travel(time.time() + 29 * 60 + 31 * 60, tick=False):
        response = client.get(reverse("home"))
        sign_in_page = client.get(response.url)
    assert_sent_to_sign_in(response, next_path=reverse("home"))
    assert sign_in_page.status_code == 200
    assert "account/login.html" in [template.name for template in sign_in_page.templates]
    assert "_auth_user_id" not in client.session  # the session is gone, not just refused once
    assert_sent_to_sign_in(client.get(reverse("home")), next_path=reverse("home"))


def test_sign_in_gives_a_new_session_key(client, same_org_manager):
    post_sign_in(client, same_org_manager.email, "wrong-password-123")  # an anonymous session exists
    before = client.session.session_key
    assert before
    post_sign_in(client, same_org_manager.email)
    assert client.session["_auth_user_id"] == str(same_org_manager.pk)
    assert client.session.session_key != before


def test_deactivating_a_user_ends_their_sessions(same_org_manager, same_org_hr_admin):
    client = Client()
    post_sign_in(client, same_org_manager.email)
    client.get(reverse("home"))
    assert UserSession.objects.filter(user=same_org_manager).exists()
    user_deactivate(actor=same_org_hr_admin, user=same_org_manager)
    assert not UserSession.objects.filter(user=same_org_manager).exists()
    assert_sent_to_sign_in(client.get(reverse("home")), next_path=reverse("home"))
    assert SecurityEvent.objects.filter(kind="user_deactivated", actor=same_org_hr_admin).exists()


def test_security_events_hold_no_password(client):
    user = UserFactory()
    post_sign_in(client, user.email, "wrong-password-123")
    post_sign_in(client, user.email)
    rows = list(SecurityEvent.objects.values_list("email", "detail"))
    assert {"sign_in_failed", "signed_in"} <= set(SecurityEvent.objects.values_list("kind", flat=True))
    assert all("wrong-password" not in f"{email}{detail}" and DEMO_PASSWORD not in f"{email}{detail}"
               for email, detail in rows)


def test_only_national_admins_see_security_events(client_for, same_org_manager):
    assert client_for(same_org_manager).get(reverse("security_events")).status_code == 404


def test_admin_login_goes_through_the_portal_sign_in(client):
    assert_sent_to_sign_in(client.get("/admin/login/?next=/admin/"))


@pytest.mark.parametrize("password", ["short-pass", "password1234", "123456789012345"])
def test_weak_passwords_are_refused(password):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password(password)


def test_long_passphrases_without_symbols_are_accepted():
    from django.contrib.auth.password_validation import validate_password

    validate_password("staff rota for the winter ward " * 3)


def test_authenticator_type_is_totp(same_org_hr_admin):
    enrol_in_totp(same_org_hr_admin, pyotp.random_base32())
    assert Authenticator.objects.get(user=same_org_hr_admin).type == Authenticator.Type.TOTP
