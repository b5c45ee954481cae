"""Training records for the API pull and export benchmarks: scale * 10 rows, generated in SQL.

Half the rows belong to the demo acute trust RDM (so one trust client has many rows); the other half
to people of the other trusts in RDM's region, so a client of that region can export every row. The
rows go into training_trainingrecord itself with one INSERT ... SELECT from generate_series, so the
audit (pghistory) trigger fires per row as it would for an import. That trigger costs about 0.4 ms
a row (some 2,500 rows/s on the 2-core machine: 1,000,000 rows would take 7 minutes), so only the
first AUDITED_ROWS rows go in with triggers on, timed and reported; the rest are inserted with
session_replication_role = replica (no triggers, no foreign-key checks: the keys are valid by
construction). The API and export read training_trainingrecord only, so this does not change them.
updated_at advances one second every three rows, so the keyset pagination meets ties.
"""

import time

BENCH_SOURCE = "import"
TITLE_PREFIX = "Bench "
AUDITED_ROWS = 20_000


def records_wanted(context) -> int:
    return context.scale * 10


def ensure(context) -> dict:
    """Seed people (seed_demo --people scale, a no-op when already there) and the records; idempotent."""
    n = records_wanted(context)
    people_seconds, _ = context.manage("seed_demo", "--people", str(context.scale))
    try:
        return _ensure_records(context, n, people_seconds)
    finally:
        context.analyze()  # fresh statistics, or the planner guesses from an empty table


def _ensure_records(context, n: int, people_seconds: float) -> dict:
    with context.connect() as connection, connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM training_trainingrecord WHERE title LIKE %s",
                       [f"{TITLE_PREFIX}%"])
        (have,) = cursor.fetchone()
        region = _region_of(cursor, "RDM")
        if have >= n:
            return {"records": have, "seeded": 0, "seed_seconds": 0.0, "people_seconds": people_seconds,
                    "region": region}
        cursor.execute("DELETE FROM training_trainingrecord WHERE title LIKE %s", [f"{TITLE_PREFIX}%"])
        cursor.execute("SELECT id FROM leadership_organisation WHERE ods_code = 'RDM'")
        (rdm,) = cursor.fetchone()
        cursor.execute("SELECT id FROM leadership_organisation WHERE ods_code = %s", [region])
        (region_id,) = cursor.fetchone()
        cursor.execute(
            "WITH RECURSIVE tree(id) AS (SELECT %s::bigint UNION ALL "
            "SELECT o.id FROM leadership_organisation o JOIN tree ON o.parent_id = tree.id) "
            "SELECT array_agg(id) FROM tree", [region_id])
        (under_region,) = cursor.fetchone()
        cursor.execute("DROP TABLE IF EXISTS bench_rdm, bench_others, bench_courses")
        for table, condition, args in (("bench_rdm", "organisation_id = %s", [rdm]),
                                       ("bench_others", "organisation_id = ANY(%s) AND organisation_id <> %s",
                                        [under_region, rdm])):
            cursor.execute(f"CREATE UNLOGGED TABLE {table} AS SELECT "
                           "(row_number() OVER (ORDER BY id)) - 1 AS rn, "
                           f"id, organisation_id FROM leadership_person WHERE {condition}", args)
            cursor.execute(f"CREATE INDEX ON {table} (rn)")
        cursor.execute("CREATE UNLOGGED TABLE bench_courses AS SELECT "
                       "(row_number() OVER (ORDER BY c.id)) - 1 AS rn, c.id, c.title, p.name AS provider "
                       "FROM training_course c "
                       "JOIN training_provider p ON p.id = c.provider_id")
        cursor.execute("SELECT (SELECT count(*) FROM bench_rdm), (SELECT count(*) FROM bench_others), "
                       "(SELECT count(*) FROM bench_courses)")
        rdm_people, other_people, courses = cursor.fetchone()
        if not (rdm_people and other_people and courses):
            raise RuntimeError(f"need people and courses: RDM {rdm_people}, region {other_people}, "
                               f"courses {courses}")
    insert = """
        INSERT INTO training_trainingrecord
            (public_id, created_at, updated_at, person_id, organisation_id, course_id, run_id,
             enrolment_id, title, provider_name, status, "on", hours, cost, certificate,
             certificate_name, source, recorded_by_id, transferred_from)
        SELECT gen_random_uuid(), m, m, p.id, p.organisation_id, c.id, NULL, NULL,
               %(prefix)s || c.title, c.provider,
               (ARRAY['attended','completed','completed','completed','failed','withdrawn'])[1 + i %% 6],
               DATE '2023-01-01' + (i %% 900), (i %% 40) / 2.0, (i %% 500) * 3.5, '', '',
               %(source)s, NULL, ''
        FROM (SELECT i, TIMESTAMPTZ '2025-01-01 00:00:00+00' + (i / 3) * INTERVAL '1 second' AS m
              FROM generate_series(%(first)s, %(last)s) AS i) g
        JOIN {table} p ON p.rn = g.i %% %(people)s
        JOIN bench_courses c ON c.rn = g.i %% %(courses)s
    """
    half = n // 2
    chunks = [("bench_rdm", rdm_people, 0, half), ("bench_others", other_people, half, n)]
    audited = min(n, AUDITED_ROWS)
    started = time.perf_counter()
    with context.connect() as connection, connection.cursor() as cursor:
        # The first AUDITED_ROWS rows (RDM's) fire the audit trigger, and time it; the rest go in
        # with triggers off (session_replication_role = replica) to keep the run short.
        _insert(cursor, insert, "bench_rdm", rdm_people, courses, 0, audited)
    audited_seconds = time.perf_counter() - started
    started = time.perf_counter()
    with context.connect() as connection, connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        for table, people, first, last in chunks:
            first = max(first, audited)
            if first < last:
                _insert(cursor, insert, table, people, courses, first, last)
        cursor.execute("SET session_replication_role = DEFAULT")
    bulk_seconds = time.perf_counter() - started
    seconds = audited_seconds + bulk_seconds
    with context.connect() as connection, connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_rdm, bench_others, bench_courses")
    import psycopg2

    connection = psycopg2.connect(context.database_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE training_trainingrecord")
    connection.close()
    return {"records": n, "seeded": n, "seed_seconds": round(seconds, 2),
            "audited_rows": audited, "audited_rows_per_second": round(audited / audited_seconds),
            "bulk_rows_per_second": round((n - audited) / bulk_seconds) if n > audited else None,
            "people_seconds": round(people_seconds, 2), "region": region}


def _insert(cursor, insert: str, table: str, people: int, courses: int, first: int, last: int) -> None:
    cursor.execute(insert.format(table=table),
                   {"prefix": TITLE_PREFIX, "source": BENCH_SOURCE, "first": first, "last": last - 1,
                    "people": people, "courses": courses})


def _region_of(cursor, ods_code: str) -> str:
    cursor.execute(
        "WITH RECURSIVE up(id, parent_id, kind, ods_code) AS ("
        " SELECT id, parent_id, kind, ods_code FROM leadership_organisation WHERE ods_code = %s"
        " UNION ALL SELECT o.id, o.parent_id, o.kind, o.ods_code FROM leadership_organisation o"
        " JOIN up ON o.id = up.parent_id) SELECT ods_code FROM up WHERE kind = 'region'", [ods_code])
    row = cursor.fetchone()
    if row is None:
        raise RuntimeError(f"no region above {ods_code}")
    return row[0]
