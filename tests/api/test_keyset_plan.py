"""The keyset is one row comparison, (updated_at, public_id) > (%s, %s), that the (updated_at,
public_id) index starts its scan at: rows sharing one updated_at (a bulk import stamps thousands alike)
do not make each deeper page read the rows before it. Checked on the plan, not on a clock."""

import json
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leadership.models import Person

pytestmark = pytest.mark.django_db

ONE_MOMENT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def test_a_deep_page_of_people_sharing_one_updated_at_starts_its_index_scan_at_the_cursor(
        same_org, same_org_api):
    Person.objects.bulk_create(
        [Person(organisation=same_org, employee_number=f"B{n:06d}", first_name="Bulk",
                last_name=f"Import {n}", management_level="none") for n in range(20_000)], batch_size=5_000)
    Person.objects.update(updated_at=ONE_MOMENT)  # one import, one moment
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE leadership_person")
    url = reverse("api:person-list")
    page = same_org_api.get(url, {"page_size": 1000}).json()
    for _ in range(9):  # ten pages deep
        page = same_org_api.get(page["next"]).json()
    with CaptureQueriesContext(connection) as queries:
        response = same_org_api.get(page["next"])
    assert response.status_code == 200
    statement = next(query["sql"] for query in queries.captured_queries if "sqljson_row" in query["sql"])
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + statement)
        plan = cursor.fetchone()[0]
    plan = plan if isinstance(plan, list) else json.loads(plan)
    scans = [node for node in _nodes(plan[0]["Plan"]) if node.get("Relation Name") == "leadership_person"
             and node.get("Alias", "leadership_person") == "leadership_person"]
    assert scans, plan
    scan = scans[0]
    assert scan["Node Type"] in ("Index Scan", "Index Only Scan"), scan
    condition = scan["Index Cond"].replace("leadership_person.", "")
    assert "ROW(updated_at, public_id) > ROW(" in condition, scan  # the scan starts at the cursor


def test_each_export_chunk_scans_only_its_own_rows_of_the_index(same_org):
    """A chunk of the CSV export is bounded at both ends in the index scan, (updated_at, public_id) >
    the last chunk's end and <= its own end; NOT (...) > (...) was only a filter, so every chunk read
    on to the end of the index (a national export of 15 million rows ran for over an hour)."""
    from leadership.api.export import copy_csv, export_chunks

    Person.objects.bulk_create(
        [Person(organisation=same_org, employee_number=f"C{n:06d}", first_name="Bulk",
                last_name=f"Import {n}", management_level="none") for n in range(20_000)], batch_size=5_000)
    Person.objects.update(updated_at=ONE_MOMENT)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE leadership_person")
    ordering = ("updated_at", "public_id")
    body = b"".join(copy_csv(Person.objects.all(), {"id": "public_id"}, ordering, chunk_rows=5_000))
    lines = body.splitlines()
    assert len(lines) == 20_001 and len(set(lines)) == 20_001  # the header and every row, once
    chunks = list(export_chunks(Person.objects.all(), ordering, 5_000))
    assert [chunk.count() for chunk in chunks] == [5_000, 5_000, 5_000, 5_000, 0]
    sql, params = chunks[2].values_list("public_id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    plan = plan if isinstance(plan, list) else json.loads(plan)
    scan = next(node for node in _nodes(plan[0]["Plan"]) if node.get("Relation Name") == "leadership_person")
    assert scan["Node Type"] in ("Index Scan", "Index Only Scan"), scan
    condition = scan["Index Cond"].replace("leadership_person.", "")
    assert "ROW(updated_at, public_id) > ROW(" in condition, scan
    assert "ROW(updated_at, public_id) <= ROW(" in condition, scan
