"""Check-in reminders: when each falls due, and the sweep that sends the due ones exactly once.

Reminder state is in PostgreSQL (CheckIn.reminder_stage, CheckIn.next_reminder_at), never in the
broker. Beat runs `sweep()` every few minutes. Each batch is three statements in one transaction:
claim the due check-ins with SELECT ... FOR UPDATE SKIP LOCKED (sweeps running at once share the
work), write their notifications with one INSERT ... SELECT ... ON CONFLICT (key) DO NOTHING (one
row per cycle, milestone and recipient, whatever runs twice), and move them on with one UPDATE.
Emails are queued only after that commits; the send task renders and sends them. A sweep that never
ran is caught up by the next one.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from leadership import access
from leadership.models import CYCLE_DAYS, REVIEW_LAPSE_DAYS, REVIEW_OVERDUE_DAYS, ActionCycle, CheckIn
from leadership.notification_sets import (
    claim_ids,
    execute,
    fetch,
    inline_sql,
    local_moment_sql,
    notify_from_select,
    url_sql,
)

LONDON = ZoneInfo("Europe/London")
SEND_AT = time(8, 0)  # reminders go out at 08:00 UK time, GMT or BST
BATCH = 5000
SAMPLE_UUID = UUID("00000000-0000-4000-8000-0000000c0de5")  # stands for each row's id in a link
SAMPLE_DAY = 987654321


@dataclass(frozen=True)
class Milestone:
    name: str
    offset_days: int  # from the check-in's due date
    title_pattern: str
    to_manager: bool = False

    def title(self, day: int) -> str:
        return self.title_pattern.replace("{day}", str(day))


MILESTONES = (
    Milestone("due-in-7-days", -7, "Your day {day} check-in is due in 7 days"),
    Milestone("due-tomorrow", -1, "Your day {day} check-in is due tomorrow"),
    Milestone("due-today", 0, "Your day {day} check-in is due today"),
    Milestone("overdue", 1, "Your day {day} check-in is overdue"),
    Milestone("overdue-7-days", 7, "A day {day} check-in is 7 days overdue", to_manager=True),
)


def reminder_at(due_on: date, stage: int) -> datetime | None:
    """The moment of the stage-th reminder for a check-in due on a UK local date (None after the last)."""
    if stage >= len(MILESTONES):
        return None
    local_day = due_on + timedelta(days=MILESTONES[stage].offset_days)
    return datetime.combine(local_day, SEND_AT, tzinfo=LONDON)


def first_reminder_at(due_on: date, now: datetime | None = None) -> tuple[int, datetime | None]:
    """(stage, moment) of the first reminder still ahead when a check-in is scheduled."""
    now = now or timezone.now()
    stage = 0
    # A cycle started late (its day-30 check-in under 7 days away) starts at the next milestone.
    while stage < len(MILESTONES) - 1 and reminder_at(due_on, stage + 1) <= now:
        stage += 1
    return stage, reminder_at(due_on, stage)


# The milestones as a table: stage, name, offset_days, to_manager, title pattern.
MILESTONES_SQL = ("unnest(%(m_stage)s::int[], %(m_name)s::text[], %(m_offset)s::int[], "
                  "%(m_manager)s::bool[], "
                  "%(m_title)s::text[]) AS m(stage, name, offset_days, to_manager, title)")
SEND_AT_SQL = SEND_AT.strftime("%H:%M")


def _milestone_params() -> dict:
    return {"m_stage": list(range(len(MILESTONES))), "m_name": [m.name for m in MILESTONES],
            "m_offset": [m.offset_days for m in MILESTONES], "m_manager": [m.to_manager for m in MILESTONES],
            "m_title": [m.title_pattern for m in MILESTONES]}


CLAIM_CHECK_INS_SQL = """
SELECT id FROM leadership_checkin WHERE next_reminder_at <= %(now)s
ORDER BY next_reminder_at LIMIT %(batch)s FOR UPDATE SKIP LOCKED
"""

# Only the latest of the person's due reminders is worth sending after a gap in sweeps; the line
# manager's is always sent. An organisation's own cycle tells its HR admins instead.
CHECK_IN_MESSAGES_SQL = """
WITH claimed AS (
    SELECT ch.id, ch.day, ch.due_on, ch.reminder_stage, cy.public_id AS cycle_public_id, cy.focus,
        cy.person_id, cy.organisation_id, p.user_id AS own_user_id, lm.user_id AS manager_user_id,
        coalesce(p.first_name || ' ' || p.last_name, o.name) AS subject
    FROM leadership_checkin ch
    JOIN leadership_actioncycle cy ON cy.id = ch.cycle_id
    JOIN leadership_organisation o ON o.id = cy.organisation_id
    LEFT JOIN leadership_person p ON p.id = cy.person_id
    LEFT JOIN leadership_person lm ON lm.id = p.line_manager_id
    WHERE ch.id = ANY(%(ids)s) AND ch.recorded_at IS NULL AND cy.status = %(active)s
), due AS (
    SELECT c.*, m.stage, m.name, m.to_manager, m.title,
        max(m.stage) FILTER (WHERE NOT m.to_manager) OVER (PARTITION BY c.id) AS own_latest
    FROM claimed c JOIN {milestones} ON m.stage >= c.reminder_stage AND {moment} <= %(now)s
)
SELECT 'cycle:' || d.cycle_public_id || ':checkin-' || d.day || ':' || d.name || ':user:' || u.public_id
        AS key,
    u.id AS recipient_id, 'checkin-reminder' AS kind,
    CASE WHEN d.to_manager THEN d.subject || '''s day ' || d.day || ' check-in is 7 days overdue'
         ELSE replace(d.title, '{{day}}', d.day::text) END AS title,
    'The day ' || d.day || ' check-in of the 90-day cycle "' || d.focus || '" is due on '
        || to_char(d.due_on, 'FMDD FMMonth YYYY') || '.' AS body,
    {link} AS link
FROM due d
JOIN LATERAL (
    SELECT d.own_user_id AS user_id WHERE d.person_id IS NOT NULL AND NOT d.to_manager
    UNION ALL SELECT d.manager_user_id WHERE d.person_id IS NOT NULL AND d.to_manager
    UNION ALL SELECT g.user_id FROM ({hr_admins}) g
        WHERE d.person_id IS NULL AND g.organisation_id = d.organisation_id
) r ON true
JOIN leadership_user u ON u.id = r.user_id
WHERE d.to_manager OR d.stage = d.own_latest
"""

# Each claimed check-in moves to the first milestone still ahead; a recorded one, or one whose cycle
# is closed, has none left.
CHECK_INS_MOVE_ON_SQL = """
WITH s AS (
    SELECT ch.id, ch.due_on, ch.reminder_stage, ch.recorded_at IS NULL AND cy.status = %(active)s AS live,
        greatest(ch.reminder_stage,
                 (SELECT count(*) FROM {milestones} WHERE {moment} <= %(now)s))::int AS reached
    FROM leadership_checkin ch JOIN leadership_actioncycle cy ON cy.id = ch.cycle_id
    WHERE ch.id = ANY(%(ids)s)
)
UPDATE leadership_checkin ch
SET reminder_stage = CASE WHEN s.live THEN s.reached ELSE s.reminder_stage END,
    next_reminder_at = CASE WHEN s.live THEN (
        SELECT {moment_of_s} FROM {milestones} WHERE m.stage = s.reached) END
FROM s WHERE ch.id = s.id
"""


def _hr_admins_sql() -> str:
    return inline_sql(access.hr_admin_grants())


def sweep_batch(*, now: datetime | None = None, batch: int = BATCH) -> int:
    """Claim up to `batch` due check-ins, record their reminders, move them on. Returns rows handled."""
    now = now or timezone.now()
    with transaction.atomic():
        ids = claim_ids(CLAIM_CHECK_INS_SQL, {"now": now, "batch": batch})
        if not ids:
            return 0
        link, link_params = url_sql("link", "development:check_in", (SAMPLE_UUID, "d.cycle_public_id"),
                                    (SAMPLE_DAY, "d.day"))
        params = {"ids": ids, "now": now, "active": ActionCycle.Status.ACTIVE, **_milestone_params(),
                  **link_params}
        notify_from_select(CHECK_IN_MESSAGES_SQL.format(
            milestones=MILESTONES_SQL, moment=local_moment_sql("c.due_on", "m.offset_days", SEND_AT_SQL),
            link=link, hr_admins=_hr_admins_sql()), params, now=now)
        execute(CHECK_INS_MOVE_ON_SQL.format(
            milestones=MILESTONES_SQL, moment=local_moment_sql("ch.due_on", "m.offset_days", SEND_AT_SQL),
            moment_of_s=local_moment_sql("s.due_on", "m.offset_days", SEND_AT_SQL)), params)
        return len(ids)


def sweep(*, now: datetime | None = None, batch: int = BATCH) -> int:
    """One sweep: every check-in and cycle review due now, in batches of their own transaction.
    Returns rows handled."""
    now = now or timezone.now()
    handled = 0
    for one_batch in (sweep_batch, review_sweep_batch):
        while True:
            done = one_batch(now=now, batch=batch)
            handled += done
            if done < batch:
                break
    return handled


# The review: from day 90 it is due (the person's to-do list); REVIEW_OVERDUE_DAYS later the cycle is
# "review overdue" and the line manager is told; REVIEW_LAPSE_DAYS after day 90 an unreviewed cycle
# is closed, so no cycle stays active for ever. Same state-in-PostgreSQL, claim-and-move-on rules.
REVIEW_MILESTONES = (("review-overdue", REVIEW_OVERDUE_DAYS), ("review-lapsed", REVIEW_LAPSE_DAYS))
LAPSED_SUMMARY = f"Closed without a review, {REVIEW_LAPSE_DAYS} days after its review date."
LAPSED_STAGE = 1


def review_reminder_at(review_on: date, stage: int) -> datetime | None:
    """The moment of the stage-th review milestone of a cycle reviewed on review_on (day 90)."""
    if stage >= len(REVIEW_MILESTONES):
        return None
    day = review_on + timedelta(days=REVIEW_MILESTONES[stage][1])
    return datetime.combine(day, SEND_AT, tzinfo=LONDON)


REVIEW_MILESTONES_SQL = ("unnest(%(r_stage)s::int[], %(r_name)s::text[], %(r_offset)s::int[]) "
                         "AS m(stage, name, offset_days)")

CLAIM_CYCLES_SQL = """
SELECT id FROM leadership_actioncycle WHERE review_reminder_at <= %(now)s
ORDER BY review_reminder_at LIMIT %(batch)s FOR UPDATE SKIP LOCKED
"""

# The line manager is told (an organisation's own cycle: its HR admins); when the cycle lapses, the
# person too. Every milestone due is sent.
REVIEW_MESSAGES_SQL = """
WITH claimed AS (
    SELECT cy.id, cy.public_id AS cycle_public_id, cy.focus, cy.person_id, cy.organisation_id,
        cy.starts_on + %(cycle_days)s AS ends_on, cy.review_reminder_stage,
        p.user_id AS own_user_id, lm.user_id AS manager_user_id,
        coalesce(p.first_name || ' ' || p.last_name, o.name) AS subject
    FROM leadership_actioncycle cy
    JOIN leadership_organisation o ON o.id = cy.organisation_id
    LEFT JOIN leadership_person p ON p.id = cy.person_id
    LEFT JOIN leadership_person lm ON lm.id = p.line_manager_id
    WHERE cy.id = ANY(%(ids)s) AND cy.status = %(active)s
), due AS (
    SELECT c.*, m.name FROM claimed c JOIN {milestones}
        ON m.stage >= c.review_reminder_stage AND {moment} <= %(now)s
)
SELECT 'cycle:' || d.cycle_public_id || ':' || d.name || ':user:' || u.public_id AS key,
    u.id AS recipient_id, 'cycle-review' AS kind,
    CASE WHEN d.name = 'review-overdue' THEN d.subject || '''s 90-day cycle review is overdue'
         ELSE d.subject || '''s 90-day cycle closed without a review' END AS title,
    CASE WHEN d.name = 'review-overdue' THEN 'The review of the 90-day cycle "' || d.focus || '" was due on '
             || to_char(d.ends_on, 'FMDD FMMonth YYYY')
             || '. Reviewing it closes the cycle and opens the next.'
         ELSE 'The 90-day cycle "' || d.focus || '" was not reviewed within ' || %(lapse_days)s
             || ' days of its review date and is closed. Start a new cycle from the development pages.'
    END AS body,
    {link} AS link
FROM due d
JOIN LATERAL (
    SELECT d.manager_user_id AS user_id WHERE d.person_id IS NOT NULL
    UNION ALL SELECT d.own_user_id WHERE d.person_id IS NOT NULL AND d.name = 'review-lapsed'
    UNION ALL SELECT g.user_id FROM ({hr_admins}) g
        WHERE d.person_id IS NULL AND g.organisation_id = d.organisation_id
) r ON true
JOIN leadership_user u ON u.id = r.user_id
"""

# A cycle whose lapse milestone fell due is closed; the others move to their next milestone.
CYCLES_MOVE_ON_SQL = """
WITH s AS (
    SELECT cy.id, cy.starts_on + %(cycle_days)s AS ends_on, cy.review_reminder_stage,
        cy.status = %(active)s AS live,
        greatest(cy.review_reminder_stage,
                 (SELECT count(*) FROM {milestones} WHERE {moment} <= %(now)s))::int AS reached
    FROM leadership_actioncycle cy WHERE cy.id = ANY(%(ids)s)
), t AS (
    SELECT s.*,
        s.live AND s.review_reminder_stage <= %(lapsed_stage)s AND s.reached > %(lapsed_stage)s AS lapses
    FROM s
)
UPDATE leadership_actioncycle cy
SET review_reminder_stage = CASE WHEN t.live THEN t.reached ELSE t.review_reminder_stage END,
    status = CASE WHEN t.lapses THEN %(closed)s ELSE cy.status END,
    closed_at = CASE WHEN t.lapses THEN %(now)s ELSE cy.closed_at END,
    review_summary = CASE WHEN t.lapses THEN %(lapsed_summary)s ELSE cy.review_summary END,
    review_reminder_at = CASE WHEN t.live AND NOT t.lapses THEN (
        SELECT {moment_of_t} FROM {milestones} WHERE m.stage = t.reached) END
FROM t WHERE cy.id = t.id
RETURNING cy.id, t.lapses
"""


def review_sweep_batch(*, now: datetime | None = None, batch: int = BATCH) -> int:
    """Claim up to `batch` cycles whose review milestone is due, tell whom it concerns, move them on."""
    now = now or timezone.now()
    with transaction.atomic():
        ids = claim_ids(CLAIM_CYCLES_SQL, {"now": now, "batch": batch})
        if not ids:
            return 0
        link, link_params = url_sql("link", "development:cycle_review", (SAMPLE_UUID, "d.cycle_public_id"))
        params = {
            "ids": ids, "now": now, "active": ActionCycle.Status.ACTIVE, "closed": ActionCycle.Status.CLOSED,
            "cycle_days": CYCLE_DAYS, "lapse_days": REVIEW_LAPSE_DAYS,
            "lapsed_stage": LAPSED_STAGE, "lapsed_summary": LAPSED_SUMMARY, **link_params,
            "r_stage": list(range(len(REVIEW_MILESTONES))), "r_name": [n for n, _ in REVIEW_MILESTONES],
            "r_offset": [days for _, days in REVIEW_MILESTONES],
        }
        notify_from_select(REVIEW_MESSAGES_SQL.format(
            milestones=REVIEW_MILESTONES_SQL,
            moment=local_moment_sql("c.ends_on", "m.offset_days", SEND_AT_SQL),
            link=link, hr_admins=_hr_admins_sql()), params, now=now)
        moved = fetch(CYCLES_MOVE_ON_SQL.format(
            milestones=REVIEW_MILESTONES_SQL,
            moment=local_moment_sql("cy.starts_on + %(cycle_days)s", "m.offset_days", SEND_AT_SQL),
            moment_of_t=local_moment_sql("t.ends_on", "m.offset_days", SEND_AT_SQL)), params)
        closed = [cycle_id for cycle_id, lapses in moved if lapses]
        if closed:  # a closed cycle's check-ins have no reminders left
            CheckIn.objects.filter(cycle_id__in=closed).update(next_reminder_at=None)
        return len(ids)
