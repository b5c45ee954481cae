"""Lists: cursor pagination, filters, updated_since, CSV, one error shape, constant query counts."""

import base64
import csv
import io
from datetime import timedelta
from datetime import timezone as timezone_at
from urllib.parse import unquote

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leadership.api.auth import ApiClientRateThrottle
from leadership.models import ApiClient, ManagementLevel, Person
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

PEOPLE = "api:person-list"


def timezone_offset(hours: int):
    return timezone_at(timedelta(hours=hours))
ORGANISATIONS = "api:organisation-list"


def walk(api, url, params):
    """Follow `next` from the first page to the last; returns every row in order and the page count."""
    rows, pages = [], 0
    response = api.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        rows.extend(body["results"])
        pages += 1
        if not body["next"]:
            return rows, pages
        response = api.get(body["next"])


@pytest.fixture
def staff(same_org):
    return [PersonFactory(organisation=same_org) for _ in range(7)]


def test_page_size_1_walks_every_row_exactly_once(same_org_api, staff):
    rows, pages = walk(same_org_api, reverse(PEOPLE), {"page_size": 1})
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)) == pages == 7
    assert set(ids) == {str(person.public_id) for person in staff}


def test_rows_come_in_updated_at_order_with_ties_broken_by_public_id(same_org_api, same_org):
    moment = timezone.now() - timedelta(days=1)
    people = [PersonFactory(organisation=same_org) for _ in range(5)]
    Person.objects.filter(id__in=[p.id for p in people]).update(updated_at=moment)  # all tied
    rows, _ = walk(same_org_api, reverse(PEOPLE), {"page_size": 2})
    assert [row["id"] for row in rows] == sorted(str(p.public_id) for p in people)


def test_more_ties_than_any_offset_could_hold_are_walked_exactly_once(same_org_api, same_org):
    """GIVEN an import that stamped 1,250 people with one updated_at WHEN a client walks them THEN
    each comes once (DRF's own cursor caps its tie offset at 1,000 and would repeat rows)."""
    moment = timezone.now() - timedelta(hours=1)
    Person.objects.bulk_create(
        Person(organisation=same_org, employee_number=f"T{n:05d}", first_name="Tied", last_name=str(n),
               created_at=moment, updated_at=moment)
        for n in range(1250)
    )
    rows, pages = walk(same_org_api, reverse(PEOPLE), {"page_size": 100})
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)) == 1250 and pages == 13


def test_a_cursor_carries_no_database_id(same_org_api, staff):
    body = same_org_api.get(reverse(PEOPLE), {"page_size": 1}).json()
    cursor = body["next"].split("cursor=")[1].split("&")[0]
    decoded = base64.b64decode(unquote(cursor), altchars=b"-_").decode()
    assert decoded.split("|")[1] == body["results"][0]["id"]


def test_a_row_changed_during_a_walk_is_not_missed(same_org_api, staff):
    first = same_org_api.get(reverse(PEOPLE), {"page_size": 3}).json()
    seen = {row["id"] for row in first["results"]}
    Person.objects.get(public_id=first["results"][0]["id"]).save()  # moves to the end
    unseen_yet = Person.objects.exclude(public_id__in=seen).first()
    unseen_yet.save()
    rows, _ = walk(same_org_api, first["next"], {})
    assert {row["id"] for row in rows} >= {first["results"][0]["id"], str(unseen_yet.public_id)}


@pytest.mark.parametrize("size", ["0", "1001", "-1", "ten", "1.5", " 5", "+5", "1_0", "", "٥"])
def test_a_page_size_outside_1_to_1000_is_a_400(same_org_api, size):
    response = same_org_api.get(reverse(PEOPLE), {"page_size": size})
    assert response.status_code == 400
    assert response.json()["errors"] == {"page_size": ["Enter a whole number from 1 to 1000."]}


def test_page_size_1000_is_allowed(same_org_api):
    assert same_org_api.get(reverse(PEOPLE), {"page_size": 1000}).status_code == 200


@pytest.mark.parametrize("value", [
    "yesterday", "2025-13-01T00:00:00Z", "0", "2025-01-01T25:00", "2025-01-01", "2025-01-01T00:00:00",
])
def test_a_bad_updated_since_is_a_400_with_a_field_message(same_org_api, value):
    response = same_org_api.get(reverse(PEOPLE), {"updated_since": value})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"]
    assert body["errors"]["updated_since"] == [
        "Enter a date and time in ISO 8601 form, such as 2025-04-01T02:00:00Z."
    ]


