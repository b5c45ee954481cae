"""Data-sharing agreements: a trust lets an ICB, CCG or region read its staff's personal records."""

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q

from leadership.dates import uk_today
from leadership.models.core import ApiScope, Organisation, TimeStamped, User

# The scopes whose rows are personal records; organisations and dashboards are footprint-wide anyway.
PERSONAL_SCOPES = (
    ApiScope.PEOPLE_READ, ApiScope.DEVELOPMENT_READ, ApiScope.TRAINING_READ,
    ApiScope.APPRAISALS_READ, ApiScope.TALENT_READ,
)


class DataSharingAgreementQuerySet(models.QuerySet):
    def live(self, on=None):
        """In force on the day (today, UK time): started, not ended, not revoked."""
        on = on or uk_today()
        return self.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=on),
            valid_from__lte=on, revoked_at__isnull=True,
        )


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class DataSharingAgreement(TimeStamped):
    """A trust's recorded agreement that a footprint above it reads its staff's records in some areas."""

    trust = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="sharing_agreements_given")
    footprint = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="sharing_agreements_received")
    scopes = ArrayField(models.CharField(max_length=30, choices=ApiScope.choices))
    valid_from = models.DateField()
    valid_until = models.DateField(null=True, blank=True, help_text="The last day it covers.")
    agreed_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+",
                                  help_text="Who recorded it in the portal.")
    agreed_by_name = models.CharField(max_length=200, help_text="Who agreed it, as the agreement names them.")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = DataSharingAgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(scopes__contained_by=list(PERSONAL_SCOPES)),
                                   name="sharing_agreement_personal_scopes"),
            models.CheckConstraint(condition=Q(scopes__len__gt=0), name="sharing_agreement_has_a_scope"),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="sharing_agreement_from_before_until"),
            models.CheckConstraint(condition=~Q(trust=F("footprint")), name="sharing_agreement_two_parties"),
        ]
        indexes = [models.Index(fields=["footprint", "trust"])]

    def __str__(self) -> str:
        return f"{self.trust.ods_code} shares with {self.footprint.ods_code}"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def status(self, on=None) -> str:
        on = on or uk_today()
        if self.revoked:
            return "revoked"
        if self.valid_from > on:
            return "not_started"
        if self.valid_until is not None and self.valid_until < on:
            return "expired"
        return "live"
