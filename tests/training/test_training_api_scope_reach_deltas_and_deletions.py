"""API v1 training resources: scope training:read, organisation scoping, delta pulls, deletions, CSV."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from leadership.services import sharing_agreement_record
from tests.factories import PersonFactory
from tests.training.factories import CourseFactory, RecordFactory

pytestmark = pytest.mark.django_db


def test_a_client_needs_the_training_scope(api_for, same_org):
    api = api_for(same_org, ["people:read"])
    assert api.get(reverse("api:training-record-list")).status_code == 403
    assert api.get(reverse("api:training-course-list")).status_code == 403


def test_a_trust_client_lists_only_its_own_records(api_for, same_org, other_org):
    mine = RecordFactory(person=PersonFactory(organisation=same_org))
    RecordFactory(person=PersonFactory(organisation=other_org))
    rows = api_for(same_org, ["training:read"]).get(reverse("api:training-record-list")).json()["results"]
    assert [row["id"] for row in rows] == [str(mine.public_id)]
    assert rows[0]["organisation"] == "RT1"


def test_an_icb_client_sees_a_trusts_records_only_under_its_data_sharing_agreement(
        icb_api, icb, same_org, other_org, same_org_hr_admin):
    RecordFactory(person=PersonFactory(organisation=same_org))
    RecordFactory(person=PersonFactory(organisation=other_org))
    assert icb_api.get(reverse("api:training-record-list")).json()["results"] == []
    sharing_agreement_record(actor=same_org_hr_admin, trust=same_org, footprint=icb, scopes=["training:read"],
                             valid_from=timezone.localdate(), valid_until=None, agreed_by_name="C Guardian")
    rows = icb_api.get(reverse("api:training-record-list")).json()["results"]
    assert {row["organisation"] for row in rows} == {"RT1"}


def test_records_can_be_pulled_by_delta_and_as_csv(same_org_api, same_org):
    old = RecordFactory(person=PersonFactory(organisation=same_org))
    moment = timezone.now()
    new = RecordFactory(person=PersonFactory(organisation=same_org))
    url = reverse("api:training-record-list")
    rows = same_org_api.get(url, {"updated_since": moment.isoformat().replace("+00:00", "Z")}).json()[
        "results"
    ]
    assert [row["id"] for row in rows] == [str(new.public_id)]
    assert str(old.public_id) not in str(rows)
    csv = same_org_api.get(url, {"format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode().splitlines()[0].startswith("id,person,organisation,course")
    assert same_org_api.get(url, {"status": "nonsense"}).status_code == 400


def test_deleted_records_are_reported_to_their_organisation_only(api_for, same_org, other_org):
    record = RecordFactory(person=PersonFactory(organisation=same_org))
    record_id = str(record.public_id)
    record.delete()
    url = reverse("api:training-record-deletions")
    rows = api_for(same_org, ["training:read"]).get(url).json()["results"]
    assert [(row["id"], row["resource"]) for row in rows] == [(record_id, "training-records")]
    assert api_for(other_org, ["training:read"]).get(url).json()["results"] == []


def test_the_old_training_deletions_path_says_it_is_deprecated_and_names_its_successor(same_org_api):
    response = same_org_api.get(reverse("api:training-record-deletions"))
    assert response.status_code == 200
    assert response["Deprecation"] == "@1795910400"
    assert response["Sunset"] == "Sat, 29 May 2027 00:00:00 GMT"
    assert 'rel="successor-version"' in response["Link"]
    successor = same_org_api.get("/api/v1/deletions/", {"resource": "training-records"})
    assert successor.status_code == 200 and "Deprecation" not in successor


def test_the_catalogue_and_providers_are_the_same_for_every_client(same_org_api, other_org_api):
    course = CourseFactory(topics=["negotiation"])
    for api in (same_org_api, other_org_api):
        ids = [
            row["id"]
            for row in api.get(reverse("api:training-course-list"), {"topic": "negotiation"}).json()[
                "results"
            ]
        ]
        assert str(course.public_id) in ids
        provider = api.get(reverse("api:training-provider-detail", args=[course.provider.public_id])).json()
        assert provider["accredited_today"] is True


def test_an_agreement_starting_today_counts_in_the_api_from_midnight_in_england(icb_api, icb, same_org,
                                                                                 same_org_hr_admin):
    """The API works in UTC; an agreement's days are English days (00:30 BST is the day before in UTC)."""
    RecordFactory(person=PersonFactory(organisation=same_org))
    # A past summer night: the client's token, issued at the suite's clock, has not expired there.
    with time_machine.travel(datetime(2025, 7, 14, 23, 30, tzinfo=UTC), tick=False):
        sharing_agreement_record(actor=same_org_hr_admin, trust=same_org, footprint=icb,
                                 scopes=["training:read"], valid_from=date(2025, 7, 15), valid_until=None,
                                 agreed_by_name="C Guardian")
        rows = icb_api.get(reverse("api:training-record-list")).json()["results"]
    assert {row["organisation"] for row in rows} == {"RT1"}
