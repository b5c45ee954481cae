"""A board secretary records a data return, runs a Burden Impact Assessment and completes a
non-executive's annual review. axe-core checks each page."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from governance.models import (
    BoardReview,
    BurdenAssessment,
    CompetencyDomain,
    DataItem,
    DataReturn,
    WellLedTheme,
)
from leadership.models import Role
from tests.factories import OrganisationFactory, user_with_person
from tests.governance import factories
from tests.sign_in import enrol_in_totp, sign_in_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_board_secretary_records_a_return_assesses_a_request_and_reviews_a_ned(migration_rows, page, axe):
    """
    GIVEN a trust with a board secretary, a non-executive due for review and a return in the register
    WHEN the board secretary records a new return sharing items with it
     AND assesses a new data request, adds a role and records the decision
     AND completes the non-executive's annual review
    THEN the overlap, the burden arithmetic and the review are shown, and every page passes axe
    """
    trust = OrganisationFactory(ods_code="RE5", name="Governed Hospitals NHS Trust")
    secretary = user_with_person(trust, role=Role.BOARD_SECRETARY, first_name="Bea", last_name="Secretary")
    enrol_in_totp(secretary)
    factories.data_return(
        trust, title="Monthly workforce statistics", item_names=("Staff in post", "Vacancies")
    )
    ned = factories.position(trust)
    DataItem.objects.get_or_create(name="Agency spend")

    sign_in_with_totp(page, axe, secretary.email)
    page.goto(reverse("governance:home"))
    axe(page)
    page.get_by_role("link", name="Data-return register").click()
    axe(page)
    page.get_by_role("link", name="Record a data return").click()
    axe(page)
    page.get_by_label("Name of the return").fill("Quarterly vacancy collection")
    page.get_by_label("Requesting body", exact=True).select_option("nhs_digital")
    page.get_by_label("Purpose").fill("National vacancy statistics")
    page.get_by_label("Legal basis").fill("Directions under the Health and Social Care Act 2012")
    page.get_by_label("Frequency").select_option("quarterly")
    page.get_by_label("Staff in post").check()
    page.get_by_label("Vacancies").check()
    page.get_by_label("Data items not in the catalogue yet").fill("Turnover")
    page.get_by_label("Staff roles that complete it").fill("Workforce analyst")
    page.get_by_label("Hours to complete each time").fill("4")
    page.get_by_role("button", name="Save data return").click()
    page.wait_for_url(re.compile(r"/governance/returns/[0-9a-f-]+/$"))
    expect(page.get_by_text("67% overlap (2 shared items: Staff in post, Vacancies)")).to_be_visible()
    axe(page)
    assert DataReturn.objects.get(title="Quarterly vacancy collection").hours_per_year == 16

    page.goto(reverse("governance:assessment_list"))
    axe(page)
    page.get_by_role("link", name="Start an assessment").click()
    axe(page)
    page.get_by_label("Name of the data request").fill("Weekly agency return")
    page.get_by_label("What the new or changed request asks").fill("Agency shifts by staff group")
    page.get_by_label("Requesting body", exact=True).select_option("nhs_england")
    page.get_by_label("Frequency").select_option("monthly")
    page.get_by_label("Organisations affected").fill("200")
    page.get_by_label("Agency spend").check()
    page.get_by_role("button", name="Start assessment").click()
    page.wait_for_url(re.compile(r"/governance/assessments/[0-9a-f-]+/$"))
    axe(page)
    page.get_by_label("Staff role").fill("Rota coordinator")
    page.get_by_label("Agenda for Change band").select_option("5")
    page.get_by_label("Estimated minutes per return").fill("90")
    page.get_by_role("button", name="Add role").click()
    expect(page.get_by_text("3600.00 hours and £61344.00 a year")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Record the decision").click()
    axe(page)
    page.get_by_label("Approved", exact=True).check()
    page.get_by_label("Approved by").fill("Director of Workforce")
    page.get_by_label("Reasons").fill("Proportionate to the need")
    page.get_by_label("Publish it: readable across the NHS").check()
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("The decision is recorded.")).to_be_visible()
    axe(page)
    assessment = BurdenAssessment.objects.get(title="Weekly agency return")
    assert (assessment.status, assessment.published, assessment.approved_by) == ("approved", True, secretary)

    page.goto(reverse("governance:position_list"))
    axe(page)
    page.get_by_role("link", name="Nadia Nonexec").click()
    axe(page)
    page.get_by_role("link", name="Complete the annual review").click()
    axe(page)
    page.get_by_label("Board and committee meetings expected").fill("12")
    page.get_by_label("Meetings attended").fill("11")
    page.get_by_label("Committees").fill("Audit and risk")
    page.get_by_label("Remuneration review").fill("In line with NHS England guidance")
    page.get_by_label("Findings and objectives").fill("Strong challenge at audit committee")
    for label in CompetencyDomain.labels:
        page.get_by_label(f"Competence: {label}").select_option("3")
    for label in WellLedTheme.labels:
        page.get_by_label(f"Well-Led: {label}").select_option("2")
    page.get_by_role("button", name="Complete review").click()
    expect(page.get_by_text("The review is recorded.")).to_be_visible()
    axe(page)
    assert BoardReview.objects.get(position=ned).meetings_attended == 11
