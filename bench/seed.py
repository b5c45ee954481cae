"""Seeding: `seed_demo --people N` beside a plain COPY of the same rows into a trigger-free table.

The portal's run is the whole command as a user runs it (process start, the base demo set check,
generating N people, COPY into staging, one INSERT that fires the audit triggers, foreign-key
checks, commit). The baseline COPYs N pre-generated rows, line managers already filled in, into a
copy of leadership_person with the same columns and indexes but no triggers or foreign keys: the
fastest the database itself can take those rows.
"""

import re
import tempfile
import time
import uuid

TARGET_PEOPLE, TARGET_SECONDS = 100_000, 60.0


def run(context) -> dict:
    n = context.scale
    base_seconds, _ = context.manage("seed_demo")
    before = _counts(context)
    portal_seconds, output = context.manage("seed_demo", "--people", str(n))
    portal_rss = context.last_peak_rss_mb
    after = _counts(context)
    rerun_seconds, _ = context.manage("seed_demo", "--people", str(n))
    if _counts(context) != after:
        raise AssertionError("a second seed_demo --people run changed the database")
    in_command = re.search(r"ready in ([\d.]+) s", output)
    added = after["people"] - before["people"]
    baseline_seconds = _baseline_copy(context, n)
    result = {
        "people": n,
        "people_added": added,
        "audit_events_added": after["events"] - before["events"],
        "base_seed_seconds": round(base_seconds, 2),
        "portal_seconds": round(portal_seconds, 2),
        "portal_seconds_inside_command": float(in_command.group(1)) if in_command else None,
        "portal_rows_per_second": round(n / portal_seconds),
        "portal_peak_rss_mb": round(portal_rss),
        "rerun_seconds": round(rerun_seconds, 2),
        "baseline_seconds": round(baseline_seconds, 2),
        "baseline_rows_per_second": round(n / baseline_seconds),
        "time_ratio_portal_to_baseline": round(portal_seconds / baseline_seconds, 1),
        "bytes_per_person_with_audit": round((after["bytes"] - before["bytes"]) / max(added, 1)),
    }
    if n >= TARGET_PEOPLE:  # scaled to N: 100,000 people in a minute
        result["within_target"] = portal_seconds <= TARGET_SECONDS * n / TARGET_PEOPLE
    result["summary"] = [
        ("people added", f"{added:,} ({result['audit_events_added']:,} audit events)"),
        ("base demo set", f"{base_seconds:.1f} s"),
        ("portal seed_demo --people", f"{portal_seconds:.1f} s, {n / portal_seconds:,.0f} rows/s, "
                                      f"peak RSS {portal_rss:.0f} MB"),
        ("baseline plain COPY", f"{baseline_seconds:.1f} s, {n / baseline_seconds:,.0f} rows/s"),
        ("portal / baseline time", f"{result['time_ratio_portal_to_baseline']}x"),
        ("second run (adds nothing)", f"{rerun_seconds:.1f} s"),
    ]
    if "within_target" in result:
        limit = TARGET_SECONDS * n / TARGET_PEOPLE
        result["summary"].append((f"under {limit:.0f} s for {n:,}",
                                  "yes" if result["within_target"] else "NO"))
    return result


def _counts(context) -> dict[str, int]:
    with context.connect() as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM leadership_person), "
            "(SELECT count(*) FROM leadership_personevent), "
            "pg_total_relation_size('leadership_person') "
            "+ pg_total_relation_size('leadership_personevent')"
        )
        people, events, size = cursor.fetchone()
    return {"people": people, "events": events, "bytes": size}


def _baseline_copy(context, n: int) -> float:
    """Seconds to COPY n pre-generated people into an indexed, trigger-free copy of the table."""
    from leadership import demo

    with context.connect() as connection, connection.cursor() as cursor:
        cursor.execute("SELECT ods_code, id FROM leadership_organisation")
        org_ids = dict(cursor.fetchall())
        cursor.execute("SELECT organisation_id, employee_number, id FROM leadership_person "
                       "WHERE employee_number NOT LIKE %s", [f"{demo.EXTRA_PREFIX}%"])
        existing = {(org, number): pk for org, number, pk in cursor.fetchall()}
        cursor.execute("SELECT column_name FROM information_schema.columns "
                       "WHERE table_name = 'leadership_person' ORDER BY ordinal_position")
        columns = [row[0] for row in cursor.fetchall()]
        cursor.execute("DROP TABLE IF EXISTS bench_person_baseline")
        cursor.execute("CREATE TABLE bench_person_baseline (LIKE leadership_person INCLUDING ALL)")
    orgs = demo.organisations()
    chiefs = {p.ods_code: p.employee_number for p in demo.people(orgs)
              if p.job_title == "Chief Executive"}
    trusts = sorted((o.ods_code, chiefs.get(o.ods_code)) for o in orgs
                    if o.kind in ("nhs_trust", "foundation_trust"))
    with tempfile.TemporaryFile("w+") as rows:  # generated before the clock starts
        ids = dict(existing)
        now = "2026-01-01 00:00:00+00"
        for next_id, person in enumerate(demo.extra_people(trusts, n), start=10_000_000):
            org = org_ids[person.ods_code]
            ids[org, person.employee_number] = next_id
            values = {
                "id": next_id, "public_id": uuid.uuid4(), "created_at": now, "updated_at": now,
                "organisation_id": org, "line_manager_id": ids.get((org, person.manager), r"\N"),
                "commissioner_roles": "{}", "user_id": r"\N", "active": "t",
                **{k: v for k, v in vars(person).items() if k not in ("ods_code", "manager")},
            }
            # A column the generator does not fill (left_on, anonymised_at, ...) is NULL.
            rows.write("\t".join(str(values.get(c, r"\N")) for c in columns) + "\n")
        rows.seek(0)
        with context.connect() as connection, connection.cursor() as cursor:
            started = time.perf_counter()
            cursor.copy_expert(f"COPY bench_person_baseline ({', '.join(columns)}) FROM STDIN",
                               rows)
            connection.commit()
            elapsed = time.perf_counter() - started
            cursor.execute("DROP TABLE bench_person_baseline")
    return elapsed
