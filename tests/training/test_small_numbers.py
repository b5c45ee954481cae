"""Small numbers on the training dashboards: national figures and another employer's hide counts
from 1 to 4 and the rates on them; the trust's own HR admin sees them (docs/security.md)."""

import csv
import io

import pytest
from django.urls import reverse

from leadership.models import ManagementLevel
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def csv_cells(response) -> dict:
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    return {(row[0], row[1], row[2]): row[3] for row in rows[1:] if len(row) == 4}


@pytest.fixture
def three_managers(same_org):
    PersonFactory.create_batch(3, organisation=same_org, management_level=ManagementLevel.MIDDLE)


def test_the_national_training_figures_hide_a_trust_of_three(three_managers, client_for, national_admin):
    client = client_for(national_admin)
    cells = csv_cells(client.get(reverse("training:dashboard_national_export")))
    assert cells[("NHS in England", "All managers", "Managers")] == "<5"
    assert cells[("NHS in England", "All managers", "Coverage of any management basic (%)")] == "*"
    assert cells[("By organisation", "Same Hospitals NHS Trust", "Managers")] == "<5"
    assert cells[("Note", "", "")].startswith("To protect small groups")
    assert "&lt;5" in client.get(reverse("training:dashboard_national")).content.decode()
    trust = csv_cells(client.get(reverse("training:dashboard_organisation_export", args=["RT1"])))
    assert trust[("Same Hospitals NHS Trust", "All managers", "Managers")] == "<5"


def test_the_trusts_own_hr_admin_sees_three(three_managers, client_for, same_org_hr_admin):
    # the HR admin is a middle manager there too: 4 managers
    cells = csv_cells(client_for(same_org_hr_admin).get(
        reverse("training:dashboard_organisation_export", args=["RT1"])))
    assert cells[("Same Hospitals NHS Trust", "All managers", "Managers")] == "4"
    assert cells[("Same Hospitals NHS Trust", "All managers", "Coverage of any management basic (%)")] == "0"


def test_zero_and_five_are_shown(same_org, client_for, national_admin):
    PersonFactory.create_batch(5, organisation=same_org, management_level=ManagementLevel.MIDDLE)
    cells = csv_cells(client_for(national_admin).get(reverse("training:dashboard_national_export")))
    assert cells[("NHS in England", "All managers", "Managers")] == "5"
    assert cells[("NHS in England", "All managers", "Coverage of any management basic (%)")] == "0"
