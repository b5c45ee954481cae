"""A manager rates themself, records a development need, plans an action in their 90-day cycle and
records a check-in; axe-core checks each page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from leadership.development import framework_data
from leadership.models import Competency, CompetencyFramework, ExpectedBehaviour, ManagementLevel
from tests.e2e.dates import fill_date
from tests.factories import OrganisationFactory, PersonFactory, user_with_person
from tests.sign_in import sign_in_with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


NEED = "Prepare for and lead negotiations with suppliers"
ACTION = "Shadow the procurement lead at two contract meetings"
PROGRESS = "Shadowed the first contract meeting and drafted my opening position."


def _gap_row(page, gaps, competency):
    return gaps.get_by_role("row").filter(has=page.get_by_role("rowheader", name=competency, exact=True))


def test_a_manager_rates_themself_records_a_need_and_an_action_and_checks_in(page, axe):
    """
    GIVEN the published national framework and a middle manager with a line manager
    WHEN the manager rates themself against every competency for their level, with evidence,
         adds a development need from the gap, starts a 90-day cycle, adds an action for the need
         and records the day 30 check-in
    THEN the gap view shows their rating and the gap, the need and its action are listed, the
         check-in shows as recorded with its progress, and every page passes axe
    """
    # Transactional tests flush the database, so the framework the data migration loads is reloaded.
    framework = framework_data.load(CompetencyFramework, Competency, ExpectedBehaviour, timezone.now())
    competencies = list(framework.competencies.filter(organisation=None).order_by("position"))
    trust = OrganisationFactory(ods_code="RD1", name="Developing Hospitals NHS Trust")
    boss = PersonFactory(organisation=trust, first_name="Bea", last_name="Boss",
                         job_title="Director of operations", management_level=ManagementLevel.SENIOR)
    manager = user_with_person(trust, first_name="Maya", last_name="Middleton",
                               job_title="Outpatients manager", line_manager=boss,
                               management_level=ManagementLevel.MIDDLE)
    today = timezone.localdate()

    sign_in_with_password(page, axe, manager.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Maya")
    axe(page)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My development").click()
    page.wait_for_url(re.compile(r"/development/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My development")
    axe(page)

    page.get_by_role("link", name="Rate yourself against the framework").click()
    page.wait_for_url(re.compile(r"/development/assessment/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Rate yourself")
    expect(page.get_by_text("Against the expected behaviours for Middle managers")).to_be_visible()
    axe(page)
    for competency in competencies:
        rating = "1 – Essential" if competency.code == "basics-negotiation" else "3 – Strong"
        page.get_by_role("group", name=f"Your rating for {competency.name}").get_by_label(rating).check()
    page.get_by_label("Evidence for Negotiation (optional)").fill(
        "I have not yet led a negotiation; the procurement team handles our contracts.")
    page.get_by_label("Evidence for Leadership (optional)").fill(
        "Led the outpatients redesign that cut missed appointments.")
    page.get_by_role("button", name="Submit ratings").click()
    page.wait_for_url(re.compile(r"/development/$"))
    expect(page.get_by_text("Your ratings are submitted.")).to_be_visible()
    gaps = page.get_by_role("table", name="Ratings against the expected level for each competency")
    negotiation = _gap_row(page, gaps, "Negotiation")
    expect(negotiation).to_contain_text("2 – Proficient")  # expected of a middle manager
    expect(negotiation).to_contain_text("1 – Essential")  # the manager's own rating
    expect(negotiation).to_contain_text("1.0 below")
    leadership = _gap_row(page, gaps, "Leadership")
    expect(leadership).to_contain_text("3 – Strong")
    expect(leadership).to_contain_text("Meets or exceeds")
    axe(page)

    page.get_by_role("link", name="Add a development need").click()
    page.wait_for_url(re.compile(r"/development/people/[0-9a-f-]+/needs/new/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a development need for Maya Middleton")
    axe(page)
    page.get_by_label("Competency (optional)").select_option(label="Negotiation")
    page.get_by_label("What do you need to develop?").fill(NEED)
    page.get_by_role("button", name="Add need").click()
    page.wait_for_url(re.compile(r"/development/people/[0-9a-f-]+/$"))
    expect(page.get_by_text("The development need is added to the plan.")).to_be_visible()
    expect(page.get_by_role("heading", name=NEED)).to_be_visible()
    expect(page.get_by_text("Negotiation · Open")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="My 90-day cycle").click()
    page.wait_for_url(re.compile(r"/development/cycle/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My 90-day cycle")
    axe(page)
    page.get_by_label("Focus of this 90-day cycle").fill("Negotiate with confidence")
    # The start date is prefilled with today, in the day, month and year boxes.
    expect(page.get_by_role("group", name="Start date").get_by_label("Day")).to_have_value(str(today.day))
    expect(page.get_by_role("group", name="Start date").get_by_label("Year")).to_have_value(str(today.year))
    page.get_by_role("button", name="Start a 90-day cycle").click()
    page.wait_for_url(re.compile(r"/development/cycles/[0-9a-f-]+/$"))
    expect(page.get_by_text("Your 90-day cycle has started. Add your first actions.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("90-day cycle: Negotiate with confidence")
    expect(page.get_by_text("There are no actions in this cycle yet.")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Add an action").click()
    page.wait_for_url(re.compile(r"/development/cycles/[0-9a-f-]+/actions/new/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an action")
    axe(page)
    page.get_by_label("Action", exact=True).fill(ACTION)
    fill_date(page, "Due date", today + timedelta(days=21))
    page.get_by_label("Development need (optional)").select_option(label=NEED)
    page.get_by_role("button", name="Save action").click()
    page.wait_for_url(re.compile(r"/development/cycles/[0-9a-f-]+/$"))
    expect(page.get_by_text("The action is added.")).to_be_visible()
    action_row = page.get_by_role("table", name="Actions in this cycle").get_by_role("row").filter(
        has_text=ACTION)
    expect(action_row).to_contain_text("Maya Middleton")
    expect(action_row).to_contain_text("Not started")
    expect(action_row).to_contain_text("Need: Prepare for and lead negotiations")
    axe(page)

    day_30 = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name=re.compile(r"Day 30 check-in")))
    expect(day_30).to_contain_text("Upcoming")
    day_30.get_by_role("link", name="Day 30 check-in").click()
    page.wait_for_url(re.compile(r"/development/cycles/[0-9a-f-]+/check-ins/30/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Day 30 check-in")
    axe(page)
    page.get_by_label("Progress since the last check-in").fill(PROGRESS)
    page.get_by_role("button", name="Record check-in").click()
    page.wait_for_url(re.compile(r"/development/cycles/[0-9a-f-]+/$"))
    expect(page.get_by_text("Your day 30 check-in is recorded.")).to_be_visible()
    expect(day_30).to_contain_text("Recorded")
    expect(day_30).to_contain_text(PROGRESS)
    axe(page)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My development").click()
    page.wait_for_url(re.compile(r"/development/$"))
    need = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name=NEED))
    expect(need.get_by_role("listitem")).to_contain_text(f"{ACTION} (Not started, due")
    axe(page)
