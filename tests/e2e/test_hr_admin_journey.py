"""An HR admin signs in, finds a person and opens their page; axe-core checks every page on the way."""

import re

import pytest
from playwright.sync_api import expect

from leadership import services
from leadership.models import ManagementLevel, Role
from tests.factories import OrganisationFactory, PersonFactory, user_with_person
from tests.sign_in import enrol_in_totp, sign_in_with_totp, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def trust():
    return OrganisationFactory(ods_code="RE2", name="Browser Test Hospitals NHS Trust")


@pytest.fixture
def hr_admin(trust):
    """An HR admin enrolled in TOTP, as every administrator must be."""
    user = user_with_person(trust, role=Role.HR_ADMIN, first_name="Harriet", last_name="Admin",
                            job_title="HR business partner")
    enrol_in_totp(user)
    return user


@pytest.fixture
def nurse(trust, hr_admin):
    """A person with a line manager, changed once through a page-like service call."""
    manager = PersonFactory(organisation=trust, first_name="Morgan", last_name="Manager",
                            job_title="Ward manager", management_level=ManagementLevel.MIDDLE)
    nurse = PersonFactory(organisation=trust, line_manager=manager, first_name="Priya",
                          last_name="Zephyrine", job_title="Charge nurse",
                          management_level=ManagementLevel.FIRST_LINE)
    return services.person_update(actor=hr_admin, person=nurse, line_manager=manager,
                                  job_title="Senior charge nurse")


def test_hr_admin_finds_a_person_and_opens_their_page_with_no_serious_accessibility_issue(
        page, axe, trust, hr_admin, nurse):
    """
    GIVEN an HR admin and a nurse with a line manager in the same trust
    WHEN the HR admin signs in with password and TOTP code, searches People by surname
     AND opens the nurse's page
    THEN every page passes axe, and the nurse's page shows her details and change history
    """
    sign_in_with_totp(page, axe, hr_admin.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Harriet")
    expect(page.get_by_role("heading", name="Browser Test Hospitals NHS Trust")).to_be_visible()
    axe(page)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="People").click()
    page.wait_for_url(re.compile(r"/people/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    axe(page)

    page.get_by_label("Name, email, job title or employee number").fill("Zephyrine")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/people/\?.*q=Zephyrine"))
    expect(page.get_by_role("heading", name="1 person found")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Priya Zephyrine").click()
    page.wait_for_url(re.compile(rf"/people/{nurse.public_id}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Priya Zephyrine")
    expect(page.get_by_text("Senior charge nurse").first).to_be_visible()
    expect(page.get_by_role("link", name="Morgan Manager")).to_be_visible()
    expect(page.get_by_role("heading", name="Change history")).to_be_visible()
    history = page.get_by_role("table", name="Change history for Priya Zephyrine")
    expect(history).to_contain_text(hr_admin.email)
    expect(history).to_contain_text("Senior charge nurse")
    axe(page)

    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="Browser Test Hospitals NHS Trust").click()
    page.wait_for_url(re.compile(r"/organisations/RE2/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Browser Test Hospitals NHS Trust")
    axe(page)

    page.get_by_role("button", name="Import staff from ESR").click()
    page.wait_for_url(re.compile(r"/organisations/RE2/import/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Import staff from ESR")
    expect(page.get_by_label("Staff file (CSV, UTF-8)")).to_be_visible()
    axe(page)

    sign_out(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
