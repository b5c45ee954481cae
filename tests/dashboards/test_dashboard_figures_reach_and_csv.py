"""Dashboards: figures checked by hand on a small fixed set, scoping, CSV, API, constant queries."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dashboards import selectors
from dashboards.measures import PEOPLE_MEASURES
from dashboards.models import MeasureValue
from dashboards.services import dashboards_refresh
from leadership.dates import quarter_start
from leadership.models import ManagementLevel, Organisation, Role, SectorBackground
from tests.factories import OrganisationFactory, PersonFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db
MANAGERS = PEOPLE_MEASURES[0]


@pytest.fixture
def fixed_set(icb, same_org, other_org):
    """RT1: 3 managers (2 middle, 1 senior; 1 from the private sector) and 2 staff.
    RT2 (also under the ICB): 1 first-line manager. RT9 (elsewhere): 4 middle managers."""
    sibling = OrganisationFactory(ods_code="RT2", name="Sibling NHS Trust", parent=icb)
    PersonFactory.create_batch(2, organisation=same_org, management_level=ManagementLevel.MIDDLE)
    PersonFactory(organisation=same_org, management_level=ManagementLevel.SENIOR, band="8c",
                  sector_background=SectorBackground.PRIVATE)
    PersonFactory.create_batch(2, organisation=same_org, management_level=ManagementLevel.NONE)
    PersonFactory(organisation=same_org, management_level=ManagementLevel.MIDDLE, active=False)
    PersonFactory(organisation=sibling, management_level=ManagementLevel.FIRST_LINE, band="7")
    PersonFactory.create_batch(4, organisation=other_org, management_level=ManagementLevel.MIDDLE)
    return dashboards_refresh()


def row(table, label):
    return next(r for r in table.rows if r[0] == label)


def test_trust_figures_match_a_hand_count_with_the_national_average_beside_them(fixed_set, same_org):
    managers = selectors.organisation_tables(same_org, fixed_set.period, exact=True)[0]
    assert row(managers, "Total")[1:] == [3, 8 / 3]  # 3 + 1 + 4 managers over three trusts
    assert row(managers, "Middle")[1] == 2
    assert row(managers, "Senior")[1] == 1
    recruits = next(t for t in selectors.organisation_tables(same_org, fixed_set.period, exact=True)
                    if t.name == "external_recruits")
    assert row(recruits, "Total")[1] == 1
    assert row(recruits, "Private sector")[1] == 1


def everyone():
    """The exact figures of every organisation (the small-numbers rule is tested in test_small_numbers)."""
    return frozenset(Organisation.objects.values_list("id", flat=True))


def test_a_footprint_sees_exactly_its_members_and_their_total(fixed_set, icb):
    table = selectors.footprint_table(icb, fixed_set.period, exact_ids=everyone())
    assert [r[0] for r in table.rows] == ["Same Hospitals NHS Trust", "Sibling NHS Trust",
                                          "NHS Test ICB total"]
    assert [r[1] for r in table.rows] == [3, 1, 4]


def test_footprint_tables_sort_by_a_column(fixed_set, icb):
    table = selectors.footprint_table(icb, fixed_set.period, sort="managers", descending=False,
                                      exact_ids=everyone())
    assert [r[0] for r in table.rows][:2] == ["Sibling NHS Trust", "Same Hospitals NHS Trust"]


def test_a_dissolved_ccgs_organisations_count_for_its_successor_icb(fixed_set, icb):
    ccg = OrganisationFactory(ods_code="05Y", kind=Organisation.Kind.CCG, active=False,
                              dissolved_on="2022-07-01", successor=icb)
    old = OrganisationFactory(ods_code="RT7", name="Old CCG Trust", parent=ccg)
    PersonFactory(organisation=old, management_level=ManagementLevel.BOARD)
    period = dashboards_refresh().period
    table = selectors.footprint_table(icb, period, exact_ids=everyone())
    assert row(table, "Old CCG Trust")[1] == 1
    assert row(table, "NHS Test ICB total")[1] == 5


def test_refreshing_twice_gives_the_same_figures(fixed_set):
    first = sorted(MeasureValue.objects.values_list("organisation_id", "measure", "dimension", "numerator"))
    dashboards_refresh()
    assert sorted(MeasureValue.objects.values_list(
        "organisation_id", "measure", "dimension", "numerator")) == first


def test_quarters_start_on_the_first_of_january_april_july_and_october():
    from datetime import date

    assert [quarter_start(date(2026, m, 15)).month for m in (1, 5, 9, 12)] == [1, 4, 7, 10]


def test_trust_dashboard_is_for_its_hr_admin_and_not_another_trust(fixed_set, client_for,
                                                                   same_org_hr_admin, other_org_hr_admin):
    url = reverse("dashboards:organisation", args=["RT1"])
    page = client_for(same_org_hr_admin).get(url)
    assert page.status_code == 200
    assert "Figures as of" in page.content.decode()
    assert client_for(other_org_hr_admin).get(url).status_code == 404


def test_footprint_viewer_opens_their_footprint_and_its_trusts_only(fixed_set, client_for, icb):
    viewer = UserFactory()
    RoleAssignmentFactory(user=viewer, organisation=icb, role=Role.FOOTPRINT_VIEWER)
    client = client_for(viewer)
    assert client.get(reverse("dashboards:footprint", args=["QT1"])).status_code == 200
    assert client.get(reverse("dashboards:organisation", args=["RT2"])).status_code == 200
    assert client.get(reverse("dashboards:organisation", args=["RT9"])).status_code == 404
    assert client.get(reverse("dashboards:national")).status_code == 404


def test_every_table_downloads_as_csv(fixed_set, client_for, same_org_hr_admin):
    response = client_for(same_org_hr_admin).get(
        reverse("dashboards:organisation", args=["RT1"]), {"format": "csv", "table": "managers"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Figure", "Same Hospitals NHS Trust", "National average per trust"]
    assert rows[1] == ["Total", "3", "2.7"]
    missing = client_for(same_org_hr_admin).get(
        reverse("dashboards:organisation", args=["RT1"]), {"format": "csv", "table": "nope"})
    assert missing.status_code == 404


def test_national_dashboard_groups_by_region_and_kind(fixed_set, client_for):
    admin = UserFactory()
    RoleAssignmentFactory(user=admin, role=Role.NATIONAL_ADMIN, organisation=OrganisationFactory(
        ods_code="X24", kind=Organisation.Kind.NATIONAL_BODY))
    tables = selectors.national_tables(fixed_set.period)
    assert row(tables[0], "England")[1] == 8
    assert row(tables[1], "NHS trust")[1] == 8
    assert client_for(admin).get(reverse("dashboards:national")).status_code == 200


def test_dashboard_pages_use_the_same_number_of_queries_at_any_size(client_for, same_org_hr_admin,
                                                                    same_org, icb):
    client = client_for(same_org_hr_admin)
    url = reverse("dashboards:organisation", args=["RT1"])
    dashboards_refresh()
    client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    small = count()
    for n in range(15):
        PersonFactory.create_batch(5, organisation=OrganisationFactory(ods_code=f"RQ{n}", parent=icb))
    dashboards_refresh()
    assert count() == small


def test_the_dashboard_api_returns_the_page_figures_under_its_scope(fixed_set, api_for, same_org, icb):
    api = api_for(same_org, ["dashboards:read"])
    body = api.get(reverse("api:dashboard-organisation", args=["RT1"])).json()
    managers = next(t for t in body["tables"] if t["name"] == "managers")
    assert managers["rows"][0] == ["Total", 3, 8 / 3]
    assert api.get(reverse("api:dashboard-organisation", args=["RT9"])).status_code == 404
    assert api_for(same_org, ["people:read"]).get(
        reverse("api:dashboard-organisation", args=["RT1"])).status_code == 403
    footprint = api_for(icb, ["dashboards:read"]).get(reverse("api:dashboard-footprint", args=["QT1"]))
    assert [r[0] for r in footprint.json()["tables"][0]["rows"]][-1] == "NHS Test ICB total"
