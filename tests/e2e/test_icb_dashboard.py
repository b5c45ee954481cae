"""An ICB viewer opens the footprint dashboard, sorts it and opens a trust's; axe checks each page."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from dashboards.services import dashboards_refresh
from leadership.models import ManagementLevel, Organisation, Role
from tests.factories import (
    OrganisationFactory,
    PersonFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from tests.sign_in import sign_in_with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def footprint():
    icb = OrganisationFactory(ods_code="QE1", name="NHS Browser ICB", kind=Organisation.Kind.ICB)
    big = OrganisationFactory(ods_code="RE5", name="Alpha Hospitals NHS Trust", parent=icb)
    small = OrganisationFactory(ods_code="RE6", name="Beta Community NHS Trust", parent=icb)
    middle = OrganisationFactory(ods_code="RE8", name="Delta Ambulance NHS Trust", parent=icb)
    tiny = OrganisationFactory(ods_code="RE7", name="Gamma Mental Health NHS Trust", parent=icb)
    # Outside the employer a count of 1 to 4 is hidden (Gamma), and so is the smallest other count
    # (Beta), or the shown total would give Gamma's away.
    PersonFactory.create_batch(12, organisation=big, management_level=ManagementLevel.MIDDLE)
    PersonFactory.create_batch(6, organisation=small, management_level=ManagementLevel.FIRST_LINE)
    PersonFactory.create_batch(9, organisation=middle, management_level=ManagementLevel.FIRST_LINE)
    PersonFactory.create_batch(2, organisation=tiny, management_level=ManagementLevel.FIRST_LINE)
    dashboards_refresh()
    viewer = UserFactory(email="icb.viewer@example.nhs.uk")
    RoleAssignmentFactory(user=viewer, organisation=icb, role=Role.FOOTPRINT_VIEWER)
    return icb


def test_icb_viewer_reads_sorts_and_drills_into_the_footprint_dashboard(page, axe, footprint):
    """
    GIVEN an ICB with four trusts, one of them with 2 managers, and refreshed figures
    WHEN the ICB's footprint viewer signs in, opens the footprint dashboard, sorts by managers and
         opens a trust's dashboard
    THEN the figures and the footprint total are shown, a count under 5 reads "<5" and sorts last
         with the count hidden to protect it, sorting reorders the others, and no page has a
         serious or critical accessibility violation
    """
    sign_in_with_password(page, axe, "icb.viewer@example.nhs.uk")
    page.goto(reverse("dashboards:index"))
    axe(page)
    page.get_by_role("link", name="NHS Browser ICB").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Integrated care board dashboard")
    table = page.get_by_role("table", name="Organisations under the footprint")
    expect(table.get_by_role("row").nth(1)).to_contain_text("Alpha Hospitals NHS Trust")
    expect(table).to_contain_text("NHS Browser ICB total")
    expect(page.get_by_text("Figures as of")).to_be_visible()
    axe(page)
    table.get_by_role("link", name=re.compile(r"^Managers\s+\(sort\)")).click()  # descending first
    page.wait_for_url(re.compile(r"sort=managers&dir=desc"))
    table.get_by_role("link", name=re.compile(r"^Managers\s+\(sort\)")).click()  # then ascending
    page.wait_for_url(re.compile(r"sort=managers&dir=asc"))
    rows = table.get_by_role("row")
    expect(rows.nth(1)).to_contain_text("Delta Ambulance NHS Trust")  # 9, then 12; the hidden last
    expect(rows.nth(2)).to_contain_text("Alpha Hospitals NHS Trust")
    expect(rows.nth(3)).to_contain_text("Beta Community NHS Trust")
    expect(rows.nth(4)).to_contain_text("Gamma Mental Health NHS Trust")
    expect(rows.filter(has_text="Gamma Mental Health NHS Trust")).to_contain_text("<5")
    axe(page)
    page.goto(reverse("dashboards:organisation", args=["RE6"]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Trust dashboard")
    axe(page)
