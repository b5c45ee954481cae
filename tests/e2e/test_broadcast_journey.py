"""A national admin sends an action-required broadcast to trusts; a manager acknowledges it from the
home page; the trust's HR admin sees the acknowledgement rate. Boards: the manager asks a question on
a board and finds it by a stemmed search. axe-core checks each page."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from communications import services
from communications.models import BroadcastReceipt
from leadership.models import ManagementLevel, OrganisationKind, Role
from tests.factories import OrganisationFactory, user_with_person
from tests.sign_in import enrol_in_totp, sign_in_with_password, sign_in_with_totp, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_action_is_sent_acknowledged_and_its_rate_seen_by_the_trusts_hr_admin(page, axe):
    """
    GIVEN a national admin, and a trust with a manager and an HR admin
    WHEN the national admin sends an action-required broadcast to NHS trusts
     AND the manager opens it from their home page and acknowledges it
    THEN the trust's HR admin sees that half of the trust's staff have acknowledged it
    """
    national = OrganisationFactory(ods_code="X24", kind=OrganisationKind.NATIONAL_BODY, name="NHS England")
    trust = OrganisationFactory(ods_code="RE5", name="Journey Hospitals NHS Trust")
    admin = user_with_person(national, role=Role.NATIONAL_ADMIN, first_name="Nia", last_name="National")
    manager = user_with_person(
        trust, first_name="Max", last_name="Manager", management_level=ManagementLevel.MIDDLE
    )
    hr_admin = user_with_person(trust, role=Role.HR_ADMIN, first_name="Hal", last_name="Admin")
    enrol_in_totp(admin)
    enrol_in_totp(hr_admin)

    sign_in_with_totp(page, axe, admin.email)
    page.goto(reverse("communications:broadcast_feed"))  # the header's link (it may sit under "More")
    axe(page)
    page.get_by_role("link", name="Broadcasts you have sent, and their read rates").click()
    axe(page)
    page.get_by_role("link", name="Send a broadcast").click()
    axe(page)
    page.get_by_label("Action required").check()
    page.get_by_label("Title").fill("Confirm your fire safety training")
    page.get_by_label("Message").fill("Every manager: **confirm** by Friday.")
    page.get_by_label("NHS trust", exact=True).check()
    page.get_by_role("button", name="Send broadcast").click()
    expect(page.get_by_text("The broadcast is sent.")).to_be_visible()
    axe(page)
    sign_out(page)

    sign_in_with_password(page, axe, manager.email)
    page.get_by_role("link", name="Acknowledge the broadcast: Confirm your fire safety training").click()
    axe(page)
    expect(page.locator("strong", has_text="confirm")).to_be_visible()
    page.get_by_role("button", name="Acknowledge").click()
    expect(page.get_by_text("Thank you: your acknowledgement is recorded.")).to_be_visible()
    axe(page)
    assert BroadcastReceipt.objects.get(person=manager.person).acknowledged_at is not None
    sign_out(page)

    sign_in_with_totp(page, axe, hr_admin.email)
    page.get_by_role("link", name="Confirm your fire safety training").first.click()
    axe(page)
    page.get_by_role("link", name="Read and acknowledgement rates").click()
    axe(page)
    row = page.get_by_role("row", name=re.compile("Journey Hospitals NHS Trust"))
    expect(row).to_contain_text("50%")


def test_a_manager_asks_on_a_board_and_finds_the_thread_by_a_stemmed_search(page, axe):
    trust = OrganisationFactory(ods_code="RE6", name="Board Hospitals NHS Trust")
    manager = user_with_person(
        trust, first_name="Bo", last_name="Manager", management_level=ManagementLevel.MIDDLE
    )
    services.boards_ensure()
    sign_in_with_password(page, axe, manager.email)
    page.goto(reverse("communications:board_list"))  # the header's link (it may sit under "More")
    axe(page)
    page.get_by_role("link", name="Engaging the team").click()
    axe(page)
    page.get_by_role("link", name="Start a thread on this board").click()
    axe(page)
    page.get_by_label("Title").fill("Appraisal at handover")
    page.get_by_label("Your post").fill("How do you fit an appraisal into a night shift?")
    page.get_by_label("Tags").fill("night shift")
    page.get_by_role("button", name="Post thread").click()
    expect(page.get_by_text("Your thread is posted.")).to_be_visible()
    axe(page)
    page.goto(reverse("communications:board_search") + "?q=appraisals")
    axe(page)
    expect(page.get_by_role("link", name="Appraisal at handover")).to_be_visible()
