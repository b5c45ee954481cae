"""Leadership passport shares (R2): a time-limited link a manager gives another NHS organisation, and
that organisation's import of the passport when the person moves there."""

import hashlib
import secrets
from datetime import timedelta

import pghistory
from django.db import models
from django.db.models import Q
from django.utils import timezone

from leadership.models import Organisation, Person, TimeStamped, User

SHARE_DAYS_DEFAULT = 14
SHARE_DAYS_MAX = 90


def token_hash(token: str) -> str:
    """Only a hash of the link's token is stored, as for invitations: a database copy opens no passport."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class PassportShare(TimeStamped):
    """A link to one person's passport for one receiving organisation, until it expires or is revoked."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="passport_shares")
    recipient = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                  help_text="The NHS organisation the link is for.")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(null=True, blank=True)
    imported_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    imported_into = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+", help_text="The person's record at the recipient.")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("created_at")),
                                   name="passport_share_expires_after_creation"),
        ]
        indexes = [models.Index(fields=["person", "-created_at"])]

    def __str__(self) -> str:
        return f"Passport of {self.person} for {self.recipient}"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def live(self) -> bool:
        return not self.revoked and not self.expired

    @staticmethod
    def expiry_in(days: int, now=None):
        return (now or timezone.now()) + timedelta(days=days)