@pytest.mark.parametrize(("value", "every_row"), [
    ("0001-01-01T00:00:00+01:00", True), ("1899-12-31T23:59:59Z", True),  # from the start: every row
    ("9999-12-31T23:59:59-01:00", False), ("2101-01-01T00:00:00Z", False),  # after 2100: none yet
])
def test_an_updated_since_outside_1900_to_2100_counts_as_the_nearest_end(same_org_api, staff, value,
                                                                         every_row):
    """A schema-valid moment is never refused (the OpenAPI contract); it is taken into the range."""
    response = same_org_api.get(reverse(PEOPLE), {"updated_since": value})
    assert response.status_code == 200
    assert len(response.json()["results"]) == (len(staff) if every_row else 0)


def test_updated_since_accepts_any_offset_postgresql_could_not(same_org_api, staff):
    response = same_org_api.get(reverse(PEOPLE), {"updated_since": "2081-09-19T02:41:58.8-20:59"})
    assert response.status_code == 200 and response.json()["results"] == []


def test_an_empty_format_is_a_400(same_org_api):
    assert same_org_api.get(reverse(PEOPLE) + "?format=").status_code == 400


def test_updated_since_returns_only_rows_changed_at_or_after_it(same_org_api, staff):
    old = timezone.now() - timedelta(days=2)
    Person.objects.filter(id__in=[p.id for p in staff[:5]]).update(updated_at=old)
    since = (old + timedelta(days=1)).isoformat()
    rows, _ = walk(same_org_api, reverse(PEOPLE), {"updated_since": since})
    assert {row["id"] for row in rows} == {str(p.public_id) for p in staff[5:]}


@pytest.mark.parametrize("params", [
    {"band": "99"}, {"management_level": "boss"}, {"staff_group": "x"}, {"active": "maybe"},
    {"organisation": "X" * 11}, {"organisation": "R\x00"}, {"band": ""}, {"active": ""},
])
def test_a_bad_filter_value_is_a_400_naming_the_field(same_org_api, params):
    response = same_org_api.get(reverse(PEOPLE), params)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == list(params)


def test_filters_narrow_the_people_list(same_org_api, same_org):
    lead = PersonFactory(organisation=same_org, management_level=ManagementLevel.SENIOR, band="8c")
    PersonFactory(organisation=same_org, management_level=ManagementLevel.NONE, band="5")
    gone = PersonFactory(organisation=same_org, management_level=ManagementLevel.SENIOR, active=False)
    url = reverse(PEOPLE)
    senior = {r["id"] for r in same_org_api.get(url, {"management_level": "senior"}).json()["results"]}
    assert senior == {str(lead.public_id), str(gone.public_id)}
    current = {r["id"] for r in same_org_api.get(
        url, {"management_level": "senior", "active": "true"}).json()["results"]}
    assert current == {str(lead.public_id)}
    assert same_org_api.get(url, {"band": "8c", "organisation": "rt1"}).json()["results"][0]["id"] == str(
        lead.public_id)


def test_organisation_filters(icb_api, icb, same_org):
    url = reverse(ORGANISATIONS)
    codes = {r["ods_code"] for r in icb_api.get(url, {"kind": "icb"}).json()["results"]}
    assert codes == {"QT1"}


def test_a_person_shows_public_ids_and_ods_codes_never_database_ids(same_org_api, same_org_manager):
    lead = Person.objects.get(first_name="Lee")
    body = same_org_api.get(reverse("api:person-detail", args=[lead.public_id])).json()
    assert body["id"] == str(lead.public_id)
    assert body["organisation"] == "RT1"
    assert body["line_manager"] == str(same_org_manager.person.public_id)
    assert "user" not in body and "pk" not in body


def test_an_organisation_shows_its_parent_by_ods_code(same_org_api, same_org):
    body = same_org_api.get(reverse("api:organisation-detail", args=[same_org.public_id])).json()
    assert body["parent"] == "QT1" and body["ods_code"] == "RT1"


