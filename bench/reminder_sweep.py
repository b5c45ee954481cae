"""One reminder sweep over one in ten of 10 x `scale` active 90-day cycles (the default --scale
100000 gives 100,000 due among 1,000,000; at most MAX_CYCLES, one for each of the NHS's 1.5 million
staff), beside one plain SQL statement that selects the same due rows with their recipients. The
portal's run is `manage.py sweep_reminders` as beat's task runs it: claim with SKIP LOCKED in
batches, write one Notification per reminder, move each check-in on, queue the sends after commit
(to a Redis database of its own, emptied afterwards).
"""

import re
import time

# What the benchmark does not measure goes in with triggers off (no audit rows, no foreign-key checks:
# the keys are valid by construction), as the API benchmark seeds: a million audited people, cycles
# and check-ins took 22 minutes before. The sweep itself runs with every trigger on.
SEED_SQL = """
SET session_replication_role = replica;
INSERT INTO leadership_organisation (public_id, created_at, updated_at, ods_code, name, kind, active)
VALUES (gen_random_uuid(), now(), now(), 'RBN', 'Bench Reminders NHS Trust', 'nhs_trust', true)
ON CONFLICT (ods_code) DO NOTHING;
INSERT INTO leadership_user (public_id, password, email, is_active, is_staff, is_superuser, date_joined)
SELECT gen_random_uuid(), '!', 'bench-reminder-' || g || '@example.nhs.uk', true, false, false, now()
FROM generate_series(1, %(cycles)s) g;
INSERT INTO leadership_person (public_id, created_at, updated_at, organisation_id, employee_number,
    first_name, last_name, work_email, job_title, management_level, band, staff_group,
    professional_registration, sector_background, commissioner_roles, user_id, active)
SELECT gen_random_uuid(), now(), now(), o.id, 'BR' || u.id, 'Bench', 'Manager ' || u.id, '', '',
    'middle', '8a', '', '', 'nhs', '{}', u.id, true
FROM leadership_user u, leadership_organisation o
WHERE o.ods_code = 'RBN' AND u.email LIKE 'bench-reminder-%%';
INSERT INTO leadership_actioncycle (public_id, created_at, updated_at, person_id, organisation_id, focus,
    starts_on, status, review_summary, review_reminder_stage)
SELECT gen_random_uuid(), now(), now(), p.id, p.organisation_id, 'Bench cycle', current_date - 32,
    'active', '', 0
FROM leadership_person p WHERE p.employee_number LIKE 'BR%%';
-- One check-in per cycle pending; one cycle in ten has its reminder due now. Due two days ago (UK
-- date) at stage 3, "overdue", whose reminder fell due at 08:00 yesterday: every due row writes one
-- notification whatever the hour of the run.
INSERT INTO leadership_checkin (public_id, created_at, updated_at, cycle_id, day, due_on, progress,
    manager_comment, reminder_stage, next_reminder_at)
SELECT gen_random_uuid(), now(), now(), c.id, 30, (now() AT TIME ZONE 'Europe/London')::date - 2, '', '', 3,
    CASE WHEN c.id %% 10 = 0 THEN now() - interval '1 minute' ELSE now() + interval '7 days' END
FROM leadership_actioncycle c WHERE c.focus = 'Bench cycle';
SET session_replication_role = DEFAULT;
ANALYZE;
"""

MAX_CYCLES = 1_500_000

BASELINE_SQL = """
SELECT ch.id, ch.day, ch.due_on, cy.public_id, p.user_id
FROM leadership_checkin ch
JOIN leadership_actioncycle cy ON cy.id = ch.cycle_id
JOIN leadership_person p ON p.id = cy.person_id
WHERE ch.next_reminder_at <= now() AND cy.focus = 'Bench cycle'
"""

