"""A trust's nightly pull: a delta (updated_since) plus the deletions feed keeps a mirror exact.

Runs with real commits (transactional_db): deletion times come from PostgreSQL's NOW(), which is
frozen for the length of a transaction.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from leadership.models import Person
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def pull(api, url, params) -> list[dict]:
    rows, response = [], api.get(url, {**params, "page_size": 2})
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        rows.extend(body["results"])
        if not body["next"]:
            return rows
        response = api.get(body["next"])


def full_pull(api) -> dict[str, dict]:
    return {row["id"]: row for row in pull(api, reverse("api:person-list"), {})}


def test_delta_and_deletions_reproduce_a_fresh_full_pull(api_for):
    trust = OrganisationFactory(ods_code="RZ1")
    elsewhere = OrganisationFactory(ods_code="RZ9")
    people = [PersonFactory(organisation=trust) for _ in range(6)]
    api = api_for(trust, ["people:read"])

    mirror = full_pull(api)
    since = (timezone.now() - timedelta(seconds=1)).isoformat()  # the docs' overlap, kept small

    PersonFactory(organisation=trust, first_name="New")
    PersonFactory(organisation=trust, first_name="Newer")
    people[0].job_title = "Director of nursing"
    people[0].save()
    Person.objects.filter(id=people[1].id).update(active=False, updated_at=timezone.now())
    people[2].delete()
    Person.objects.filter(id__in=[people[3].id, people[4].id]).delete()  # a bulk delete
    PersonFactory(organisation=elsewhere).delete()  # not this client's business

    for row in pull(api, reverse("api:person-list"), {"updated_since": since}):
        mirror[row["id"]] = row
    deletions = pull(api, reverse("api:deletion-list"), {"resource": "people", "since": since})
    for deletion in deletions:
        assert deletion["resource"] == "people"
        mirror.pop(deletion["id"], None)

    assert mirror == full_pull(api)
    assert {d["id"] for d in deletions} == {str(p.public_id) for p in people[2:5]}


def test_the_organisation_deletions_feed_reports_an_organisation_under_a_footprint(api_for, icb):
    doomed = OrganisationFactory(ods_code="RZ5", parent=icb)
    doomed_id = str(doomed.public_id)
    api = api_for(icb, ["organisations:read"])
    doomed.delete()
    since = (timezone.now() - timedelta(minutes=5)).isoformat()
    rows = pull(api, reverse("api:deletion-list"), {"resource": "organisations", "since": since})
    assert [row["id"] for row in rows] == [doomed_id]
