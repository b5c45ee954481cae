"""The notification outbox: reminders and messages are rows first, emails second.

`notify` writes at most one row per key, and sends its email only after the caller's transaction
commits. `send` claims the row before sending, so running it twice sends once. Rows whose sender
died mid-send are picked up again by `resend_stuck` (beat runs it every few minutes).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from leadership.models import Notification, NotificationPreference, User

STUCK_AFTER = timedelta(minutes=10)


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
        from leadership.tasks import notification_send_task

        transaction.on_commit(lambda: notification_send_task.delay(notification.id))
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
        from leadership.development.tasks import notification_send_batch_task

        def queue():
            for start in range(0, len(pending), SEND_BATCH):
                notification_send_batch_task.delay(pending[start:start + SEND_BATCH])

        transaction.on_commit(queue)
    return created


def _absolute(link: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{link}" if link.startswith("/") else link


def send(*, notification_id: int) -> bool:
    """Send one notification's email. Returns True if this call sent it."""
    claimed = Notification.objects.filter(
        id=notification_id, email_state=Notification.EmailState.PENDING
    ).update(email_state=Notification.EmailState.SENDING, email_claimed_at=timezone.now())
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(id=notification_id)
    body = notification.body + (f"\n\n{_absolute(notification.link)}" if notification.link else "")
    message = EmailMessage(
        subject=notification.title, body=body, to=[notification.recipient.email],
        headers={"Message-ID": f"<{notification.public_id}@leadership-portal>"},
    )
    try:
        message.send()
    except Exception:
        Notification.objects.filter(id=notification_id).update(
            email_state=Notification.EmailState.PENDING, email_attempts=notification.email_attempts + 1
        )
        raise
    Notification.objects.filter(id=notification_id).update(
        email_state=Notification.EmailState.SENT, email_sent_at=timezone.now(),
        email_attempts=notification.email_attempts + 1,
    )
    return True


def resend_stuck(*, stuck_after: timedelta = STUCK_AFTER, limit: int = 100_000) -> int:
    """Queue again emails whose task was lost (broker down) or whose sender died mid-send.

    A sender killed after the mail left but before the row said so is sent again under the same
    Message-ID: at-least-once to the mail server, which can drop the repeat (docs/development.md).
    """
    from leadership.development.tasks import notification_send_batch_task

    cutoff = timezone.now() - stuck_after
    ids = list(Notification.objects.filter(
        Q(email_state=Notification.EmailState.SENDING, email_claimed_at__lte=cutoff)
        | Q(email_state=Notification.EmailState.PENDING, created_at__lte=cutoff)
    ).order_by("id").values_list("id", flat=True)[:limit])
    Notification.objects.filter(id__in=ids, email_state=Notification.EmailState.SENDING).update(
        email_state=Notification.EmailState.PENDING)
    for start in range(0, len(ids), SEND_BATCH):
        notification_send_batch_task.delay(ids[start:start + SEND_BATCH])
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
            lines = [f"- {row.title}" + (f"\n  {_absolute(row.link)}" if row.link else "") for row in rows]
            EmailMessage(
                subject=f"Your weekly summary: {len(rows)} reminder{'s' if len(rows) != 1 else ''}",
                body="Reminders from the NHS Leadership Portal this week:\n\n" + "\n".join(lines),
                to=[recipient.email],
            ).send()
            Notification.objects.filter(id__in=[row.id for row in rows]).update(
                email_state=Notification.EmailState.DIGESTED, email_sent_at=timezone.now())
            sent += 1
    return sent


def preference_set(*, actor: User, email: str) -> NotificationPreference:
    """A person chooses single emails or a weekly digest, for themself only."""
    if email not in NotificationPreference.Email.values:
        raise ValueError(f"Unknown email preference {email!r}")
    preference, _ = NotificationPreference.objects.update_or_create(user=actor, defaults={"email": email})
    return preference
