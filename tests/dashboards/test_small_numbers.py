"""Small numbers stay hidden outside the employer: pages, API and CSV (docs/security.md, "Small numbers").

GIVEN an ICB with four trusts: RT1 with 3 managers, RT2 with 5, RT3 with none and RT4 with 1,
WHEN someone outside a trust (a footprint viewer, an ICB's API client, a national admin) looks,
THEN counts from 1 to 4 read "<5" (null with a reason in the API) and rates built on them are hidden,
while 0 and 5 are shown exactly, and the trust's own HR admin (and its own API client) sees 3 and the rate.
"""

import csv
import io

import pytest
from django.urls import reverse

from dashboards import selectors
from dashboards.services import dashboards_refresh
from leadership import access
from leadership.disclosure import Hidden, secondary, suppress
from leadership.models import ManagementLevel, Organisation, Role
from tests.factories import OrganisationFactory, PersonFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db
MANAGERS, COVERAGE = "Managers", "Managers trained in a management basic"


@pytest.fixture
def footprint(icb, same_org):
    """RT1 (same_org): 3 managers; RT2: 5; RT3: staff but no managers; RT4: 1."""
    PersonFactory.create_batch(3, organisation=same_org, management_level=ManagementLevel.MIDDLE)
    b_trust = OrganisationFactory(ods_code="RT2", name="B Trust", parent=icb)
    PersonFactory.create_batch(5, organisation=b_trust, management_level=ManagementLevel.MIDDLE)
    PersonFactory(organisation=OrganisationFactory(ods_code="RT3", name="C Trust", parent=icb),
                  management_level=ManagementLevel.NONE)
    PersonFactory(organisation=OrganisationFactory(ods_code="RT4", name="D Trust", parent=icb),
                  management_level=ManagementLevel.SENIOR)
    return dashboards_refresh()


@pytest.fixture
def footprint_viewer(icb):
    viewer = UserFactory()
    RoleAssignmentFactory(user=viewer, organisation=icb, role=Role.FOOTPRINT_VIEWER)
    return viewer


def csv_of(response) -> list[list[str]]:
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def by_label(rows, header) -> dict:
    """{row label: {column: cell}} from a list of rows whose first is the header."""
    return {row[0]: dict(zip(header[1:], row[1:], strict=False)) for row in rows}


# The rule itself.

def test_counts_from_one_to_four_are_hidden_and_zero_and_five_are_not():
    assert [suppress(n, exact=False) for n in (0, 1, 4, 5, None)] == [None, Hidden.SMALL, Hidden.SMALL,
                                                                       None, None]
    assert suppress(3, exact=True) is None


def test_a_rate_is_hidden_when_its_count_its_group_or_the_rest_of_the_group_is_small():
    assert suppress(0, exact=False, out_of=3) == Hidden.RATE  # 0 of 3: the group is small
    assert suppress(2, exact=False, out_of=50) == Hidden.RATE  # 2 of 50: the count is small
    assert suppress(48, exact=False, out_of=50) == Hidden.RATE  # the 2 who did not are picked out
    assert suppress(0, exact=False, out_of=5) is None
    assert suppress(25, exact=False, out_of=50) is None
    assert suppress(None, exact=False, out_of=4) == Hidden.RATE  # hours per manager over 4 managers
    assert suppress(1, exact=True, out_of=2) is None


def test_when_one_member_of_a_total_is_hidden_the_smallest_other_unknown_is_hidden_too():
    # members 3 (hidden), 5, 9, 0 and the total 17: 17 - 5 - 9 - 0 would give the 3 away
    counts, hidden = [3, 5, 9, 0, 17], [Hidden.SMALL, None, None, None, None]
    assert secondary(counts, hidden, [False] * 5, total=4) == {1}
    # the viewer knows the 5 already (their own trust): hiding it would not help, so the 9 goes
    assert secondary(counts, hidden, [False, True, False, False, False], total=4) == {2}
    # nothing else to hide: the total goes
    assert secondary([3, 0, 3], [Hidden.SMALL, None, Hidden.SMALL], [False] * 3, total=2) == set()
    assert secondary([3, 0, 3], [Hidden.SMALL, None, None], [False] * 3, total=2) == {2}
    # two hidden members already share one difference
    assert secondary([3, 2, 9, 14], [Hidden.SMALL, Hidden.SMALL, None, None], [False] * 4, total=3) == set()


