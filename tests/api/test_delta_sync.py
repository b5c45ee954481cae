"""A trust's nightly pull: a delta (updated_since) plus the deletions feed keeps a mirror exact.

Runs with real commits (transactional_db): deletion times come from PostgreSQL's NOW(), which is
frozen for the length of a transaction.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from leadership.models import Person
from tests.api.mirror import Mirror, pull
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_delta_and_deletions_reproduce_a_fresh_full_pull(api_for):
    trust = OrganisationFactory(ods_code="RZ1")
    elsewhere = OrganisationFactory(ods_code="RZ9")
    people = [PersonFactory(organisation=trust) for _ in range(6)]
    mirror = Mirror(api_for(trust, ["people:read"]), "people", "api:person-list")

    PersonFactory(organisation=trust, first_name="New")
    PersonFactory(organisation=trust, first_name="Newer")
    people[0].job_title = "Director of nursing"
    people[0].save()
    Person.objects.filter(id=people[1].id).update(active=False, updated_at=timezone.now())
    people[2].delete()
    Person.objects.filter(id__in=[people[3].id, people[4].id]).delete()  # a bulk delete
    PersonFactory(organisation=elsewhere).delete()  # not this client's business

    deleted = mirror.catch_up()

    mirror.assert_exact()
    assert deleted == {str(p.public_id) for p in people[2:5]}


def test_the_organisation_deletions_feed_reports_an_organisation_under_a_footprint(api_for, icb):
    doomed = OrganisationFactory(ods_code="RZ5", parent=icb)
    doomed_id = str(doomed.public_id)
    api = api_for(icb, ["organisations:read"])
    doomed.delete()
    since = (timezone.now() - timedelta(minutes=5)).isoformat()
    rows = pull(api, reverse("api:deletion-list"), {"resource": "organisations", "since": since})
    assert [row["id"] for row in rows] == [doomed_id]
