"""The notification outbox: reminders and messages are rows first, emails second.

`notify` writes at most one row per key, and sends its email only after the caller's transaction
commits. `send` claims the row before sending, so running it twice sends once. Rows whose sender
died mid-send are picked up again by `resend_stuck` (beat runs it every few minutes).

Each row is sent or failed on its own: a permanent failure (a header that would inject, a 5xx) is
marked failed with its reason and shown to national admins (selectors.undelivered_notifications);
a temporary one (no connection, a 4xx) waits longer after each attempt, then fails.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from leadership import mail, queue
from leadership.models import Notification, NotificationPreference, User

logger = logging.getLogger(__name__)

STUCK_AFTER = timedelta(minutes=10)
EMAIL_MAX_ATTEMPTS = 6  # with RETRY_FIRST_DELAY doubling: given up about 2.5 hours after the first try
RETRY_FIRST_DELAY = timedelta(minutes=5)
RETRY_MAX_DELAY = timedelta(hours=6)


def wants_digest(user: User) -> bool:
    return NotificationPreference.objects.filter(
        user=user, email=NotificationPreference.Email.WEEKLY_DIGEST
    ).exists()


def notify(*, recipient: User, key: str, kind: str, title: str, body: str = "", link: str = "",
           email: bool = True) -> Notification | None:
    """Record a notification once per key; returns None when the key was already used."""
    state = Notification.EmailState.PENDING
    if not email or not recipient.is_active:
        state = Notification.EmailState.NONE
    elif wants_digest(recipient):
        state = Notification.EmailState.DIGEST
    notification, created = Notification.objects.get_or_create(
        key=key,
        defaults={"recipient": recipient, "kind": kind, "title": title[:200], "body": body,
                  "link": link[:300], "email_state": state},
    )
    if not created:
        return None
    if state == Notification.EmailState.PENDING:
        queue.enqueue_after_commit("leadership.tasks.notification_send_task", notification.id)
    return notification


@dataclass(frozen=True)
class Message:
    recipient: User
    key: str
    kind: str
    title: str
    body: str = ""
    link: str = ""


SEND_BATCH = 100
SEND_BATCH_TASK = "leadership.development.tasks.notification_send_batch_task"


def notify_many(messages: list[Message]) -> list[Notification]:
    """`notify` for many messages in three queries: rows whose key exists are skipped, as there.

    Returns the rows created; their emails are queued after the caller's transaction commits, in
    batches of SEND_BATCH (one broker message per batch, not per email).
    """
    if not messages:
        return []
    digest_users = set(NotificationPreference.objects.filter(
        user_id__in={m.recipient.pk for m in messages}, email=NotificationPreference.Email.WEEKLY_DIGEST,
    ).values_list("user_id", flat=True))
    rows = []
    for m in messages:
        state = Notification.EmailState.PENDING
        if not m.recipient.is_active:
            state = Notification.EmailState.NONE
        elif m.recipient.pk in digest_users:
            state = Notification.EmailState.DIGEST
        rows.append(Notification(key=m.key, recipient_id=m.recipient.pk, kind=m.kind, title=m.title[:200],
                                 body=m.body, link=m.link[:300], email_state=state))
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    # A conflicting row keeps its own public id, so ours find exactly the rows this call created.
    created = list(Notification.objects.filter(public_id__in=[row.public_id for row in rows]))
    pending = [row.id for row in created if row.email_state == Notification.EmailState.PENDING]
    if pending:
        def send():
            for start in range(0, len(pending), SEND_BATCH):
                queue.enqueue(SEND_BATCH_TASK, pending[start:start + SEND_BATCH])

        transaction.on_commit(send)
    return created


# The email's button says what the link does where the kind makes it clear; otherwise "Open the portal".
ACTION_LABELS = {
    "invitation": "Set your password",
    "checkin-reminder": "Record your check-in",
    "appraisal_step": "Open the appraisal",
    "appraisal_waiting": "Open the appraisal",
    "talent_nomination": "Decide on the nomination",
}


def send(*, notification_id: int) -> bool:
    """Send one notification's email. Returns True if this call sent it.

    Never raises for a mail failure, so one message cannot stop a batch: a permanent failure marks
    the row failed with its reason, a temporary one schedules the next attempt (`_after_failure`).
    """
    now = timezone.now()
    # Each claim is an attempt, so a message that kills its sender also ends failed, not looping.
    claimed = Notification.objects.filter(
        Q(email_next_attempt_at__isnull=True) | Q(email_next_attempt_at__lte=now),
        id=notification_id, email_state=Notification.EmailState.PENDING,
    ).update(email_state=Notification.EmailState.SENDING, email_claimed_at=now,
             email_attempts=F("email_attempts") + 1)
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(id=notification_id)
    problem = mail.header_problem(subject=notification.title, recipient_address=notification.recipient.email)
    if problem is not None:
        _after_failure(notification, mail.Failure(permanent=True, reason=problem))
        return False
    message = mail.message(
        subject=notification.title, body=notification.body, to=[notification.recipient.email],
        action_link=notification.link, action_label=ACTION_LABELS.get(notification.kind, ""),
        headers={"Message-ID": f"<{notification.public_id}@leadership-portal>"},
    )
    try:
        message.send()
    except Exception as error:  # every failure is this row's alone; classify decides its fate
        _after_failure(notification, mail.classify(error))
        return False
    Notification.objects.filter(id=notification_id).update(
        email_state=Notification.EmailState.SENT, email_sent_at=timezone.now(),
        email_next_attempt_at=None, email_failure="",
    )
    return True


def retry_delay(attempts: int) -> timedelta:
    """5, 10, 20, 40 ... minutes after the 1st, 2nd, 3rd, 4th ... attempt, at most RETRY_MAX_DELAY."""
    return min(RETRY_FIRST_DELAY * 2 ** (attempts - 1), RETRY_MAX_DELAY)


def _after_failure(notification: Notification, failure: "mail.Failure") -> None:
    now = timezone.now()
    if failure.permanent or notification.email_attempts >= EMAIL_MAX_ATTEMPTS:
        reason = failure.reason if failure.permanent else (
            f"Gave up after {notification.email_attempts} attempts. {failure.reason}")
        Notification.objects.filter(id=notification.id).update(
            email_state=Notification.EmailState.FAILED, email_failed_at=now,
            email_failure=reason[:mail.REASON_LIMIT], email_next_attempt_at=None,
        )
        logger.warning("Notification %s failed for good: %s", notification.public_id, reason)
        return
    Notification.objects.filter(id=notification.id).update(
        email_state=Notification.EmailState.PENDING, email_failure=failure.reason,
        email_next_attempt_at=now + retry_delay(notification.email_attempts),
    )
    logger.info("Notification %s will be tried again: %s", notification.public_id, failure.reason)


def due_for_resend(*, stuck_after: timedelta = STUCK_AFTER, limit: int = 100_000) -> list[int]:
    """Rows to queue again: lost tasks, dead senders, and temporary failures whose wait is over.

    A failed row is never here, and a row waiting after a temporary failure only once its time comes.
    """
    now = timezone.now()
    cutoff = now - stuck_after
    return list(Notification.objects.filter(
        Q(email_state=Notification.EmailState.SENDING, email_claimed_at__lte=cutoff)
        | Q(email_state=Notification.EmailState.PENDING, email_next_attempt_at__isnull=True,
            created_at__lte=cutoff)
        | Q(email_state=Notification.EmailState.PENDING, email_next_attempt_at__lte=now)
    ).order_by("id").values_list("id", flat=True)[:limit])


def resend_stuck(*, stuck_after: timedelta = STUCK_AFTER, limit: int = 100_000) -> int:
    """Queue again emails whose task was lost (broker down), whose sender died mid-send, or whose
    temporary failure's wait is over.

    A sender killed after the mail left but before the row said so is sent again under the same
    Message-ID: at-least-once to the mail server, which can drop the repeat (docs/development.md).
    A row whose senders died EMAIL_MAX_ATTEMPTS times is failed instead of tried again.
    """
    ids = due_for_resend(stuck_after=stuck_after, limit=limit)
    stuck = Notification.objects.filter(id__in=ids, email_state=Notification.EmailState.SENDING)
    given_up = set(stuck.filter(email_attempts__gte=EMAIL_MAX_ATTEMPTS).values_list("id", flat=True))
    if given_up:
        Notification.objects.filter(id__in=given_up, email_state=Notification.EmailState.SENDING).update(
            email_state=Notification.EmailState.FAILED, email_failed_at=timezone.now(),
            email_failure=f"Gave up after {EMAIL_MAX_ATTEMPTS} attempts: the sender stopped while "
                          "sending each time.", email_next_attempt_at=None)
        ids = [i for i in ids if i not in given_up]
    stuck.exclude(id__in=given_up).update(email_state=Notification.EmailState.PENDING)
    for start in range(0, len(ids), SEND_BATCH):
        queue.enqueue(SEND_BATCH_TASK, ids[start:start + SEND_BATCH])
    return len(ids)


def mark_read(*, notification: Notification, actor: User) -> None:
    if notification.recipient_id != actor.pk:
        raise PermissionError("Only the recipient can mark a notification read.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def send_weekly_digests() -> int:
    """One email per person who chose the weekly digest, listing what was held back for it.

    Each person's rows are claimed (DIGEST -> DIGESTED) in the same transaction that sends, so a
    second run in the same week finds nothing to send.
    """
    sent = 0
    recipients = (Notification.objects.filter(email_state=Notification.EmailState.DIGEST)
                  .order_by().values_list("recipient_id", flat=True).distinct())
    for recipient_id in list(recipients):
        with transaction.atomic():
            rows = list(Notification.objects.select_for_update(skip_locked=True).filter(
                recipient_id=recipient_id, email_state=Notification.EmailState.DIGEST,
            ).select_related("recipient").order_by("created_at"))
            if not rows:
                continue
            recipient = rows[0].recipient
            lines = [f"- {row.title}" + (f"\n  {mail.absolute(row.link)}" if row.link else "")
                     for row in rows]
            ids = [row.id for row in rows]
            failure = None
            problem = mail.header_problem(recipient_address=recipient.email)
            if problem is not None:
                failure = mail.Failure(permanent=True, reason=problem)
            else:
                try:
                    mail.message(
                        subject=f"Your weekly summary: {len(rows)} reminder{'s' if len(rows) != 1 else ''}",
                        body="Reminders from the NHS Leadership Portal this week:\n\n" + "\n".join(lines),
                        to=[recipient.email], action_link=reverse("notification_list"),
                        action_label="See all your notifications",
                    ).send()
                except Exception as error:  # one person's digest never stops the others'
                    failure = mail.classify(error)
            if failure is None:
                Notification.objects.filter(id__in=ids).update(
                    email_state=Notification.EmailState.DIGESTED, email_sent_at=timezone.now())
                sent += 1
            elif failure.permanent:
                Notification.objects.filter(id__in=ids).update(
                    email_state=Notification.EmailState.FAILED, email_failed_at=timezone.now(),
                    email_failure=failure.reason)
            else:  # left for the digest's next run, which is also how a missed week is caught up
                Notification.objects.filter(id__in=ids).update(email_failure=failure.reason)
    return sent


def preference_set(*, actor: User, email: str) -> NotificationPreference:
    """A person chooses single emails or a weekly digest, for themself only."""
    if email not in NotificationPreference.Email.values:
        raise ValueError(f"Unknown email preference {email!r}")
    preference, _ = NotificationPreference.objects.update_or_create(user=actor, defaults={"email": email})
    return preference