def test_a_footprint_table_with_one_hidden_trust_hides_another_so_the_total_gives_nothing_away(footprint,
                                                                                                icb):
    PersonFactory.create_batch(4, organisation=Organisation.objects.get(ods_code="RT4"),
                               management_level=ManagementLevel.SENIOR)  # RT4 now has 5: only RT1 is small
    table = selectors.footprint_table(icb, dashboards_refresh().period)
    column = table.columns.index(MANAGERS) - 1
    hidden = {row[0]: reasons[column] for row, reasons in zip(table.rows, table.hidden, strict=True)}
    assert hidden == {"Same Hospitals NHS Trust": Hidden.SMALL, "B Trust": Hidden.SECONDARY, "C Trust": None,
                      "D Trust": None, "NHS Test ICB total": None}
    assert table.rows[-1][column + 1] == 13


def test_sorting_a_footprint_table_puts_hidden_figures_last_whatever_they_are(footprint, icb):
    table = selectors.footprint_table(icb, footprint.period, sort="managers", descending=True)
    assert [r[0] for r in table.rows] == ["B Trust", "C Trust", "D Trust", "Same Hospitals NHS Trust",
                                          "NHS Test ICB total"]
    ascending = selectors.footprint_table(icb, footprint.period, sort="managers", descending=False)
    assert [r[0] for r in ascending.rows][:2] == ["C Trust", "B Trust"]


# Who sees exact figures: decided in leadership.access.

def test_only_the_employers_own_admins_see_its_figures_exactly(footprint, same_org, same_org_hr_admin,
                                                                footprint_viewer, national_admin):
    assert access.sees_exact_figures(same_org_hr_admin, same_org)
    assert not access.sees_exact_figures(footprint_viewer, same_org)
    assert not access.sees_exact_figures(national_admin, same_org)


# Pages.

def test_a_footprint_viewer_sees_less_than_five_for_a_trust_of_three_and_no_rate(footprint, client_for,
                                                                                 footprint_viewer):
    client = client_for(footprint_viewer)
    url = reverse("dashboards:footprint", args=["QT1"])
    page = client.get(url).content.decode()
    assert "&lt;5" in page and "counts from 1 to 4 are shown as &lt;5" in page
    rows = csv_of(client.get(url, {"format": "csv", "table": "organisations"}))
    cells = by_label(rows[1:], rows[0])
    assert cells["Same Hospitals NHS Trust"][MANAGERS] == "<5"
    assert cells["Same Hospitals NHS Trust"][COVERAGE] == "*"  # 0 of 3 trained: built on 3 people
    assert cells["D Trust"][MANAGERS] == "<5"
    assert cells["B Trust"][MANAGERS] == "5"
    assert cells["B Trust"][COVERAGE] == "0%"
    assert cells["C Trust"][MANAGERS] == "0"
    assert cells["NHS Test ICB total"][MANAGERS] == "9"
    assert rows[-1][0].startswith("To protect small groups of people")


def test_a_footprint_viewer_opening_a_trust_dashboard_sees_its_small_numbers_hidden(footprint, client_for,
                                                                                   footprint_viewer):
    client = client_for(footprint_viewer)
    rows = csv_of(client.get(reverse("dashboards:organisation", args=["RT1"]),
                             {"format": "csv", "table": "managers"}))
    assert rows[1][:2] == ["Total", "<5"]
    assert by_label(rows[1:], rows[0])["Middle"]["Same Hospitals NHS Trust"] == "<5"
    trend = csv_of(client.get(reverse("dashboards:organisation", args=["RT1"]),
                              {"format": "csv", "table": "trend"}))
    assert by_label(trend[1:2], trend[0])[trend[1][0]][MANAGERS] == "<5"


