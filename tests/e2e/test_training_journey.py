"""A manager finds a course and asks for a place, their line manager approves, the trust's HR admin
records completion and the manager rates the course; axe-core checks each page."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from leadership.models import ManagementLevel, Role
from tests.e2e.dates import fill_date
from tests.factories import OrganisationFactory, user_with_person
from tests.sign_in import enrol_in_totp, sign_in_with_password, sign_in_with_totp, sign_out
from tests.training.factories import CourseFactory, ProviderFactory, RunFactory
from training.models import Course, Enrolment, Evaluation, TrainingRecord

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


COURSE = "Negotiating for NHS managers"


def _open_my_training(page, axe):
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Training").click()
    page.wait_for_url(re.compile(r"/training/$"))
    page.get_by_role("link", name="Your training").click()
    page.wait_for_url(re.compile(r"/training/mine/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your training")
    axe(page)


def test_a_manager_finds_asks_for_and_rates_a_course_their_line_manager_approves(page, axe):
    """
    GIVEN an accredited provider with a negotiation course running today and another course, a middle
          manager, their line manager (also a manager) and the trust's HR admin enrolled in TOTP
    WHEN the manager searches and filters the catalogue, opens the course and asks for a place,
     AND the line manager approves the request,
     AND the HR admin, signing in with a TOTP code, records the place as completed,
     AND the manager rates the course
    THEN each step shows its result (waiting, confirmed, completed, rated), the rating is stored, and
         every page passes axe
    """
    today = timezone.localdate()
    trust = OrganisationFactory(ods_code="RT1", name="Training Hospitals NHS Trust")
    provider = ProviderFactory(name="Browser Test University")
    course = CourseFactory(provider=provider, code="browser-negotiation", title=COURSE,
                           summary="Preparing for and closing negotiations with staff and suppliers.",
                           topics=[Course.Topic.NEGOTIATION], levels=[ManagementLevel.MIDDLE],
                           mode=Course.Mode.BLENDED, hours=Decimal("14"), cost=Decimal("350"),
                           competency_codes=["basics-negotiation"])
    CourseFactory(provider=provider, code="browser-appraisal", title="Appraising with care",
                  topics=[Course.Topic.APPRAISAL], levels=[ManagementLevel.MIDDLE])
    run = RunFactory(course=course, starts_on=today, ends_on=today, place="Leeds", capacity=10)
    boss = user_with_person(trust, first_name="Bea", last_name="Boss", job_title="Director of operations",
                            management_level=ManagementLevel.SENIOR)
    manager = user_with_person(trust, first_name="Maya", last_name="Middleton",
                               job_title="Outpatients manager", line_manager=boss.person,
                               management_level=ManagementLevel.MIDDLE)
    hr_admin = user_with_person(trust, role=Role.HR_ADMIN, first_name="Harriet", last_name="Admin")
    enrol_in_totp(hr_admin)

    # The manager finds the course and asks for a place.
    sign_in_with_password(page, axe, manager.email)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Training").click()
    page.wait_for_url(re.compile(r"/training/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Training catalogue")
    expect(page.get_by_role("link", name="Appraising with care")).to_be_visible()
    axe(page)
    page.get_by_label("Search courses").fill("negotiat")
    page.get_by_label("Topic").select_option(label="Negotiation (management basics)")
    page.get_by_label("Management level").select_option(label="Middle")
    page.get_by_label("Only accredited providers").check()
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/training/\?.*q=negotiat"))
    expect(page.get_by_role("heading", name="1 course found")).to_be_visible()
    expect(page.get_by_role("link", name="Appraising with care")).to_have_count(0)
    axe(page)

    page.get_by_role("link", name=COURSE).click()
    page.wait_for_url(re.compile(rf"/training/courses/{course.public_id}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(COURSE)
    runs = page.get_by_role("table", name=f"Runs of {COURSE}")
    expect(runs).to_contain_text("10 of 10")
    axe(page)
    runs.get_by_role("link", name=re.compile(r"^Ask for a place")).click()
    page.wait_for_url(re.compile(rf"/training/runs/{run.public_id}/request/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Ask for a place on {COURSE}")
    axe(page)
    expect(page.get_by_label("Maya Middleton")).to_be_checked()
    page.get_by_role("button", name="Ask for a place").click()
    page.wait_for_url(re.compile(rf"/training/courses/{course.public_id}/$"))
    expect(page.get_by_text("Place asked for: Waiting for line manager.")).to_be_visible()
    expect(runs).to_contain_text("Waiting for line manager")
    axe(page)
    sign_out(page)

    # The line manager approves the request.
    sign_in_with_password(page, axe, boss.email)
    _open_my_training(page, axe)
    expect(page.get_by_role("heading", name="Requests waiting for your decision")).to_be_visible()
    page.get_by_role("link", name=re.compile(rf"^Maya Middleton: {COURSE}")).click()
    page.wait_for_url(re.compile(r"/training/enrolments/[0-9a-f-]+/decide/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Maya Middleton asks for a place")
    axe(page)
    page.get_by_label("Approve the request").check()
    page.get_by_role("button", name="Save decision").click()
    page.wait_for_url(re.compile(r"/training/mine/$"))
    expect(page.get_by_text("Maya Middleton: Place confirmed.")).to_be_visible()
    expect(page.get_by_role("heading", name="Requests waiting for your decision")).to_have_count(0)
    axe(page)
    sign_out(page)

    # The HR admin records that the manager completed the course.
    sign_in_with_totp(page, axe, hr_admin.email)
    page.goto(reverse("training:person_training", args=[manager.person.public_id]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Training: Maya Middleton")
    places = page.get_by_role("table", name="Places asked for")
    expect(places.get_by_role("row").filter(has_text=COURSE)).to_contain_text("Place confirmed")
    axe(page)
    places.get_by_role("link", name=f"Record the outcome of {COURSE}").click()
    page.wait_for_url(re.compile(rf"/training/people/{manager.person.public_id}/records/new/\?enrolment="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record training for Maya Middleton")
    axe(page)
    page.get_by_label("Completed").check()
    fill_date(page, "Date", today)
    page.get_by_role("button", name="Record training").click()
    page.wait_for_url(re.compile(rf"/training/people/{manager.person.public_id}/$"))
    expect(page.get_by_text("The training was recorded.")).to_be_visible()
    record_row = page.get_by_role("table", name="Training records").get_by_role("row").filter(has_text=COURSE)
    expect(record_row).to_contain_text("Completed")
    expect(record_row).to_contain_text("14.0")
    axe(page)
    sign_out(page)

    # The manager rates the course.
    sign_in_with_password(page, axe, manager.email)
    _open_my_training(page, axe)
    record_row = page.get_by_role("table", name="Training records").get_by_role("row").filter(has_text=COURSE)
    expect(record_row).to_contain_text("Completed")
    # The visually hidden ": <title>" is positioned absolutely, so the name reads "Rate this course : ...".
    record_row.get_by_role("link", name=re.compile(rf"^Rate this course\W+{COURSE}$")).click()
    page.wait_for_url(re.compile(r"/training/records/[0-9a-f-]+/rate/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Rate {COURSE}")
    axe(page)
    page.get_by_role("group", name="How good was the content?").get_by_label("4 – good").check()
    page.get_by_role("group", name="How well was it delivered?").get_by_label("5 – very good").check()
    page.get_by_role("group", name="How relevant is it to your job?").get_by_label("4 – good").check()
    page.get_by_label("Comment (optional)").fill("Practical role play with real supplier scenarios.")
    page.get_by_role("button", name="Send rating").click()
    page.wait_for_url(re.compile(r"/training/mine/$"))
    expect(page.get_by_text("Thank you for rating the course.")).to_be_visible()
    expect(record_row).to_contain_text("Rated")
    expect(record_row.get_by_role("link", name=re.compile("Rate this course"))).to_have_count(0)
    axe(page)

    enrolment = Enrolment.objects.get(run=run, person=manager.person)
    assert enrolment.status == Enrolment.Status.ENROLLED
    assert enrolment.decided_by == boss
    record = TrainingRecord.objects.get(enrolment=enrolment)
    assert record.status == TrainingRecord.Status.COMPLETED
    assert record.recorded_by == hr_admin
    evaluation = Evaluation.objects.get(record=record)
    assert (evaluation.content, evaluation.delivery, evaluation.relevance) == (4, 5, 4)
