"""Run by bench/export_memory.py, one process per way: `portal <ods>` or `copy <ods>`.

portal: the full export a trust or ICB system (or an HR analyst with a client) makes today: the API's
CSV pages, /api/v1/training/records/?format=csv&page_size=1000, following the Link header to the
end, written to /dev/null. There is no other full export of training records (the training pages
export dashboard figures only). copy: COPY (SELECT the same rows and columns) TO STDOUT WITH CSV
HEADER through psycopg2, written to /dev/null. Each prints rows, seconds and its peak RSS.
"""

import re
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

    token = api_token(ods_code, ["training:read"], name="bench export")
    rest = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": "1000000/min"}}
    rows = pages = 0
    with override_settings(REST_FRAMEWORK=rest), open("/dev/null", "wb") as out:
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        url = "/api/v1/training/records/?format=csv&page_size=1000"
        started = time.perf_counter()
        while url:
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{url}: {response.status_code} {response.content[:300]!r}")
            body = response.content
            out.write(body)
            rows += body.count(b"\n") - 1  # header; no embedded newlines in these rows
            pages += 1
            link = re.match(r"<([^>]+)>; rel=\"next\"", response.get("Link", ""))
            url = link.group(1) if link else None
        seconds = time.perf_counter() - started
    return {"rows": rows, "pages": pages, "seconds": seconds, "peak_rss_mb": peak_rss_mb()}


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