def test_the_trusts_own_hr_admin_sees_three_and_the_rate(footprint, client_for, same_org_hr_admin):
    client = client_for(same_org_hr_admin)
    url = reverse("dashboards:organisation", args=["RT1"])
    rows = csv_of(client.get(url, {"format": "csv", "table": "managers"}))
    assert rows[1] == ["Total", "3", "2.2"]  # 9 managers over four trusts nationally
    coverage = csv_of(client.get(url, {"format": "csv", "table": "basics_coverage"}))
    assert coverage[1][:2] == ["Total", "0%"]
    cells = by_label(rows[1:], rows[0])
    assert cells["Middle"]["Same Hospitals NHS Trust"] == "3"
    # the national column is everyone's figures: D Trust's lone senior manager stays hidden there
    assert cells["Senior"]["National average per trust"] == "<5"


def test_an_hr_admin_who_also_views_the_footprint_sees_their_own_trust_exactly_and_others_hidden(
        footprint, client_for, same_org_hr_admin, icb):
    RoleAssignmentFactory(user=same_org_hr_admin, organisation=icb, role=Role.FOOTPRINT_VIEWER)
    rows = csv_of(client_for(same_org_hr_admin).get(reverse("dashboards:footprint", args=["QT1"]),
                                                    {"format": "csv", "table": "organisations"}))
    cells = by_label(rows[1:], rows[0])
    assert cells["Same Hospitals NHS Trust"][MANAGERS] == "3"
    assert cells["D Trust"][MANAGERS] == "<5"
    # 9 - 3 - 5 - 0 would give D Trust's 1: B Trust's 5, unknown to this viewer, is hidden too
    assert cells["B Trust"][MANAGERS] == "*"


def test_national_figures_hide_small_groups(footprint, client_for, national_admin, icb):
    icb.parent = OrganisationFactory(ods_code="Y56", name="London", kind=Organisation.Kind.REGION)
    icb.save()
    # RT9, a trust with no region and 2 managers, is a small "No region recorded" group
    PersonFactory.create_batch(2, organisation=OrganisationFactory(ods_code="RT9", name="Lone Trust"),
                               management_level=ManagementLevel.MIDDLE)
    period = dashboards_refresh().period
    client = client_for(national_admin)
    by_region = csv_of(client.get(reverse("dashboards:national"), {"format": "csv", "table": "by_region"}))
    cells = by_label(by_region[1:], by_region[0])
    assert cells["No region recorded"][MANAGERS] == "<5"
    assert cells["London"][MANAGERS] == "*"  # else England's 11 less London's 9 gives the 2 away
    assert cells["England"][MANAGERS] == "11"
    assert selectors.national_tables(period)[1].rows[-1][1] == 11


# The API.

def test_an_icb_client_gets_null_and_a_reason_for_a_trust_count_of_three(footprint, api_for, icb):
    body = api_for(icb, ["dashboards:read"]).get(reverse("api:dashboard-footprint", args=["QT1"])).json()
    table = body["tables"][0]
    column = table["columns"].index(MANAGERS)
    coverage = table["columns"].index(COVERAGE)
    rows = {row[0]: (row, flags) for row, flags in zip(table["rows"], table["suppressed"], strict=True)}
    row, flags = rows["Same Hospitals NHS Trust"]
    assert row[column] is None and flags[column - 1] == "small"
    assert row[coverage] is None and flags[coverage - 1] == "rate"
    row, flags = rows["B Trust"]
    assert row[column] == 5 and flags[column - 1] is None
    assert row[coverage] == 0 and flags[coverage - 1] is None
    assert rows["C Trust"][0][column] == 0
    trust = api_for(icb, ["dashboards:read"]).get(reverse("api:dashboard-organisation", args=["RT1"])).json()
    managers = next(t for t in trust["tables"] if t["name"] == "managers")
    assert managers["rows"][0][1] is None and managers["suppressed"][0][0] == "small"


def test_the_trusts_own_client_gets_three_and_the_rate(footprint, api_for, same_org):
    body = api_for(same_org, ["dashboards:read"]).get(reverse("api:dashboard-organisation",
                                                              args=["RT1"])).json()
    managers = next(t for t in body["tables"] if t["name"] == "managers")
    assert managers["rows"][0][1] == 3 and managers["suppressed"][0] == [None, None]
    coverage = next(t for t in body["tables"] if t["name"] == "basics_coverage")
    assert coverage["rows"][0][1] == 0 and coverage["suppressed"][0][0] is None
