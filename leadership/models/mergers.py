"""Mergers and successions of organisations (R13), recorded by national admins."""

import pghistory
from django.db import models
from django.db.models import Q

from leadership.models.core import Organisation, TimeStamped, User


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class OrganisationMerger(TimeStamped):
    """Organisation A (predecessor) was dissolved on a date and B (successor) took over: what was done
    and why. The organisations' own rows carry the state (dissolved_on, successor); this is the record."""

    predecessor = models.OneToOneField(Organisation, on_delete=models.PROTECT, related_name="merged_into")
    successor = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="mergers_received")
    dissolved_on = models.DateField()
    people_moved = models.PositiveIntegerField(
        default=0, help_text="Staff records moved to the successor; 0 when left for the next ESR import.")
    api_clients_revoked = models.PositiveIntegerField(default=0)
    reason = models.TextField()
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-dissolved_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(predecessor=models.F("successor")),
                                   name="merger_not_into_itself"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} merged into {self.successor} on {self.dissolved_on:%d %b %Y}"
