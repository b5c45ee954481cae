"""Dashboards people would rather look at: the summary at the top, trend charts with their tables,
tables that stack on a narrow screen, and a print stylesheet."""

from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dashboards import selectors
from dashboards.models import MeasureValue, Refresh
from leadership.charts import Series, Trend, chart
from leadership.models import Organisation, Role
from tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db
QUARTERS = [date(2025, 4, 1), date(2025, 7, 1), date(2025, 10, 1), date(2026, 1, 1)]
BASE_DIR = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def quarters(icb, same_org, other_org):
    """RT1's managers grow 10, 12, 14, 16 over four quarters; RT9 has 40 throughout; half of RT1's
    appraisals are complete in the last quarter, three quarters of RT9's."""
    for index, period in enumerate(QUARTERS):
        MeasureValue.objects.create(organisation=same_org, period=period, measure="managers",
                                    numerator=10 + 2 * index)
        MeasureValue.objects.create(organisation=other_org, period=period, measure="managers", numerator=40)
        Refresh.objects.create(period=period)
    MeasureValue.objects.create(organisation=same_org, period=QUARTERS[-1], measure="appraisal_completion",
                                numerator=8, denominator=16)
    MeasureValue.objects.create(organisation=other_org, period=QUARTERS[-1], measure="appraisal_completion",
                                numerator=30, denominator=40)
    return QUARTERS[-1]


def test_the_trust_summary_gives_each_headline_figure_against_the_national_one(quarters, same_org):
    tables = selectors.organisation_tables(same_org, quarters, exact=True)
    headlines = {h.measure.slug: h for h in selectors.organisation_headlines(tables)}
    assert list(headlines)[:2] == ["managers", "appraisal_completion"]
    assert headlines["managers"].figure == 16 and headlines["managers"].against == 56 / 2
    assert headlines["managers"].against_label == "National average per trust"
    assert headlines["appraisal_completion"].figure == 0.5
    assert headlines["appraisal_completion"].against == 38 / 56


def test_the_trust_page_shows_the_summary_first_then_a_chart_per_measure_with_its_table(
        client_for, same_org_hr_admin, quarters):
    url = reverse("dashboards:organisation", args=["RT1"])
    html = client_for(same_org_hr_admin).get(url).content.decode()
    summary = html.index('<h2 class="nhsuk-heading-m">Summary</h2>')
    assert summary < html.index("<svg", summary) < html.index("Download", summary)
    assert "Lower than national average per trust" in html  # 16 managers against 28 per trust
    assert "Appraisal completion rate" in html and "50%" in html and "68%" in html
    assert '<table class="nhsuk-table portal-trend__table">' in html
    assert "Managers by quarter" in html and "Apr 2025 quarter" in html and "Jan 26" in html
    assert 'role="img"' in html and "<title id=\"chart-managers-title\">Managers</title>" in html
    assert "Managers: 10 in the Apr 2025 quarter and 16 in the Jan 2026 quarter" in html
    assert "<script" not in html[summary:]


