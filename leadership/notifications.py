"""The notification outbox: reminders and messages are rows first, emails second.

`notify` writes at most one row per key, and sends its email only after the caller's transaction
commits. `send` claims the row before sending, so running it twice sends once. Rows whose sender
died mid-send are picked up again by `resend_stuck` (beat runs it every few minutes).
"""

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


def resend_stuck() -> int:
    """Queue again emails whose task was lost (broker down) or whose sender died mid-send."""
    from leadership.tasks import notification_send_task

    cutoff = timezone.now() - STUCK_AFTER
    ids = list(Notification.objects.filter(
        Q(email_state=Notification.EmailState.SENDING, email_claimed_at__lt=cutoff)
        | Q(email_state=Notification.EmailState.PENDING, created_at__lt=cutoff)
    ).values_list("id", flat=True)[:1000])
    Notification.objects.filter(id__in=ids, email_state=Notification.EmailState.SENDING).update(
        email_state=Notification.EmailState.PENDING)
    for notification_id in ids:
        notification_send_task.delay(notification_id)
    return len(ids)


def mark_read(*, notification: Notification, actor: User) -> None:
    if notification.recipient_id != actor.pk:
        raise PermissionError("Only the recipient can mark a notification read.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
