"""A trust's nightly mirror, as docs/api.md describes it: one full pull, then each night the rows
changed since the previous pull started (updated_since) and the resource's deletions feed.

Tests using it commit for real (transactional_db): deletion times come from PostgreSQL's NOW(), which
is frozen for the length of a transaction.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone


def pull(api, url, params=None) -> list[dict]:
    """Every page of a list, two rows a page so that the walk crosses pages."""
    rows, response = [], api.get(url, {**(params or {}), "page_size": 2})
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        rows.extend(body["results"])
        if not body["next"]:
            return rows
        response = api.get(body["next"])


def _pull_started() -> str:
    return (timezone.now() - timedelta(seconds=1)).isoformat()  # the docs' overlap, kept small


class Mirror:
    """One resource's copy held by a client: mirror.rows is keyed by id, as a client upserts."""

    def __init__(self, api, resource: str, list_route: str):
        self.api, self.resource, self.url = api, resource, reverse(list_route)
        self.since = _pull_started()
        self.rows = self.fresh()

    def fresh(self) -> dict[str, dict]:
        """A full pull, as on the first night."""
        return {row["id"]: row for row in pull(self.api, self.url)}

    def catch_up(self) -> set[str]:
        """A delta pull: upsert what changed, drop what was deleted; returns the deleted ids."""
        since, self.since = self.since, _pull_started()
        for row in pull(self.api, self.url, {"updated_since": since}):
            self.rows[row["id"]] = row
        deletions = pull(self.api, reverse("api:deletion-list"), {"resource": self.resource, "since": since})
        assert {row["resource"] for row in deletions} <= {self.resource}
        for deletion in deletions:
            self.rows.pop(deletion["id"], None)
        return {deletion["id"] for deletion in deletions}

    def assert_exact(self) -> None:
        assert self.rows == self.fresh()
