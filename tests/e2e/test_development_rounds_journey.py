"""A manager reads their trend over two rounds, starts a third and saves it part-done, writes their career
aspiration, carries a need over with a note, and links an action in their overdue-for-review cycle to a
course found in the catalogue; axe-core checks each page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from leadership.development import framework_data, services
from leadership.models import Assessment, Competency, CompetencyFramework, ExpectedBehaviour, ManagementLevel
from tests.e2e.dates import fill_date
from tests.factories import OrganisationFactory, user_with_person
from tests.sign_in import sign_in_with_password
from tests.training.factories import CourseFactory, ProviderFactory, RunFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEED = "Coach the team through difficult conversations"


def _round(user, framework, level, days_ago):
    ratings = {c.id: (level, "") for c in framework.competencies.filter(organisation=None)}
    if Assessment.objects.filter(person=user.person, kind="self").exists():
        services.assessment_round_start(actor=user, person=user.person, kind="self", framework=framework)
    saved = services.assessment_save(actor=user, person=user.person, kind="self", framework=framework,
                                     ratings=ratings, submit=True)
    Assessment.objects.filter(id=saved.id).update(submitted_at=timezone.now() - timedelta(days=days_ago))


def test_a_manager_works_through_rounds_their_plan_and_a_course_for_an_action(page, axe):
    """
    GIVEN a middle manager with two submitted self-assessment rounds, a need and a cycle at day 95,
          and a coaching course in the catalogue with a run next month
    WHEN they open their development, read a competency's trend, start a new round and save two
         ratings to finish later, write their career aspiration, carry the need over with a note,
         and add an action to their cycle linked to the course found by its provider
    THEN each page shows what they did, and every page passes axe
    """
    framework = framework_data.load(CompetencyFramework, Competency, ExpectedBehaviour, timezone.now())
    competencies = list(framework.competencies.filter(organisation=None).order_by("position"))
    trust = OrganisationFactory(ods_code="RD3", name="Rounds Hospitals NHS Trust")
    maya = user_with_person(trust, first_name="Maya", last_name="Middleton", job_title="Ward manager",
                            management_level=ManagementLevel.MIDDLE)
    _round(maya, framework, 1, days_ago=200)
    _round(maya, framework, 3, days_ago=10)
    services.need_create(actor=maya, person=maya.person, description=NEED)
    services.cycle_start(actor=maya, person=maya.person, focus="Coaching",
                         starts_on=timezone.localdate() - timedelta(days=95))
    course = CourseFactory(provider=ProviderFactory(name="Pennine Coaching Partnership"),
                           title="Coaching for managers")
    next_run = timezone.localdate() + timedelta(days=30)
    RunFactory(course=course, starts_on=next_run)

    sign_in_with_password(page, axe, maya.email)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My development").click()
    page.wait_for_url(re.compile(r"/development/$"))
    expect(page.get_by_role("heading", name="Ratings over time")).to_be_visible()
    page.get_by_text(competencies[0].name, exact=True).first.click()  # opens the details
    table = page.get_by_role("table", name=f"{competencies[0].name} by round")
    expect(table).to_contain_text("Self, round 1")
    expect(table).to_contain_text("Self, round 2")
    chart = page.get_by_role("img", name=re.compile(rf"^{competencies[0].name}: ratings by round"))
    expect(chart).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Rate yourself against the framework").click()
    expect(page.get_by_text("Round 2, submitted")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Start a new round").click()
    expect(page.get_by_text("Round 3 is started: your earlier rounds are kept.")).to_be_visible()
    for competency in competencies[:2]:
        group = page.get_by_role("group", name=f"Your rating for {competency.name}")
        group.get_by_label("4 – Exemplary").check()
    page.get_by_role("button", name="Save and finish later").click()
    expect(page.get_by_text("Your ratings are saved. Come back to finish and submit them.")).to_be_visible()
    page.get_by_role("link", name="Rate yourself against the framework").click()
    expect(page.get_by_text("Round 3, draft: not submitted yet: 2 of 13 competencies rated.")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Submit ratings").click()  # 11 still unrated: refused, nothing written
    expect(page.get_by_role("alert")).to_contain_text("or save to finish later")
    axe(page)
    page.get_by_role("link", name="Back to my development").click()

    page.get_by_role("link", name="Write the career aspiration").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your career aspiration")
    axe(page)
    page.get_by_label("Career aspiration").fill("Become a matron within three years")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Become a matron within three years")).to_be_visible()

    page.get_by_role("link", name=re.compile(r"^Mark as met, dropped or carried over")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Update a development need")
    axe(page)
    page.get_by_label("Carried over: keep working on it in the next period").check()
    page.get_by_label("Note").fill("The team changes next quarter.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The need is marked carried over.")).to_be_visible()
    expect(page.get_by_text("Note: The team changes next quarter.")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="My 90-day cycle").click()
    expect(page.get_by_text("Review due", exact=True)).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Add an action").click()
    page.get_by_label("Find a course in the training catalogue").fill("pennine")
    page.get_by_role("button", name="Search the catalogue").click()
    expect(page.get_by_text("1 course found for “pennine”")).to_be_visible()
    axe(page)
    page.get_by_label("Action", exact=True).fill("Book the coaching course")
    fill_date(page, "Due date", timezone.localdate() + timedelta(days=40))
    page.get_by_label(re.compile(r"^Coaching for managers, Pennine Coaching Partnership")).check()
    page.get_by_role("button", name="Save action").click()
    expect(page.get_by_text("The action is added.")).to_be_visible()
    row = page.get_by_role("table", name="Actions in this cycle").get_by_role("row").filter(
        has_text="Book the coaching course")
    expect(row).to_contain_text(f"Course: Coaching for managers, Pennine Coaching Partnership "
                                f"(next run {next_run:%-d %B %Y})")
    axe(page)