# The writes a sweep cannot avoid, and nothing else: one bare INSERT of a notification per due row
# (same table, indexes and key shape, constant texts) and one UPDATE moving each check-in on; rolled
# back. Its time against the select shows how much of the sweep's ratio the writes alone take.
WRITE_FLOOR_SQL = """
CREATE TEMPORARY TABLE bench_due ON COMMIT DROP AS """ + BASELINE_SQL + """;
INSERT INTO leadership_notification (public_id, key, recipient_id, kind, title, body, link, created_at,
    email_state, email_attempts, email_failure)
SELECT gen_random_uuid(), 'cycle:' || d.public_id || ':checkin-' || d.day || ':floor:user:' || d.user_id,
    d.user_id, 'checkin-reminder', 'Your day 30 check-in is overdue',
    'The day 30 check-in of the 90-day cycle "Bench cycle" is due on 1 January 2026.',
    '/development/cycles/' || d.public_id || '/check-ins/30/', now(), 'pending', 0, ''
FROM bench_due d;
UPDATE leadership_checkin ch
SET reminder_stage = 4, next_reminder_at = ch.next_reminder_at + interval '5 days'
FROM bench_due d WHERE ch.id = d.id;
"""


def _write_floor_seconds(context) -> float:
    with context.connect() as connection, connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(WRITE_FLOOR_SQL)
        seconds = time.perf_counter() - started
        connection.rollback()
    return seconds


def run(context) -> dict:
    cycles = min(context.scale * 10, MAX_CYCLES)
    started = time.perf_counter()
    with context.connect() as connection, connection.cursor() as cursor:
        cursor.execute(SEED_SQL, {"cycles": cycles})
    seed_seconds = time.perf_counter() - started
    with context.connect() as connection, connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(BASELINE_SQL)
        due = len(cursor.fetchall())
        baseline_seconds = time.perf_counter() - started
    floor_seconds = _write_floor_seconds(context)
    # A Redis database of its own (BENCH_REDIS_DB, default 13), emptied afterwards.
    queue_db = context.env.get("BENCH_REDIS_DB", "13")
    redis_url = context.env.get("REDIS_URL", "redis://127.0.0.1:6379/0").rsplit("/", 1)[0] + f"/{queue_db}"
    env = {**context.env, "REDIS_URL": redis_url}
    started = time.perf_counter()
    import subprocess
    import sys

    from bench.run import BASE_DIR

    result = subprocess.run([sys.executable, "manage.py", "sweep_reminders"], cwd=BASE_DIR, env=env,
                            capture_output=True, text=True, check=True)
    portal_seconds = time.perf_counter() - started
    inside = re.search(r"in ([\d.]+) s", result.stdout)
    inside_seconds = float(inside.group(1)) if inside else portal_seconds
    _flush_queue(redis_url)
    with context.connect() as connection, connection.cursor() as cursor:
        # Only the bench's own managers: the demo's cycles may have reminders due too.
        cursor.execute("SELECT count(*) FROM leadership_notification n JOIN leadership_user u "
                       "ON u.id = n.recipient_id WHERE u.email LIKE 'bench-reminder-%%'")
        (notifications,) = cursor.fetchone()
    if notifications != due:  # the sweep must write every due reminder, or its time means nothing
        raise RuntimeError(f"the sweep wrote {notifications:,} notifications for {due:,} due reminders")
    ratio = inside_seconds / baseline_seconds
    return {
        "cycles": cycles, "due": due, "notifications_written": notifications,
        "seed_seconds": round(seed_seconds, 1),
        "baseline_select_seconds": round(baseline_seconds, 3),
        "sweep_seconds_inside_command": round(inside_seconds, 2),
        "sweep_seconds_with_process_start": round(portal_seconds, 2),
        "ratio_sweep_to_select": round(ratio, 1),
        "write_floor_seconds": round(floor_seconds, 2),
        "ratio_write_floor_to_select": round(floor_seconds / baseline_seconds, 1),
        "summary": [
            ("cycles / due reminders", f"{cycles:,} / {due:,}"),
            ("plain SQL select of due rows", f"{baseline_seconds:.3f} s"),
            ("one sweep (inside command)", f"{inside_seconds:.1f} s, {notifications:,} notifications"),
            ("bare writes alone (INSERT + UPDATE, rolled back)",
             f"{floor_seconds:.2f} s, {floor_seconds / baseline_seconds:.0f}x the select"),
            ("sweep / select time (aim <= 3)", f"{ratio:.0f}x"),
        ],
    }


def _flush_queue(redis_url: str) -> None:
    import redis

    redis.Redis.from_url(redis_url).flushdb()
