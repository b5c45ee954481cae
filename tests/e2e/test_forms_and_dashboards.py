"""An HR admin reads the trust dashboard (summary, charts, print, a narrow screen), opens an appraisal
cycle with the NHS.UK date input, and finds the person to appraise by search; axe checks each page."""

import re
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from dashboards.models import MeasureValue, Refresh
from leadership.models import ManagementLevel, Role
from tests.e2e.dates import fill_date
from tests.factories import OrganisationFactory, PersonFactory, user_with_person
from tests.sign_in import enrol_in_totp, sign_in_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
QUARTERS = [date(2025, 4, 1), date(2025, 7, 1), date(2025, 10, 1), date(2026, 1, 1)]


@pytest.fixture
def trust():
    trust = OrganisationFactory(ods_code="RF1", name="Chart Hospitals NHS Trust")
    for index, period in enumerate(QUARTERS):
        MeasureValue.objects.create(organisation=trust, period=period, measure="managers",
                                    numerator=20 + index)
        MeasureValue.objects.create(organisation=trust, period=period, measure="appraisal_completion",
                                    numerator=10 + index, denominator=25)
        Refresh.objects.create(period=period)
    return trust


@pytest.fixture
def hr_admin(trust):
    user = user_with_person(trust, role=Role.HR_ADMIN, first_name="Hana", last_name="Admin")
    enrol_in_totp(user)
    return user


def test_the_dashboard_reads_as_a_summary_and_charts_prints_and_fits_a_phone(page, axe, hr_admin, trust):
    sign_in_with_totp(page, axe, hr_admin.email)
    page.goto(reverse("dashboards:organisation", args=["RF1"]))
    summary = page.locator(".portal-summary")
    expect(summary).to_contain_text("Managers")
    expect(summary).to_contain_text("National average per trust")
    chart = page.get_by_role("img", name="Managers", exact=True)
    expect(chart).to_be_visible()
    expect(page.get_by_role("table", name="Managers by quarter")).to_contain_text("Jan 2026 quarter")
    axe(page)

    page.set_viewport_size({"width": 360, "height": 740})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "the dashboard runs off a phone's screen"
    axe(page)

    page.emulate_media(media="print")
    expect(page.locator("header.nhsuk-header")).to_be_hidden()
    expect(page.get_by_text("Download “Trend by quarter” as CSV")).to_be_hidden()
    expect(chart).to_be_visible()


def test_dates_are_typed_into_day_month_and_year_and_a_person_is_found_by_search(page, axe, hr_admin, trust):
    PersonFactory(organisation=trust, first_name="Avery", last_name="Appraisee", employee_number="E7700001",
                  management_level=ManagementLevel.MIDDLE)
    PersonFactory.create_batch(25, organisation=trust)
    sign_in_with_totp(page, axe, hr_admin.email)
    page.goto(reverse("appraisal:cycle_new", args=["RF1"]))
    page.get_by_label("Name").fill("2026/27")
    opens = page.get_by_role("group", name="Opens on")
    opens.get_by_label("Day").fill("31")
    opens.get_by_label("Month").fill("4")
    opens.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Opens on must be a real date")
    expect(opens.get_by_label("Day")).to_have_value("31")  # what was typed stays to be corrected
    axe(page)
    fill_date(page, "Opens on", date(2026, 4, 1))
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/appraisal/cycles/[0-9a-f-]+/$"))

    page.get_by_role("button", name="Start an appraisal").click()  # a link styled as a button
    expect(page.locator("select")).to_have_count(0)  # no dropdown of everyone
    page.get_by_label("Name or employee number").first.fill("E77")
    page.get_by_role("button", name="Search for appraisee").click()
    axe(page)
    avery = page.get_by_label(re.compile(r"^Avery Appraisee \(E7700001\)"))
    expect(page.locator(".nhsuk-error-summary")).to_have_count(0)  # a search is not a submission
    avery.check()
    expect(avery).to_be_checked()
