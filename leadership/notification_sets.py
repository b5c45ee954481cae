"""The outbox filled in sets: a sweep's reminders become Notification rows in one statement.

A sweep writes the SELECT that yields its messages (key, recipient_id, kind, title, body, link) over
the rows it has claimed; `notify_from_select` wraps it in one `INSERT ... SELECT ... ON CONFLICT
(key) DO NOTHING`, so a key already used writes nothing, as in `notifications.notify`. Python never
sees the rows: it queues the new rows' ids after commit and the send task renders each email
(leadership.mail.message) and sends it (notifications.send).
"""

from datetime import datetime

from django.db import connection, transaction
from django.db.models import QuerySet
from django.urls import reverse

from leadership import queue
from leadership.models import Notification, NotificationPreference
from leadership.notifications import SEND_BATCH, SEND_BATCH_TASK

E = Notification.EmailState

# The email state as notify_many decides it: no email for an inactive login, the digest for those
# who chose it, else one email each.
INSERT_SQL = """
INSERT INTO leadership_notification (public_id, key, recipient_id, kind, title, body, link, created_at,
    email_state, email_attempts, email_failure)
SELECT gen_random_uuid(), m.key, m.recipient_id, m.kind, left(m.title, 200), m.body, left(m.link, 300),
    %(notify_now)s,
    CASE WHEN NOT u.is_active THEN %(state_none)s
         WHEN EXISTS (SELECT 1 FROM leadership_notificationpreference np WHERE np.user_id = u.id
                      AND np.email = %(weekly_digest)s) THEN %(state_digest)s
         ELSE %(state_pending)s END,
    0, ''
FROM ({messages}) m
JOIN leadership_user u ON u.id = m.recipient_id
ON CONFLICT (key) DO NOTHING
RETURNING id, email_state
"""

STATE_PARAMS = {"state_none": E.NONE.value, "state_digest": E.DIGEST.value, "state_pending": E.PENDING.value,
                "weekly_digest": NotificationPreference.Email.WEEKLY_DIGEST.value}


def notify_from_select(messages_sql: str, params: dict, *, now: datetime) -> int:
    """Write one notification per message the SELECT yields, unless its key exists. Returns rows written.

    `messages_sql` uses named parameters (%(name)s) from `params`; the emails of the new rows are
    queued after the caller's transaction commits, SEND_BATCH to a task.
    """
    with connection.cursor() as cursor:
        cursor.execute(INSERT_SQL.format(messages=messages_sql),
                       {**params, **STATE_PARAMS, "notify_now": now})
        written = cursor.fetchall()
    pending = [row_id for row_id, state in written if state == E.PENDING]
    if pending:
        pending.sort()

        def send():
            for start in range(0, len(pending), SEND_BATCH):
                queue.enqueue(SEND_BATCH_TASK, pending[start:start + SEND_BATCH])

        transaction.on_commit(send)
    return len(written)


def inline_sql(queryset: QuerySet) -> str:
    """A queryset's SQL with its parameters quoted in, to use as a subquery among named parameters."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        return cursor.mogrify(sql, params).decode().replace("%", "%%")


def url_sql(name: str, viewname: str, *args: tuple[object, str]) -> tuple[str, dict]:
    """A SQL expression for reverse(viewname, args): each arg is (a sample value the URL pattern
    accepts and that appears nowhere else in the path, the SQL expression that replaces it)."""
    expression, params = f"%({name})s", {name: reverse(viewname, args=[sample for sample, _ in args])}
    for index, (sample, sql) in enumerate(args):
        params[f"{name}_{index}"] = str(sample)
        expression = f"replace({expression}, %({name}_{index})s, ({sql})::text)"
    return expression, params


def fetch(sql: str, params: dict) -> list[tuple]:
    """The rows one statement returns (a claim, or an UPDATE ... RETURNING)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def claim_ids(sql: str, params: dict) -> list[int]:
    """The ids a `SELECT id ... FOR UPDATE SKIP LOCKED` claims for the caller's transaction."""
    return [row_id for (row_id,) in fetch(sql, params)]


def execute(sql: str, params: dict) -> int:
    """Run one UPDATE (or other write) over claimed rows; returns the rows it changed."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def local_moment_sql(date_sql: str, days_sql: str, at: str) -> str:
    """SQL for `at` (e.g. '08:00') UK local time, `days_sql` days after the date `date_sql`."""
    return f"((({date_sql}) + ({days_sql}))::date + time '{at}') AT TIME ZONE 'Europe/London'"
