"""The outbox for every reminder and message: one row per (subject, milestone, recipient)."""

import uuid

from django.db import models
from django.utils import timezone

from leadership.models.core import User


class NotificationPreference(models.Model):
    """How a person wants their emails: one at a time, or a weekly digest."""

    class Email(models.TextChoices):
        EACH = "each", "An email for each reminder"
        WEEKLY_DIGEST = "weekly_digest", "One weekly digest"

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="notification_preference")
    email = models.CharField(max_length=20, choices=Email.choices, default=Email.EACH)

    def __str__(self) -> str:
        return f"{self.user}: {self.get_email_display()}"


class Notification(models.Model):
    """An in-app notification and, unless the recipient takes a digest, one email.

    `key` names the subject and milestone (e.g. "cycle:<uuid>:day-30:due-in-7-days:user:<uuid>"), so
    a sweep that runs twice, or two sweeps at once, can never create a second row for it.
    """

    class EmailState(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        DIGEST = "digest", "Held for the weekly digest"
        DIGESTED = "digested", "Sent in a digest"
        NONE = "none", "No email"
        FAILED = "failed", "Could not be sent"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    key = models.CharField(max_length=255, unique=True)
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=50)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=300, blank=True, help_text="A path inside the portal.")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    email_state = models.CharField(max_length=20, choices=EmailState.choices,
                                   default=EmailState.PENDING)
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text="After a temporary failure: not sent again before this time.")
    email_failed_at = models.DateTimeField(null=True, blank=True)
    email_failure = models.CharField(max_length=500, blank=True,
                                     help_text="Why the email could not be sent (the last failure).")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at", "created_at"]),
            models.Index(fields=["email_state", "created_at"]),
            models.Index(fields=["email_state", "email_next_attempt_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.title} for {self.recipient}"
