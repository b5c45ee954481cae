"""Invitations: how a person on the staff record gets a login (issue 14, "The way in")."""

import hashlib
import secrets
from datetime import timedelta

import pghistory
from django.db import models
from django.db.models import Q
from django.utils import timezone

from leadership.models.core import Person, TimeStamped, User

INVITATION_VALID_FOR = timedelta(days=14)


def token_hash(token: str) -> str:
    """Only a hash of the link's token is stored: a copy of the database opens no invitation."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Invitation(TimeStamped):
    """A one-time link to set a password for the login made for a person on the staff record."""

    class Status(models.TextChoices):
        PENDING = "pending", "Invited"
        ACCEPTED = "accepted", "Accepted"
        REVOKED = "revoked", "Revoked"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="invitations")
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    sends = models.PositiveSmallIntegerField(default=1, help_text="How many times the link was sent.")
    invited_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=Q(status="pending"),
                                    name="invitation_one_pending_per_person"),
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.email} ({self.get_status_display()})"

    @property
    def expired(self) -> bool:
        return self.status == self.Status.PENDING and self.expires_at <= timezone.now()

    @staticmethod
    def expiry_from(now=None):
        return (now or timezone.now()) + INVITATION_VALID_FOR