def test_csv_format_returns_the_page_as_a_spreadsheet(same_org_api, same_org):
    PersonFactory(organisation=same_org, first_name="=HYPERLINK(\"http://evil\")", last_name="Formula")
    PersonFactory(organisation=same_org, first_name="Plain", last_name="Person")
    response = same_org_api.get(reverse(PEOPLE), {"format": "csv", "page_size": 1})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'rel="next"' in response["Link"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 1 and rows[0]["organisation"] == "RT1"
    everything = same_org_api.get(reverse(PEOPLE), {"format": "csv"}).content.decode()
    assert "'=HYPERLINK" in everything


def test_an_error_asked_for_as_csv_comes_back_as_json(same_org_api):
    response = same_org_api.get(reverse(PEOPLE), {"format": "csv", "band": "99"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "band" in response.json()["errors"]


@pytest.mark.parametrize("fmt", ["xml", "api-nope", "yaml"])
def test_an_unknown_format_is_a_400(same_org_api, fmt):
    response = same_org_api.get(reverse(PEOPLE), {"format": fmt})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["format"]


def test_csv_is_not_offered_on_a_detail(same_org_api, same_org_manager):
    url = reverse("api:person-detail", args=[same_org_manager.person.public_id])
    assert same_org_api.get(url, {"format": "csv"}).status_code == 400


def test_responses_are_never_cached(same_org_api, client):
    assert same_org_api.get(reverse(PEOPLE))["Cache-Control"] == "no-store"
    assert client.get(reverse(PEOPLE))["Cache-Control"] == "no-store"


def test_errors_have_one_shape(client, same_org_api):
    unauthenticated = client.get(reverse(PEOPLE)).json()
    assert set(unauthenticated) == {"detail", "errors"} and unauthenticated["errors"] == {}
    missing = same_org_api.get(reverse("api:person-detail", args=[
        "00000000-0000-0000-0000-000000000000"])).json()
    assert set(missing) == {"detail", "errors"} and missing["errors"] == {}
    invalid = same_org_api.get(reverse(PEOPLE), {"band": "99", "page_size": "0"}).json()
    assert set(invalid) == {"detail", "errors"}
    assert all(isinstance(messages, list) for messages in invalid["errors"].values())


def test_a_client_without_people_read_gets_403_on_people(api_for, same_org, same_org_manager):
    api = api_for(same_org, ["organisations:read"])
    response = api.get(reverse(PEOPLE))
    assert response.status_code == 403
    assert set(response.json()) == {"detail", "errors"}
    assert api.get(reverse("api:person-detail", args=[same_org_manager.person.public_id])).status_code == 403
    assert api.get(reverse("api:deletion-list"), {"resource": "people"}).status_code == 403
    assert api.get(reverse(ORGANISATIONS)).status_code == 200
    assert api.get(reverse("api:deletion-list"), {"resource": "organisations"}).status_code == 200


def test_a_client_without_organisations_read_gets_403_on_organisations(api_for, same_org):
    api = api_for(same_org, ["people:read"])
    assert api.get(reverse(ORGANISATIONS)).status_code == 403
    assert api.get(reverse("api:deletion-list"), {"resource": "organisations"}).status_code == 403


@pytest.mark.parametrize("params", [{}, {"resource": "payslips"}])
def test_the_deletions_feed_needs_a_known_resource(same_org_api, params):
    response = same_org_api.get(reverse("api:deletion-list"), params)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["resource"]


def _queries(api, url, params) -> int:
    api.get(url, params)  # the first request reads the token; those measured find it in Redis
    with CaptureQueriesContext(connection) as captured:
        assert api.get(url, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", [PEOPLE, ORGANISATIONS])
def test_list_query_counts_do_not_grow_with_page_size(icb_api, icb, django_assert_max_num_queries, name):
    for n in range(12):
        organisation = OrganisationFactory(ods_code=f"RX{n}", parent=icb)
        manager = PersonFactory(organisation=organisation)
        PersonFactory(organisation=organisation, line_manager=manager)
    url = reverse(name)
    small = _queries(icb_api, url, {"page_size": 2})
    large = _queries(icb_api, url, {"page_size": 500})
    assert small == large
    with django_assert_max_num_queries(8):
        icb_api.get(url, {"page_size": 1000})


def test_deletions_query_count_does_not_grow_with_page_size(same_org_api, same_org):
    for _ in range(10):
        PersonFactory(organisation=same_org).delete()
    url = reverse("api:deletion-list")
    assert _queries(same_org_api, url, {"resource": "people", "page_size": 2}) == _queries(
        same_org_api, url, {"resource": "people", "page_size": 500})


def test_a_client_over_its_rate_is_throttled_with_a_json_429(api_for, same_org, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": "3/min"}}
    api = api_for(same_org)
    client = ApiClient.objects.latest("created_at")
    # Test runs reuse application ids: forget any history an earlier run left in Redis.
    cache.delete(ApiClientRateThrottle.cache_format % {
        "scope": "api", "ident": f"client-{client.application_id}"})
    statuses = [api.get(reverse(ORGANISATIONS)).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = api.get(reverse(ORGANISATIONS))
    assert set(response.json()) == {"detail", "errors"} and "Retry-After" in response
