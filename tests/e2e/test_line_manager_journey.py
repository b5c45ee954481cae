"""A line manager, as in the demo, opens My team, rates a report and comments on the report's recorded
check-in, by links alone from the header; axe-core checks every page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from leadership.development import framework_data, services
from leadership.models import Competency, CompetencyFramework, ExpectedBehaviour, ManagementLevel
from tests.factories import OrganisationFactory, user_with_person
from tests.sign_in import sign_in_with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROGRESS = "Ran the first improvement huddle; two ideas are being tried on the ward."
COMMENT = "Good start: bring the two ideas to our next one-to-one."


def test_a_line_manager_rates_a_report_and_comments_on_their_check_in(page, axe):
    """
    GIVEN a middle manager whose report has an active 90-day cycle with the day 30 check-in recorded
    WHEN the manager opens My team from the header, rates the report from the self-assessment column,
         goes back to My team, opens the report's cycle and comments on the day 30 check-in
    THEN the ratings are saved, the comment shows on the cycle, and every page passes axe
    """
    # Transactional tests flush the database, so the framework the data migration loads is reloaded.
    framework = framework_data.load(CompetencyFramework, Competency, ExpectedBehaviour, timezone.now())
    competencies = list(framework.competencies.filter(organisation=None).order_by("position"))
    trust = OrganisationFactory(ods_code="RD2", name="Demo-like Hospitals NHS Trust")
    manager = user_with_person(trust, first_name="Maya", last_name="Middleton", job_title="Ward manager",
                               management_level=ManagementLevel.MIDDLE)
    report = user_with_person(trust, first_name="Rita", last_name="Report", job_title="Sister",
                              line_manager=manager.person, management_level=ManagementLevel.FIRST_LINE)
    cycle = services.cycle_start(actor=report, focus="Quality improvement on the ward",
                                 starts_on=timezone.localdate() - timedelta(days=35), person=report.person)
    services.check_in_record(actor=report, check_in=cycle.check_ins.get(day=30), progress=PROGRESS)

    sign_in_with_password(page, axe, manager.email)
    menu = page.get_by_role("navigation", name="Menu")
    menu.get_by_role("link", name="My team").click()
    page.wait_for_url(re.compile(r"/team/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My team")
    axe(page)

    rita_row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Rita Report", exact=True))
    rita_row.get_by_role("link", name=re.compile(r"^Not yet")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rate Rita Report")
    axe(page)
    for competency in competencies:
        group = page.get_by_role("group", name=f"Your rating for {competency.name}")
        group.get_by_label("3 – Strong").check()
    page.get_by_role("button", name="Submit ratings").click()
    expect(page.get_by_text("Your ratings are submitted.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Development of Rita Report")
    axe(page)

    menu.get_by_role("link", name="My team").click()
    page.wait_for_url(re.compile(r"/team/$"))
    rita_row.get_by_role("link", name=re.compile(r"^Next check-in")).click()
    expect(page.get_by_text(PROGRESS)).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Day 30 check-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Day 30 check-in")
    axe(page)
    page.get_by_label("Your comment as line manager").fill(COMMENT)
    page.get_by_role("button", name="Save comment").click()
    expect(page.get_by_text("Your comment is saved.")).to_be_visible()
    expect(page.get_by_text(COMMENT)).to_be_visible()
    axe(page)
