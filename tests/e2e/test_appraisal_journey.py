"""A whole appraisal in the browser, from draft to sign-off by both; axe-core checks each page."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from appraisal import services
from appraisal.models import Appraisal
from leadership.models import ManagementLevel, Role
from tests.appraisal.factories import AppraisalCycleFactory, complete_appraisal_skills
from tests.e2e.dates import fill_date
from tests.factories import OrganisationFactory, user_with_person
from tests.sign_in import enrol_in_totp, sign_in_with_totp, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _user(organisation, first_name, **fields):
    user = user_with_person(organisation, first_name=first_name, **fields)
    enrol_in_totp(user)
    return user


def _take_step(page, axe, appraisal, button):
    page.goto(reverse("appraisal:appraisal_step", args=[appraisal.public_id]))
    axe(page)
    return page.get_by_role("button", name=button)


def test_an_appraisal_goes_from_draft_to_signed_off_by_both(page, axe):
    """
    GIVEN a trust with its own one-perspective template, a manager and their report
    WHEN the manager sets and agrees an objective, the report reviews themselves, the manager rates,
         records the meeting and signs, and the report signs
    THEN the appraisal is signed off with its band, and every page passes axe
    """
    trust = OrganisationFactory(ods_code="RA1", name="Appraising Hospitals NHS Trust")
    admin = user_with_person(trust, role=Role.HR_ADMIN, first_name="Hedda")
    services.template_create(actor=admin, organisation=trust, name="Staff scorecard", levels=["none"],
                             perspectives=[("Patients and quality", 100)], competency_ratings=False)
    manager = _user(trust, "Mona", last_name="Manager", management_level=ManagementLevel.MIDDLE)
    report = _user(trust, "Remy", last_name="Report", line_manager=manager.person,
                   management_level=ManagementLevel.NONE)
    cycle = AppraisalCycleFactory(organisation=trust)
    complete_appraisal_skills(manager.person)
    appraisal = services.appraisal_start(actor=manager, cycle=cycle, appraisee=report.person)
    detail = reverse("appraisal:appraisal_detail", args=[appraisal.public_id])

    sign_in_with_totp(page, axe, manager.email)
    page.goto(detail)
    axe(page)
    page.get_by_role("link", name="Add an objective").click()
    axe(page)
    page.get_by_label("Perspective").select_option(label="Patients and quality (100%)")
    page.get_by_label("Objective").fill("Cut waiting times")
    page.get_by_label("Measure").fill("Median wait")
    page.get_by_label("Target").fill("12 weeks")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Objective saved.")).to_be_visible()
    _take_step(page, axe, appraisal, "Agree the objectives").click()
    expect(page.get_by_text("Agree the objectives: done.")).to_be_visible()
    sign_out(page)

    sign_in_with_totp(page, axe, report.email)
    _take_step(page, axe, appraisal, "Write the self-review")
    page.get_by_label("Actual: Cut waiting times").fill("11 weeks")
    page.get_by_label("Your self-review").fill("Waits came down every quarter.")
    page.get_by_role("button", name="Write the self-review").click()
    expect(page.get_by_text("Write the self-review: done.")).to_be_visible()
    sign_out(page)

    sign_in_with_totp(page, axe, manager.email)
    _take_step(page, axe, appraisal, "Rate objectives and write the review")
    page.get_by_label("Rating: Cut waiting times").select_option("4")
    page.get_by_label("Your review").fill("Beat the target.")
    page.get_by_role("button", name="Rate objectives and write the review").click()
    axe(page)
    _take_step(page, axe, appraisal, "Record the appraisal meeting")
    fill_date(page, "Meeting date", timezone.localdate())
    page.get_by_label("Development need 1").fill("Lead a service redesign")
    page.get_by_role("button", name="Record the appraisal meeting").click()
    _take_step(page, axe, appraisal, "Sign off").click()
    expect(page.get_by_text("Sign off: done.")).to_be_visible()
    sign_out(page)

    sign_in_with_totp(page, axe, report.email)
    _take_step(page, axe, appraisal, "Sign off").click()
    expect(page.get_by_text("read-only")).to_be_visible()
    axe(page)
    appraisal.refresh_from_db()
    assert appraisal.state == Appraisal.State.SIGNED_OFF
    assert appraisal.band == "Exceeds"
