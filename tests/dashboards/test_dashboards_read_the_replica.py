"""The dashboards opt in to replica reads (leadership/replica.py): the pages, their CSV tables and
the dashboards API read in replica_reads(); the sign-in before them does not."""

import pytest
from django.urls import reverse

from dashboards import selectors
from dashboards.services import dashboards_refresh
from leadership import replica

pytestmark = pytest.mark.django_db


@pytest.fixture
def reads(monkeypatch):
    """Whether each dashboard read ran where the replica may be read."""
    seen = []
    original = selectors.latest_refresh

    def spy():
        seen.append(replica.opted_in())
        return original()

    monkeypatch.setattr(selectors, "latest_refresh", spy)
    return seen


def test_dashboard_pages_and_their_csv_read_in_the_replica_context(reads, client_for, same_org_hr_admin):
    dashboards_refresh()
    client = client_for(same_org_hr_admin)
    url = reverse("dashboards:organisation", args=["RT1"])
    assert client.get(url).status_code == 200
    assert client.get(url, {"format": "csv", "table": "managers"}).status_code == 200
    assert reads and all(reads)
    assert not replica.opted_in()  # and not after the request


def test_the_dashboards_api_reads_in_the_replica_context(reads, api_for, same_org):
    dashboards_refresh()
    api = api_for(same_org, ["dashboards:read"])
    assert api.get(reverse("api:dashboard-organisation", args=["RT1"])).status_code == 200
    assert reads == [True]
