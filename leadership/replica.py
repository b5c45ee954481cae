"""Reads that may go to a PostgreSQL streaming replica (DATABASE_REPLICA_URL, docs/deploy.md).

Every query goes to the primary unless the code running it has opted in with `replica_reads()`:
the API's lists, deletions feed and exports, and the dashboards, whose readers tolerate a few
seconds of replica lag (a delta pull overlaps the previous one: docs/api.md). Writes, sign-in,
sessions and token lookups never go to the replica, whatever the context: a revoked token must
fail on the very next request. Without DATABASE_REPLICA_URL there is no router and no replica.
"""

import functools
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"

# Apps whose rows decide who is signed in or what a token may do (and the user model): always read
# on the primary.
PRIMARY_ONLY_APPS = frozenset({"sessions", "oauth2_provider", "account", "mfa", "usersessions",
                               "socialaccount", "auth"})

_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)


@contextmanager
def replica_reads():
    """Reads inside this block may go to the replica (when one is configured)."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def opted_in() -> bool:
    """Whether the code running now has opted in to replica reads."""
    return _replica_reads.get()


def reads_replica(view):
    """A view whose reads may go to the replica: lists, exports and dashboards only."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        with replica_reads():
            return view(*args, **kwargs)

    return wrapped


def replica_configured() -> bool:
    """A replica alias that is a database of its own (the test suite points it at the primary)."""
    if REPLICA not in connections.settings:
        return False
    replica, primary = connections.settings[REPLICA], connections.settings[DEFAULT_DB_ALIAS]
    return any(replica.get(key) != primary.get(key) for key in ("NAME", "HOST", "PORT"))


def read_alias(model=None) -> str:
    """Where a read of this model goes now."""
    if not opted_in():
        return DEFAULT_DB_ALIAS
    if model is not None and (model._meta.app_label in PRIMARY_ONLY_APPS
                              or model._meta.label == settings.AUTH_USER_MODEL):
        return DEFAULT_DB_ALIAS
    # Inside a transaction on the primary a read must see that transaction's own writes.
    if connections[DEFAULT_DB_ALIAS].in_atomic_block or not replica_configured():
        return DEFAULT_DB_ALIAS
    return REPLICA


class ReplicaRouter:
    """Installed only with DATABASE_REPLICA_URL (portal/settings.py). Both aliases are one database,
    so relations between their rows are allowed; only the primary is ever migrated or written."""

    def db_for_read(self, model, **hints):
        # An explicit answer outside replica_reads(): a row read on the replica and used later
        # (its relations followed) is read again on the primary.
        return read_alias(model)

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA
