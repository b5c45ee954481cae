"""Run inside the scratch database (by bench/dashboard.py): refresh, then time the dashboard API."""

import json
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from dashboards.services import dashboards_refresh  # noqa: E402
from leadership.api_clients import api_client_create  # noqa: E402
from leadership.models import Organisation, Person  # noqa: E402

CALLS = 30


def timed_calls(client: Client, url: str) -> float:
    client.get(url)  # warm caches and connections
    samples = []
    for _ in range(CALLS):
        started = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - started)
        assert response.status_code == 200, response.content[:300]
    return statistics.median(samples)


def main() -> None:
    started = time.perf_counter()
    refresh = dashboards_refresh()
    refresh_seconds = time.perf_counter() - started
    trust, icb = Organisation.objects.get(ods_code="RDM"), Organisation.objects.get(ods_code="QDM")
    results = {"people": Person.objects.count(), "refresh_seconds": refresh_seconds,
               "summary_rows": refresh.rows}
    for name, organisation, route in (("trust", trust, "api:dashboard-organisation"),
                                      ("footprint", icb, "api:dashboard-footprint")):
        api_client, secret = api_client_create(actor=None, organisation=organisation,
                                               scopes=["dashboards:read"], name="bench")
        token = Client(HTTP_HOST="127.0.0.1").post(reverse("api:oauth_token"), {
            "grant_type": "client_credentials", "client_id": api_client.application.client_id,
            "client_secret": secret}).json()["access_token"]
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_HOST="127.0.0.1")
        results[f"{name}_seconds"] = timed_calls(client, reverse(route, args=[organisation.ods_code]))
    print(json.dumps(results))


if __name__ == "__main__":
    main()
