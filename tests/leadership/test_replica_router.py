"""Where reads go (leadership/replica.py): the primary, unless a list, export or dashboard opted in
and a replica is configured; sign-in, sessions, tokens and users never leave the primary.

The replica itself is exercised end to end in tests/api/test_replica_reads.py.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.db import DEFAULT_DB_ALIAS, connections
from oauth2_provider.models import AccessToken

from leadership import replica
from leadership.models import Organisation, Person, User

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def configured(monkeypatch):
    monkeypatch.setattr(replica, "replica_configured", lambda: True)


def databases_with(**env) -> dict:
    clean = {k: v for k, v in os.environ.items() if k != "DATABASE_REPLICA_URL"}
    script = ("import json, django; django.setup(); from django.conf import settings; "
              "from leadership.replica import replica_configured; print(json.dumps({"
              "'aliases': list(settings.DATABASES), 'routers': settings.DATABASE_ROUTERS, "
              "'test': settings.DATABASES.get('replica', {}).get('TEST', {}).get('MIRROR')}))")
    result = subprocess.run([sys.executable, "-c", script], cwd=BASE_DIR, capture_output=True, text=True,
                            env={**clean, "DJANGO_SETTINGS_MODULE": "portal.settings", **env}, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_a_replica_url_there_is_no_replica_and_no_router():
    assert databases_with() == {"aliases": [DEFAULT_DB_ALIAS], "routers": [], "test": None}


def test_a_replica_url_adds_the_alias_the_router_and_no_test_database_of_its_own():
    found = databases_with(DATABASE_REPLICA_URL="postgres://reader@replica.example:5432/portal")
    assert found == {"aliases": [DEFAULT_DB_ALIAS, replica.REPLICA],
                     "routers": ["leadership.replica.ReplicaRouter"], "test": DEFAULT_DB_ALIAS}


def test_under_tests_the_mirrored_replica_is_the_primary_and_is_not_used(monkeypatch):
    # As Django's test set-up leaves a mirror: the same database as the primary.
    monkeypatch.setitem(connections.settings, replica.REPLICA, dict(connections["default"].settings_dict))
    assert not replica.replica_configured()


def test_reads_stay_on_the_primary_unless_a_view_opts_in(configured):
    assert replica.read_alias(Person) == DEFAULT_DB_ALIAS
    with replica.replica_reads():
        assert replica.read_alias(Person) == replica.REPLICA
        assert replica.read_alias(Organisation) == replica.REPLICA
    assert replica.read_alias(Person) == DEFAULT_DB_ALIAS


@pytest.mark.parametrize("model", [AccessToken, Session, User])
def test_tokens_sessions_and_users_are_always_read_on_the_primary(configured, model):
    with replica.replica_reads():
        assert replica.read_alias(model) == DEFAULT_DB_ALIAS


def test_the_decorated_view_reads_the_replica_only_while_it_runs(configured):
    @replica.reads_replica
    def view():
        return replica.read_alias(Person)

    assert view() == replica.REPLICA
    assert replica.read_alias(Person) == DEFAULT_DB_ALIAS


def test_with_no_replica_configured_the_context_changes_nothing():
    with replica.replica_reads():
        assert replica.read_alias(Person) == DEFAULT_DB_ALIAS


def test_writes_and_migrations_go_to_the_primary_only(configured):
    router = replica.ReplicaRouter()
    with replica.replica_reads():
        assert router.db_for_write(Person) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "leadership")
    assert not router.allow_migrate(replica.REPLICA, "leadership")


@pytest.mark.django_db
def test_a_read_inside_a_transaction_on_the_primary_stays_there(configured):
    # The test runs inside a transaction: the read must see its own writes.
    with replica.replica_reads():
        assert replica.read_alias(Person) == DEFAULT_DB_ALIAS
