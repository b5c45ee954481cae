"""Run by tests/api/test_replica_reads.py in a process of its own, with DATABASE_URL pointing at a
primary and DATABASE_REPLICA_URL at its streaming replica (tests/streaming_pair.py). It drives the
API while the replica's replay is paused and prints what it saw as JSON; the test judges it.
"""

import json
import os
import sys
import time
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connections  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from leadership.api_clients import api_client_create, api_client_revoke  # noqa: E402
from leadership.models import Person  # noqa: E402
from portal.celery import app  # noqa: E402
from tests.api.conftest import bearer_client, request_token  # noqa: E402
from tests.api.mirror import pull  # noqa: E402
from tests.factories import OrganisationFactory, PersonFactory  # noqa: E402

WAIT_SECONDS = 30  # replay normally catches up in milliseconds; this only bounds a broken setup
OVERLAP = timedelta(minutes=5)  # "the moment your previous pull started, minus five minutes" (docs/api.md)


def replica_sql(statement: str, params=()):
    with connections["replica"].cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchone()[0]


def primary_lsn() -> str:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        return cursor.fetchone()[0]


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"gave up waiting for {what}")
        time.sleep(0.05)


def replica_caught_up() -> None:
    target = primary_lsn()
    wait_for(lambda: replica_sql("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target]),
             "the replica to replay the primary's WAL")


def ids(rows) -> list[str]:
    return sorted(row["id"] for row in rows)


def token_for(client, secret) -> str:
    response = request_token(client.application.client_id, secret)
    assert response.status_code == 200, response.content
    return response.json()["access_token"]


def main() -> dict:
    setup_test_environment()  # the test client's host, mail kept in memory
    settings.CELERY_TASK_ALWAYS_EAGER = True  # nothing queued for the suite's own worker
    app.conf.task_always_eager = True
    seen: dict = {"replica_alias": list(settings.DATABASES), "router": settings.DATABASE_ROUTERS}

    trust = OrganisationFactory(ods_code="RZR")
    people = [PersonFactory(organisation=trust) for _ in range(5)]
    puller, puller_secret = api_client_create(actor=None, organisation=trust, scopes=["people:read"],
                                              name="Mirror")
    api = bearer_client(token_for(puller, puller_secret))
    other, other_secret = api_client_create(actor=None, organisation=trust, scopes=["people:read"],
                                            name="Soon revoked")
    doomed = bearer_client(token_for(other, other_secret))
    replica_caught_up()

    people_url = reverse("api:person-list")
    pull_started = timezone.now()
    mirror = {row["id"]: row for row in pull(api, people_url)}
    seen["first_pull"] = sorted(mirror)
    seen["people_created"] = sorted(str(p.public_id) for p in people)

    # Lag: the replica stops replaying, the primary goes on.
    replica_sql("SELECT pg_wal_replay_pause()")
    wait_for(lambda: replica_sql("SELECT pg_get_wal_replay_pause_state()") == "paused", "replay to pause")
    newcomer = PersonFactory(organisation=trust, first_name="Lagging")
    people[0].job_title = "Director of workforce"
    people[0].save()
    gone = str(people[1].public_id)
    people[1].delete()
    seen["newcomer"] = str(newcomer.public_id)
    seen["gone"] = gone

    seen["list_during_lag"] = ids(pull(api, people_url))
    export = api.get(reverse("api:person-export"))
    seen["export_status"] = export.status_code
    seen["export_during_lag"] = b"".join(export.streaming_content).decode()
    detail = api.get(reverse("api:person-detail", args=[newcomer.public_id]))
    seen["detail_during_lag"] = detail.status_code

    # Sign-in and token lookups read the primary: a token issued now works now, and one revoked
    # now fails now, although the paused replica still holds it and its live client.
    seen["new_token_during_lag"] = bearer_client(token_for(puller, puller_secret)).get(people_url).status_code
    seen["doomed_token_before_revoke"] = doomed.get(people_url).status_code  # now cached in Redis too
    api_client_revoke(actor=None, client=other)
    seen["revoked_token_during_lag"] = doomed.get(people_url).status_code
    seen["replica_still_holds_revoked_token"] = replica_sql(
        "SELECT count(*) FROM oauth2_provider_accesstoken WHERE application_id = %s", [other.application_id])

    replica_sql("SELECT pg_wal_replay_resume()")
    replica_caught_up()

    # The nightly delta: changed rows since the previous pull started, minus the overlap, and deletions.
    since = (pull_started - OVERLAP).isoformat()
    for row in pull(api, people_url, {"updated_since": since}):
        mirror[row["id"]] = row
    for deletion in pull(api, reverse("api:deletion-list"), {"resource": "people", "since": since}):
        mirror.pop(deletion["id"], None)
    truth = {str(p.public_id): p.job_title for p in Person.objects.filter(organisation=trust)}
    seen["mirror_after_delta"] = {row_id: row["job_title"] for row_id, row in mirror.items()}
    seen["primary_rows"] = truth
    seen["fresh_full_pull_equals_mirror"] = {row["id"]: row for row in pull(api, people_url)} == mirror
    return seen


if __name__ == "__main__":
    json.dump(main(), sys.stdout)
