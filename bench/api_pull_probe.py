"""Run by bench/api_pull.py inside the scratch database: one trust client's full pull, three ways.

All three run in this one process, one after the other: the raw psycopg2 COPY of the same rows and
columns; the straightforward DRF endpoint defined below (ModelSerializer, ListAPIView, DRF's
CursorPagination, select_related, same output fields); the portal's /api/v1/training/records/.
Both endpoints are called in-process with django.test.Client (no socket), page_size 1000,
following `next` until it is null, and every page is decoded with json.loads as a client would.
The throttle (600 requests a minute per client) is raised for this process only, for both
endpoints alike: it would otherwise pace a pull of more than 600 pages.
"""

import hashlib
import io
import sys
import time

from bench.probe_common import emit, peak_rss_mb, setup_django, statements_seconds

setup_django()

from django.conf import settings  # noqa: E402
from django.urls import include, path  # noqa: E402
from rest_framework import serializers  # noqa: E402
from rest_framework.generics import ListAPIView  # noqa: E402
from rest_framework.pagination import CursorPagination  # noqa: E402
from rest_framework.permissions import BasePermission  # noqa: E402
from rest_framework.renderers import JSONRenderer  # noqa: E402

from leadership import access  # noqa: E402
from training.models import TrainingRecord  # noqa: E402


class RecordSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    person = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="ods_code", read_only=True)
    course = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    date = serializers.DateField(source="on", read_only=True)
    has_certificate = serializers.SerializerMethodField()

    class Meta:
        model = TrainingRecord
        fields = ["id", "person", "organisation", "course", "title", "provider_name", "status", "date",
                  "hours", "cost", "has_certificate", "source", "created_at", "updated_at"]

    def get_has_certificate(self, record) -> bool:
        return bool(record.certificate)


class Cursor(CursorPagination):
    ordering = "updated_at"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000


class HasClient(BasePermission):
    def has_permission(self, request, view):
        return access.api_client(request) is not None


class StraightforwardRecordList(ListAPIView):
    """What a typical Django app writes: a ModelSerializer, a ListAPIView and DRF's cursor pages."""

    serializer_class = RecordSerializer
    pagination_class = Cursor
    permission_classes = [HasClient]
    filter_backends = []
    renderer_classes = [JSONRenderer]  # DRF's own, not the portal's orjson renderer

    def get_queryset(self):
        client = access.api_client(self.request)
        return TrainingRecord.objects.filter(organisation_id=client.organisation_id).select_related(
            "person", "organisation", "course")


urlpatterns = [
    path("bench/straightforward/records/", StraightforwardRecordList.as_view()),
    path("", include("portal.urls")),
]

PAGE_SQL_REPEATS = 20

COPY_SQL = """
COPY (SELECT r.public_id, p.public_id, o.ods_code, c.public_id, r.title, r.provider_name, r.status,
             r."on", r.hours, r.cost, r.certificate <> '', r.source, r.created_at, r.updated_at
      FROM training_trainingrecord r
      JOIN leadership_person p ON p.id = r.person_id
      JOIN leadership_organisation o ON o.id = r.organisation_id
      LEFT JOIN training_course c ON c.id = r.course_id
      WHERE o.ods_code = %s
      ORDER BY r.updated_at, r.public_id) TO STDOUT
"""


class _Sink(io.RawIOBase):
    """Where COPY writes: counts lines and bytes, and keeps a digest of the first column."""

    def __init__(self):
        self.bytes = 0
        self.chunks = []

    def writable(self):
        return True

    def write(self, data):
        self.bytes += len(data)
        self.chunks.append(bytes(data))
        return len(data)


def raw_copy(ods_code: str) -> dict:
    import psycopg2
    from django.db import connection

    params = connection.get_connection_params()
    raw = psycopg2.connect(**{k: v for k, v in params.items() if k in
                              ("dbname", "user", "password", "host", "port")})
    try:
        with raw.cursor() as cursor:
            sink = _Sink()
            started = time.perf_counter()
            cursor.copy_expert(cursor.mogrify(COPY_SQL, [ods_code]).decode(), sink)
            lines = b"".join(sink.chunks).split(b"\n")[:-1]
            ids = [line.split(b"\t", 1)[0].decode() for line in lines]
            seconds = time.perf_counter() - started
    finally:
        raw.close()
    return {"rows": len(ids), "seconds": seconds, "bytes": sink.bytes, "digest": _digest(ids)}


def api_pull(client, url: str, max_rows: int | None = None) -> dict:
    """A pull following `next`; with max_rows it stops after the page that reaches that many rows."""
    import json

    rows, pages, size, ids, decoding = 0, 0, 0, [], 0.0
    started = time.perf_counter()
    while url and (max_rows is None or rows < max_rows):
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: {response.status_code} {response.content[:300]!r}")
        body = response.content
        decode_started = time.perf_counter()
        data = json.loads(body)
        decoding += time.perf_counter() - decode_started
        size += len(body)
        pages += 1
        rows += len(data["results"])
        ids.extend(row["id"] for row in data["results"])
        url = data["next"]
    seconds = time.perf_counter() - started
    return {"rows": rows, "pages": pages, "seconds": seconds, "bytes": size, "digest": _digest(ids),
            "complete": url is None, "decode_seconds": decoding}


def _digest(ids) -> str:
    return hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()[:16]


def main(ods_code: str, page_size: int, max_rows: int) -> None:
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from bench.probe_common import api_token

    token = api_token(ods_code, ["training:read"], name="bench api pull")
    rest = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": "1000000/min"}}
    results = {}
    with override_settings(ROOT_URLCONF="bench.api_pull_probe", REST_FRAMEWORK=rest):
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        warm = client.get("/api/v1/training/records/?page_size=10")  # connections, caches, imports
        assert warm.status_code == 200, warm.content[:300]
        client.get("/bench/straightforward/records/?page_size=10")
        results["copy"] = raw_copy(ods_code)
        straightforward = f"/bench/straightforward/records/?page_size={page_size}"
        # Its rate is steady page to page (keyset), so at national scale the first max_rows rows
        # measure it: the whole pull would take half an hour.
        results["straightforward"] = api_pull(client, straightforward, max_rows)
        portal_url = f"/api/v1/training/records/?page_size={page_size}"
        results["portal"] = api_pull(client, portal_url)
        # Where a page's time goes: its statements alone (keyset pages cost alike at any depth).
        with CaptureQueriesContext(connection) as captured:
            client.get(portal_url)
        results["portal"]["page_sql_seconds"] = statements_seconds(
            [query["sql"] for query in captured.captured_queries], PAGE_SQL_REPEATS)
        results["portal"]["page_statements"] = len(captured.captured_queries)
    # bench/api_pull.py pulls over HTTP with the token too.
    emit({**results, "token": token, "peak_rss_mb": peak_rss_mb()})


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
