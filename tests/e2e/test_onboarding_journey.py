"""A trust brings a new manager in: the HR admin invites them from the people list, the invitation
email is in the outbox, the manager opens its link, sets a password and lands on their home page and
their development; the HR admin makes them board secretary, and at their next sign-in they must set
up two-factor authentication first. axe-core checks every page on the way."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from leadership.models import ManagementLevel, Notification, Role
from tests.factories import DEMO_PASSWORD, OrganisationFactory, PersonFactory, user_with_person
from tests.sign_in import enrol_in_totp, sign_in_to_two_factor_set_up, sign_in_with_totp, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEWCOMER = "nia.newstart@re3.example.nhs.uk"


@pytest.fixture
def trust():
    return OrganisationFactory(ods_code="RE3", name="Onboarding Test Hospitals NHS Trust")


@pytest.fixture
def hr_admin(trust):
    user = user_with_person(trust, role=Role.HR_ADMIN, first_name="Harriet", last_name="Admin")
    enrol_in_totp(user)
    return user


def test_an_invited_manager_gets_in_and_a_new_role_asks_for_two_factor_first(page, axe, trust, hr_admin):
    PersonFactory(organisation=trust, first_name="Nia", last_name="Newstart", work_email=NEWCOMER,
                  management_level=ManagementLevel.MIDDLE)

    sign_in_with_totp(page, axe, hr_admin.email)
    page.goto(reverse("people_list"))
    page.get_by_label("Login").select_option(label="No login")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 person found")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Invite the people found who have no login").click()
    expect(page.get_by_text("1 invitation will go out")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Send 1 invitation").click()
    expect(page.get_by_text("Invitations sent: 1.")).to_be_visible()
    sign_out(page)

    email = Notification.objects.get(kind="invitation", recipient__email=NEWCOMER)
    assert email.link.startswith("/invitations/")
    page.goto(email.link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set your password")
    axe(page)
    page.get_by_label("Create a password").fill(DEMO_PASSWORD)
    page.get_by_label("Type the password again").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Set my password and sign in").click()
    page.wait_for_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Nia")
    axe(page)
    page.goto(reverse("development:my_development"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("development")
    axe(page)
    sign_out(page)

    sign_in_with_totp(page, axe, hr_admin.email)
    page.goto(reverse("organisation_detail", args=["RE3"]))
    page.get_by_role("link", name="Grant a role").click()
    axe(page)
    page.get_by_label("Work email of their login").fill(NEWCOMER)
    page.get_by_label("Board secretary").check()
    page.get_by_role("button", name="Grant the role").click()
    expect(page.get_by_text(f"{NEWCOMER} is now Board secretary")).to_be_visible()
    sign_out(page)

    sign_in_to_two_factor_set_up(page, axe, NEWCOMER)
