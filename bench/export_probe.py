"""Run by bench/export_memory.py, one process per way: `portal <ods>` or `copy <ods>`.

portal: the full export a trust or ICB system (or an HR analyst with a client) makes: one request to
/api/v1/training/records/export/, the streamed CSV read chunk by chunk and written to /dev/null.
copy: COPY (SELECT the same rows and columns) TO STDOUT WITH CSV HEADER through psycopg2, written to
/dev/null. Each prints rows, seconds and its peak RSS.
"""

import sys
import time

from bench.probe_common import emit, peak_rss_mb, setup_django

setup_django()

SQL = """
COPY (SELECT r.public_id AS id, p.public_id AS person, o.ods_code AS organisation, c.public_id AS course,
             r.title, r.provider_name, r.status, r."on" AS date, r.hours, r.cost,
             r.certificate <> '' AS has_certificate, r.source, r.created_at, r.updated_at
      FROM training_trainingrecord r
      JOIN leadership_person p ON p.id = r.person_id
      JOIN leadership_organisation o ON o.id = r.organisation_id
      LEFT JOIN training_course c ON c.id = r.course_id
      WHERE r.organisation_id = ANY(%s)
      ORDER BY r.updated_at, r.public_id) TO STDOUT WITH (FORMAT csv, HEADER)
"""


def portal(ods_code: str) -> dict:
    from django.conf import settings
    from django.test import Client, override_settings

    from bench.probe_common import api_token

    _every_trust_shares_training_with(ods_code)
    token = api_token(ods_code, ["training:read"], name="bench export")
    rest = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": "1000000/min"}}
    rows = chunks = 0
    with override_settings(REST_FRAMEWORK=rest), open("/dev/null", "wb") as out:
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        warm = client.get("/api/v1/training/records/export/?updated_since=2999-01-01T00:00:00Z")  # imports
        assert warm.status_code == 200, warm.content[:300]
        b"".join(warm.streaming_content)
        started = time.perf_counter()
        response = client.get("/api/v1/training/records/export/")
        if response.status_code != 200:
            raise RuntimeError(f"export: {response.status_code} {response.content[:300]!r}")
        for chunk in response.streaming_content:
            out.write(chunk)
            rows += chunk.count(b"\n")  # no embedded newlines in these rows
            chunks += 1
        seconds = time.perf_counter() - started
    return {"rows": rows - 1, "chunks": chunks, "seconds": seconds, "peak_rss_mb": peak_rss_mb()}


def _every_trust_shares_training_with(ods_code: str) -> None:
    """A footprint reads a trust's staff records only under a data-sharing agreement (ADR 0006): the
    bench records one from every employer under the region, so the client exports every row."""
    from datetime import date

    from leadership import access
    from leadership.models import EMPLOYER_KINDS, DataSharingAgreement, Organisation

    footprint = Organisation.objects.get(ods_code=ods_code)
    trusts = Organisation.objects.filter(id__in=access.organisations_under({footprint.id}),
                                         kind__in=EMPLOYER_KINDS).exclude(id=footprint.id)
    for trust in trusts:
        DataSharingAgreement.objects.get_or_create(
            trust=trust, footprint=footprint,
            defaults={"scopes": ["training:read"], "valid_from": date(2000, 1, 1), "agreed_by_name": "Bench"})


def copy(ods_code: str) -> dict:
    import psycopg2
    from django.db import connection

    from leadership import access
    from leadership.models import Organisation

    organisation = Organisation.objects.get(ods_code=ods_code)
    ids = sorted(access.organisations_under({organisation.id}))
    params = connection.get_connection_params()
    raw = psycopg2.connect(**{k: v for k, v in params.items()
                              if k in ("dbname", "user", "password", "host", "port")})

    class Out:
        def __init__(self, sink):
            self.sink, self.lines = sink, 0

        def write(self, data):
            self.lines += data.count(b"\n") if isinstance(data, bytes) else data.count("\n")
            return self.sink.write(data if isinstance(data, bytes) else data.encode())

    try:
        with raw.cursor() as cursor, open("/dev/null", "wb") as sink:
            out = Out(sink)
            started = time.perf_counter()
            cursor.copy_expert(cursor.mogrify(SQL, [ids]).decode(), out)
            seconds = time.perf_counter() - started
    finally:
        raw.close()
    return {"rows": out.lines - 1, "seconds": seconds, "peak_rss_mb": peak_rss_mb()}


if __name__ == "__main__":
    emit({"portal": portal, "copy": copy}[sys.argv[1]](sys.argv[2]))
