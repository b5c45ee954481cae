"""Lists read columns (values_list) where details use serializers: both must say the same thing.

Every viewset with list_columns is checked here, so a field added to a serializer but not to the
columns (or the other way round) fails. Times are in UTC with Z, whatever the site's time zone.
"""

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse

from leadership.api.urls import router
from leadership.models import Organisation, OrganisationKind
from tests.factories import PersonFactory
from tests.training.factories import RecordFactory

pytestmark = pytest.mark.django_db

COLUMN_LISTS = {
    basename: viewset for _, viewset, basename in router.registry if getattr(viewset, "list_columns", None)
}


def test_the_big_lists_read_columns():
    assert {"person", "organisation", "training-record"} <= set(COLUMN_LISTS)


@pytest.mark.parametrize("basename", sorted(COLUMN_LISTS))
def test_columns_name_the_serializers_fields_in_order(basename):
    viewset = COLUMN_LISTS[basename]
    assert list(viewset.list_columns) == list(viewset.serializer_class().fields)


@pytest.fixture
def world(same_org, same_org_manager):
    """A summer moment (British Summer Time), so a London offset would show; nulls and decimals."""
    with time_machine.travel(datetime(2026, 7, 1, 9, 30, 15, 123456, tzinfo=UTC), tick=False):
        external = RecordFactory(person=same_org_manager.person, course=None, title="=HYPERLINK()",
                                 hours=Decimal("2.5"), cost=Decimal("0.10"))
        report = PersonFactory(organisation=same_org, line_manager=same_org_manager.person)
        certified = RecordFactory(person=report)
        certified.certificate.save("certificate.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return {"external": external, "certified": certified}


@pytest.mark.parametrize("basename", ["person", "organisation", "training-record"])
def test_every_list_row_equals_its_detail(icb_api, same_org_api, world, basename):
    api = icb_api if basename == "organisation" else same_org_api
    rows = api.get(reverse(f"api:{basename}-list"), {"page_size": 1000}).json()["results"]
    assert rows
    for row in rows:
        detail = api.get(reverse(f"api:{basename}-detail", args=[row["id"]]))
        assert detail.status_code == 200
        assert row == detail.json()


def test_record_columns_carry_nulls_decimals_and_utc_times(same_org_api, world):
    rows = {row["id"]: row for row in same_org_api.get(reverse("api:training-record-list")).json()["results"]}
    external, certified = rows[str(world["external"].public_id)], rows[str(world["certified"].public_id)]
    assert external["course"] is None
    assert (external["hours"], external["cost"]) == ("2.5", "0.10")
    assert (external["has_certificate"], certified["has_certificate"]) == (False, True)
    assert external["created_at"] == "2026-07-01T09:30:15.123456Z"
    assert certified["updated_at"].endswith("Z")


def test_csv_from_columns_writes_iso_times_and_neutralises_formulas(same_org_api, world):
    response = same_org_api.get(reverse("api:training-record-list"), {"format": "csv"})
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}
    external = rows[str(world["external"].public_id)]
    assert external["title"] == "'=HYPERLINK()"
    assert external["created_at"] == "2026-07-01T09:30:15.123456Z"
    assert (external["course"], external["has_certificate"], external["cost"]) == ("", "false", "0.10")


def walk_csv(api, url: str, params: dict) -> list[dict]:
    """Every row of a list through its CSV pages, following the Link header."""
    rows, response = [], api.get(url, {**params, "format": "csv"})
    while True:
        assert response.status_code == 200
        rows.extend(csv.DictReader(io.StringIO(response.content.decode())))
        link = response.get("Link")
        if not link:
            return rows
        response = api.get(link[1:link.index(">")])


def export_csv(api, url: str, params: dict | None = None):
    response = api.get(url, params or {})
    assert response.status_code == 200, response.content
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return response, list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.mark.parametrize("basename", ["person", "organisation", "training-record"])
@pytest.mark.parametrize("chunk_rows", [1, 2, 20_000])
def test_the_export_equals_the_csv_pages_whatever_the_chunk_size(
        icb_api, same_org_api, icb, same_org, world, monkeypatch, basename, chunk_rows):
    monkeypatch.setattr("leadership.api.export.EXPORT_CHUNK_ROWS", chunk_rows)
    tabbed = PersonFactory(organisation=same_org, job_title="\tTabbed", commissioner_roles=["gp", "nurse"])
    RecordFactory(person=tabbed, course=None, title="@Course", status="withdrawn")
    Organisation.objects.create(ods_code="RT5", name="=Formula NHS Trust", kind=OrganisationKind.NHS_TRUST,
                                parent=icb, active=False, dissolved_on="2025-03-31")
    api = icb_api if basename == "organisation" else same_org_api
    paged = walk_csv(api, reverse(f"api:{basename}-list"), {"page_size": 2})
    response, exported = export_csv(api, reverse(f"api:{basename}-export"))
    assert len(paged) >= 3
    assert exported == paged  # same rows, same order, same text in every cell
    assert response["Content-Disposition"].startswith("attachment; filename=")


def test_the_export_neutralises_formulas_and_writes_lists_and_times_like_the_pages(same_org_api, same_org):
    with time_machine.travel(datetime(2026, 1, 5, 8, 0, 0, tzinfo=UTC), tick=False):  # whole second
        person = PersonFactory(organisation=same_org, first_name="+Plus", last_name="@At", job_title="-1",
                               commissioner_roles=["gp", "nurse"])
    _, rows = export_csv(same_org_api, reverse("api:person-export"))
    row = next(row for row in rows if row["id"] == str(person.public_id))
    assert (row["first_name"], row["last_name"], row["job_title"]) == ("'+Plus", "'@At", "'-1")
    assert row["commissioner_roles"] == "gp;nurse"
    assert row["created_at"] == "2026-01-05T08:00:00Z"
    assert row["active"] == "true"


def test_the_export_applies_the_lists_filters_and_refuses_bad_ones(same_org_api, world):
    url = reverse("api:training-record-export")
    _, rows = export_csv(same_org_api, url, {"updated_since": "2026-07-01T09:30:15Z"})
    assert {row["id"] for row in rows} == {str(record.public_id) for record in world.values()}
    _, rows = export_csv(same_org_api, url, {"updated_since": "2030-01-01T00:00:00Z"})
    assert rows == []
    bad = same_org_api.get(url, {"status": "nonsense"})
    assert bad.status_code == 400
    assert "status" in bad.json()["errors"]


def test_an_export_of_a_scope_that_can_match_nothing_is_just_the_header():
    from leadership.api.export import copy_csv
    from leadership.api.serializers import PERSON_COLUMNS
    from leadership.models import Person

    body = b"".join(copy_csv(Person.objects.filter(id__in=[]), PERSON_COLUMNS))
    assert body == (",".join(PERSON_COLUMNS) + "\n").encode()


def test_accreditation_runs_by_english_dates_though_the_api_answers_in_utc(same_org_api):
    from tests.training.factories import ProviderFactory

    provider = ProviderFactory(accreditation_status="accredited", accredited_from="2025-07-02")
    # 00:30 on 2 July in London is still 1 July in UTC. A past summer: the client's token, issued at
    # the suite's clock (maybe pinned to winter), has not expired there.
    with time_machine.travel(datetime(2025, 7, 1, 23, 30, tzinfo=UTC), tick=False):
        row = same_org_api.get(reverse("api:training-provider-detail", args=[provider.public_id])).json()
    assert row["accredited_today"] is True
