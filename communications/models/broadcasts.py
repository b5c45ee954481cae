"""Broadcasts (R1): one service-wide channel for news, good and less good, best practice and actions."""

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse

from leadership.models import (
    CommissionerRole,
    ManagementLevel,
    Organisation,
    OrganisationKind,
    Person,
    TimeStamped,
    User,
)


class BroadcastCategory(models.TextChoices):
    NEWS = "news", "News"
    GOOD_NEWS = "good_news", "Good news"
    LESS_GOOD_NEWS = "less_good_news", "Less good news"
    BEST_PRACTICE = "best_practice", "Best practice"
    ACTION_REQUIRED = "action_required", "Action required"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Broadcast(TimeStamped):
    """A message to an audience. The audience is held as written (kinds, regions, footprint, named
    organisations, levels, roles) and, resolved when it is sent, as `reach`: the organisations whose
    staff it is for. A cascade is a broadcast of its own, from an ICB or trust, with `cascade_of` set."""

    Category = BroadcastCategory

    sender_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Markdown.")
    category = models.CharField(max_length=20, choices=BroadcastCategory.choices)
    everyone = models.BooleanField(default=False)
    organisation_kinds = ArrayField(
        models.CharField(max_length=20, choices=OrganisationKind.choices), default=list, blank=True
    )
    regions = models.ManyToManyField(Organisation, blank=True, related_name="+")
    footprint = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="+")
    management_levels = ArrayField(
        models.CharField(max_length=20, choices=ManagementLevel.choices), default=list, blank=True
    )
    commissioner_roles = ArrayField(
        models.CharField(max_length=30, choices=CommissionerRole.choices),
        default=list,
        blank=True,
        verbose_name="CCG/ICB leadership roles",
    )
    reach = models.ManyToManyField(Organisation, blank=True, related_name="broadcasts_received")
    publish_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)
    cascade_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="cascades"
    )

    class Meta:
        ordering = ["-publish_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("publish_at")),
                name="broadcast_expires_after_publish",
            ),
            models.CheckConstraint(condition=~Q(cascade_of=models.F("id")), name="broadcast_not_own_cascade"),
            models.UniqueConstraint(
                fields=["cascade_of", "sender_organisation"], name="broadcast_one_cascade_per_organisation"
            ),
        ]
        indexes = [
            models.Index(fields=["updated_at", "public_id"]),
            models.Index(fields=["publish_at"]),
            models.Index(fields=["sender_organisation", "publish_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def needs_acknowledgement(self) -> bool:
        return self.category == BroadcastCategory.ACTION_REQUIRED

    def get_absolute_url(self) -> str:
        return reverse("communications:broadcast_detail", args=[self.public_id])


class BroadcastReceipt(models.Model):
    """A person opened a broadcast (read_at) and, for an action, acknowledged it. One per person."""

    broadcast = models.ForeignKey(Broadcast, on_delete=models.CASCADE, related_name="receipts")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The person's organisation when they read it.",
    )
    read_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["broadcast", "person"], name="receipt_once_per_person")
        ]
        indexes = [models.Index(fields=["broadcast", "organisation"])]

    def __str__(self) -> str:
        return f"Receipt of broadcast {self.broadcast_id}"
