"""DATABASE_REPLICA_URL: API lists and exports read a streaming replica; sign-in, tokens and details
read the primary; a delta pull with the documented overlap is exact once the replica catches up.

The test starts its own primary and streaming replica (tests/streaming_pair.py), gives the primary
the suite's migrated schema (pg_dump of the test database: migrating from nothing takes minutes),
then runs tests/api/replica_scenario.py against the pair in a process of its own, with replay
paused on the replica to make lag. Never skipped: a missing binary fails it.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connections
from django.urls import reverse

from leadership import access, replica
from tests.conftest import TEST_REDIS_DB
from tests.factories import PersonFactory
from tests.streaming_pair import _binary, streaming_pair

BASE_DIR = Path(__file__).resolve().parents[2]
# Some PostgreSQL builds keep a private column option that a stock server refuses to restore.
PRIVATE_COLUMN_OPTION = re.compile(rb"^ALTER TABLE ONLY \S+ ALTER COLUMN .+ SET \(pg_attver=\d+\);\n", re.M)


def copy_schema(primary) -> None:
    """The test database's tables, functions and triggers (and its few committed rows) into the pair's
    primary; the replica receives them by streaming."""
    source = connections["default"].settings_dict
    primary.sql("CREATE DATABASE portal")
    dump = subprocess.run(
        [_binary("pg_dump"), "--no-owner", "--no-privileges", "-h", source["HOST"] or "127.0.0.1",
         "-p", str(source["PORT"] or 5432), "-U", source["USER"] or "postgres", source["NAME"]],
        check=False, capture_output=True, timeout=120,
        env={**os.environ, "PGPASSWORD": source.get("PASSWORD") or ""})
    assert dump.returncode == 0, dump.stderr.decode()[-2000:]
    restore = subprocess.run(
        [_binary("psql"), "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(primary.port),
         "-U", "postgres", "-d", "portal"],
        input=PRIVATE_COLUMN_OPTION.sub(b"", dump.stdout), check=False, capture_output=True, timeout=120)
    assert restore.returncode == 0, restore.stderr.decode()[-2000:]


def run_scenario(primary, replica) -> dict:
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0").rsplit("/", 1)[0]
    env = {**os.environ, "DATABASE_URL": primary.url("portal"), "DATABASE_REPLICA_URL": replica.url("portal"),
           "REDIS_URL": f"{redis_url}/{TEST_REDIS_DB}", "PORTAL_ENV": "development",
           "DJANGO_SETTINGS_MODULE": "portal.settings"}
    result = subprocess.run([sys.executable, "-m", "tests.api.replica_scenario"], cwd=BASE_DIR, env=env,
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db  # the suite's test database is the schema's source; nothing is written to it
def test_lists_read_the_replica_and_tokens_the_primary_and_a_delta_pull_is_exact():
    with streaming_pair() as (primary, replica):
        assert replica.sql("SELECT pg_is_in_recovery()") == "t"
        copy_schema(primary)
        seen = run_scenario(primary, replica)

    assert "replica" in seen["replica_alias"]
    assert seen["router"] == ["leadership.replica.ReplicaRouter"]
    assert seen["first_pull"] == seen["people_created"]

    # While replay is paused the list and the export come from the replica: the primary's new row
    # is not there yet, the deleted one still is. The detail reads the primary and finds it.
    assert seen["newcomer"] not in seen["list_during_lag"]
    assert seen["gone"] in seen["list_during_lag"]
    assert seen["list_during_lag"] == seen["first_pull"]
    assert seen["export_status"] == 200
    assert seen["gone"] in seen["export_during_lag"]
    assert seen["newcomer"] not in seen["export_during_lag"]
    assert seen["detail_during_lag"] == 200

    # Sign-in and token lookups on the primary: a new token works at once, a revoked one fails at
    # once, although the paused replica still holds the revoked token.
    assert seen["new_token_during_lag"] == 200
    assert seen["doomed_token_before_revoke"] == 200
    assert seen["revoked_token_during_lag"] == 401
    assert seen["replica_still_holds_revoked_token"] == 1

    # Once replay resumes, the delta with the documented overlap plus the deletions feed is exact.
    assert seen["mirror_after_delta"] == seen["primary_rows"]
    assert seen["newcomer"] in seen["mirror_after_delta"]
    assert seen["gone"] not in seen["mirror_after_delta"]
    assert "Director of workforce" in seen["mirror_after_delta"].values()
    assert seen["fresh_full_pull_equals_mirror"]


@pytest.fixture
def people_reads(monkeypatch):
    """Whether each read of the people list's rows ran where the replica may be read."""
    seen = []
    original = access.api_people

    def spy(request):
        seen.append(replica.opted_in())
        return original(request)

    monkeypatch.setattr(access, "api_people", spy)
    return seen


@pytest.mark.django_db
def test_lists_and_exports_opt_in_and_details_do_not(people_reads, api_for, same_org):
    person = PersonFactory(organisation=same_org)
    api = api_for(same_org, ["people:read"])
    assert api.get(reverse("api:person-list")).status_code == 200
    assert api.get(reverse("api:person-list"), {"format": "csv"}).status_code == 200
    assert api.get(reverse("api:person-export")).status_code == 200
    assert people_reads == [True, True, True]
    assert api.get(reverse("api:person-detail", args=[person.public_id])).status_code == 200
    assert people_reads[-1] is False
    assert not replica.opted_in()
