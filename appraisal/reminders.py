"""Reminders of appraisals not started and steps left waiting (a beat sweep, as in leadership.development).

State is the appraisal row and the notification's unique key, never the broker. Each batch claims its
appraisals with SELECT ... FOR UPDATE SKIP LOCKED (two sweeps share the work) and writes their
reminders with one INSERT ... SELECT ... ON CONFLICT (key) DO NOTHING, so a sweep that runs twice
(or catches up after a missed run) never sends one twice. The send task renders and sends the emails.
"""

import json
from datetime import timedelta
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from appraisal.models import SENIOR_LEVELS, AppraisalState
from appraisal.presenters import STEP_LABELS
from leadership.notification_sets import claim_ids, notify_from_select, url_sql

State = AppraisalState

NOT_STARTED_DAYS = 30
WAITING_DAYS = 14
SWEEP_BATCH = 5000
SAMPLE_UUID = UUID("00000000-0000-4000-8000-0000000c0de5")  # stands for each row's id in a link

# Batches walk the ids upwards, so every due appraisal is reached however many there are.
CLAIM_NOT_STARTED_SQL = """
SELECT a.id FROM appraisal_appraisal a JOIN appraisal_appraisalcycle c ON c.id = a.cycle_id
WHERE a.state = %(draft)s AND c.closes_on BETWEEN %(today)s AND %(window_end)s AND a.id > %(after)s
ORDER BY a.id LIMIT %(batch)s FOR UPDATE OF a SKIP LOCKED
"""

NOT_STARTED_MESSAGES_SQL = """
SELECT 'appraisal:' || a.id || ':not_started:' || to_char(c.closes_on, 'YYYY-MM-DD') || ':' || u.id AS key,
    u.id AS recipient_id, 'appraisal_not_started' AS kind,
    'The appraisal of ' || ae.first_name || ' ' || ae.last_name || ' has not started' AS title,
    c.name || ' closes on ' || to_char(c.closes_on, 'DD Mon YYYY') || '.' AS body,
    {link} AS link
FROM appraisal_appraisal a
JOIN appraisal_appraisalcycle c ON c.id = a.cycle_id
JOIN leadership_person ae ON ae.id = a.appraisee_id
JOIN leadership_person ar ON ar.id = a.appraiser_id
JOIN LATERAL (SELECT ar.user_id AS user_id, 1 AS position UNION ALL SELECT ae.user_id, 2) r ON true
JOIN leadership_user u ON u.id = r.user_id
WHERE a.id = ANY(%(ids)s)
ORDER BY a.id, r.position
"""

CLAIM_WAITING_SQL = """
SELECT id FROM appraisal_appraisal
WHERE state <> ALL(%(closed_states)s) AND state_changed_at <= %(waiting_since)s AND id > %(after)s
ORDER BY id LIMIT %(batch)s FOR UPDATE SKIP LOCKED
"""

# presenters.next_step in SQL: whose turn it is in each state, and the step's label.
WAITING_MESSAGES_SQL = """
WITH step AS (
    SELECT a.*, CASE a.state
        WHEN %(draft)s THEN 'agree' WHEN %(objectives_agreed)s THEN 'self_review'
        WHEN %(self_review)s THEN 'appraiser_review' WHEN %(appraiser_review)s THEN 'meeting'
        WHEN %(meeting_held)s THEN 'sign'
        WHEN %(signed_off)s THEN CASE WHEN a.level = ANY(%(senior_levels)s) AND a.countersigner_id IS NOT NULL
                                      THEN 'countersign' END
        END AS step
    FROM appraisal_appraisal a WHERE a.id = ANY(%(ids)s)
)
SELECT 'appraisal:' || s.id || ':waiting:' || s.state || ':'
        || to_char(s.state_changed_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISS') || ':' || u.id AS key,
    u.id AS recipient_id, 'appraisal_waiting' AS kind,
    'The appraisal of ' || ae.first_name || ' ' || ae.last_name || ' is waiting for you' AS title,
    (%(labels)s::jsonb ->> s.step) || ': waiting since '
        || to_char(s.state_changed_at AT TIME ZONE 'UTC', 'DD FMMonth YYYY') || '.' AS body,
    {link} AS link
FROM step s
JOIN leadership_person ae ON ae.id = s.appraisee_id
JOIN leadership_person ar ON ar.id = s.appraiser_id
LEFT JOIN leadership_person cs ON cs.id = s.countersigner_id
JOIN LATERAL (
    SELECT ar.user_id AS user_id, 1 AS position
        WHERE s.step IN ('agree', 'appraiser_review', 'meeting')
    UNION ALL SELECT ae.user_id, 1 WHERE s.step = 'self_review'
    UNION ALL SELECT ae.user_id, 1 WHERE s.step = 'sign' AND s.appraisee_signed_at IS NULL
    UNION ALL SELECT ar.user_id, 2 WHERE s.step = 'sign' AND s.appraiser_signed_at IS NULL
    UNION ALL SELECT cs.user_id, 1 WHERE s.step = 'countersign'
) r ON true
JOIN leadership_user u ON u.id = r.user_id
ORDER BY s.id, r.position
"""


def _batches(claim_sql: str, messages_sql: str, public_id_sql: str, params: dict, now) -> int:
    """Claim and remind batch after batch, each in its own transaction; returns notifications written."""
    link, link_params = url_sql("link", "appraisal:appraisal_detail", (SAMPLE_UUID, public_id_sql))
    messages_sql = messages_sql.format(link=link)
    written, after = 0, 0
    while True:
        with transaction.atomic():
            ids = claim_ids(claim_sql, {**params, "after": after, "batch": SWEEP_BATCH})
            if not ids:
                return written
            written += notify_from_select(messages_sql, {**params, **link_params, "ids": ids}, now=now)
        if len(ids) < SWEEP_BATCH:
            return written
        after = ids[-1]


def sweep(*, now=None) -> int:
    """Remind appraisals still in draft 30 days before their cycle closes, and steps waiting 14 days.
    Returns the notifications written."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    params = {
        "draft": State.DRAFT, "objectives_agreed": State.OBJECTIVES_AGREED, "self_review": State.SELF_REVIEW,
        "appraiser_review": State.APPRAISER_REVIEW, "meeting_held": State.MEETING_HELD,
        "signed_off": State.SIGNED_OFF, "senior_levels": [str(level) for level in SENIOR_LEVELS],
        "closed_states": [State.COUNTERSIGNED.value, State.WITHDRAWN.value],
        "today": today, "window_end": today + timedelta(days=NOT_STARTED_DAYS),
        "waiting_since": now - timedelta(days=WAITING_DAYS), "labels": json.dumps(STEP_LABELS),
    }
    return (_batches(CLAIM_NOT_STARTED_SQL, NOT_STARTED_MESSAGES_SQL, "a.public_id", params, now)
            + _batches(CLAIM_WAITING_SQL, WAITING_MESSAGES_SQL, "s.public_id", params, now))