def test_the_trend_csv_is_still_one_table_of_every_measure(client_for, same_org_hr_admin, quarters):
    response = client_for(same_org_hr_admin).get(reverse("dashboards:organisation", args=["RT1"]),
                                                 {"format": "csv", "table": "trend"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("Quarter,Managers")
    assert [line.split(",")[:2] for line in lines[1:]] == [
        ["Apr 2025 quarter", "10"], ["Jul 2025 quarter", "12"], ["Oct 2025 quarter", "14"],
        ["Jan 2026 quarter", "16"]]


def test_a_footprint_compares_its_average_per_trust_with_the_national_one(quarters, icb):
    table = selectors.footprint_table(icb, quarters, exact_ids=frozenset(Organisation.objects.values_list(
        "id", flat=True)))
    headlines = {h.measure.slug: h for h in selectors.footprint_headlines(table, quarters, trusts=1)}
    assert headlines["managers"].figure == 16 and headlines["managers"].per_trust
    assert headlines["managers"].against == 28
    trend = selectors.scope_trend([Organisation.objects.get(ods_code="RT1").id], quarters, exact=True)
    assert [row[1] for row in trend.rows] == [10, 12, 14, 16]


def test_the_national_summary_compares_england_with_the_quarter_before(client_for, quarters):
    admin = UserFactory()
    RoleAssignmentFactory(user=admin, organisation=OrganisationFactory(
        ods_code="X26", kind=Organisation.Kind.NATIONAL_BODY), role=Role.NATIONAL_ADMIN)
    trend = selectors.scope_trend(None, quarters)
    managers = next(h for h in selectors.trend_headlines(trend) if h.measure.slug == "managers")
    assert (managers.figure, managers.against, managers.against_label) == (56, 54, "Last quarter")
    html = client_for(admin).get(reverse("dashboards:national")).content.decode()
    assert "Higher than last quarter" in html and html.count("<svg") >= 2


def test_a_small_number_stays_hidden_in_the_summary_and_the_chart(client_for, quarters, icb, same_org):
    MeasureValue.objects.filter(organisation=same_org, measure="managers").update(numerator=3)
    viewer = UserFactory()
    RoleAssignmentFactory(user=viewer, organisation=icb, role=Role.FOOTPRINT_VIEWER)
    html = client_for(viewer).get(reverse("dashboards:organisation", args=["RT1"])).content.decode()
    summary = html[html.index("Summary</h2>"):html.index("Trend by quarter</h2>")]
    managers = summary[summary.index("Managers"):summary.index("</li>")]
    assert "&lt;5" in managers and "than" not in managers  # no comparison gives the count away
    assert "Managers: not enough figures yet to show a trend" in html
    trend = selectors.organisation_trend(same_org, quarters, exact=False)
    assert [row[1] for row in trend.rows] == [None] * 4  # the chart draws no line through them


def test_the_dashboard_pages_use_the_same_number_of_queries_with_more_quarters(
        client_for, same_org_hr_admin, quarters, same_org):
    client = client_for(same_org_hr_admin)
    url = reverse("dashboards:organisation", args=["RT1"])
    client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = count()
    for year in (2023, 2024):
        for month in (1, 4, 7, 10):
            MeasureValue.objects.create(organisation=same_org, period=date(year, month, 1),
                                        measure="managers", numerator=5)
    assert count() == before


def test_a_chart_breaks_its_line_where_a_figure_is_missing_and_scales_to_a_round_ceiling():
    trend = Trend("m", "Managers", ["Q1", "Q2", "Q3", "Q4"], ["1", "2", "3", "4"],
                  [Series("Figure", [10, None, 30, 37], ["10", "*", "30", "37"])])
    drawn = chart(trend)
    assert len(drawn["series"][0]["lines"]) == 2  # Q1 alone, then Q3 to Q4
    assert len(drawn["series"][0]["marks"]) == 3
    assert [tick["text"] for tick in drawn["ticks"]] == ["0", "10", "20", "30", "40"]
    assert drawn["rows"][1] == {"label": "Q2", "cells": ["*"]}


def test_a_percentage_chart_labels_its_axis_in_per_cent():
    trend = Trend("r", "Rate", ["Q1", "Q2"], ["1", "2"], [Series("Figure", [0.25, 0.5], ["25%", "50%"])],
                  percent=True)
    assert [tick["text"] for tick in chart(trend)["ticks"]] == ["0%", "20%", "40%", "60%"]


def test_the_stylesheet_prints_a_board_paper_without_the_site_furniture():
    css = (BASE_DIR / "static/css/portal.css").read_text()
    printed = css[css.index("@media print"):]
    for furniture in (".nhsuk-header", ".nhsuk-footer", ".nhsuk-back-link", ".portal-no-print"):
        assert furniture in printed
    assert "break-inside: avoid" in printed
