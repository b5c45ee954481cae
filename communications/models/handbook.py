"""The NHS values handbook (R2): the six NHS Constitution values, what each means for a manager at each
management level, in national versions; and each manager's attestation that they read a version."""

import pghistory
from django.db import models
from django.db.models import Q

from leadership.models import ManagementLevel, Organisation, Person, TimeStamped, User

# The levels a handbook describes; someone who manages nobody reads the first-line text.
HANDBOOK_LEVELS = [level for level in ManagementLevel if level != ManagementLevel.NONE]


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class HandbookVersion(TimeStamped):
    """One version of the handbook. National admins edit the one draft; a published version never changes."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    number = models.PositiveIntegerField(unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    introduction = models.TextField(blank=True)
    change_note = models.CharField(max_length=300, blank=True,
                                   help_text="What changed since the last version.")
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["status"], condition=Q(status="draft"),
                                    name="handbook_one_draft"),
            models.CheckConstraint(condition=Q(status="draft") | Q(published_at__isnull=False),
                                   name="handbook_published_has_date"),
        ]

    def __str__(self) -> str:
        return f"Values handbook, version {self.number} ({self.get_status_display()})"

    @property
    def editable(self) -> bool:
        return self.status == self.Status.DRAFT


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class HandbookValue(models.Model):
    """One value in one version: its summary, and a text per management level (`meanings`)."""

    version = models.ForeignKey(HandbookVersion, on_delete=models.CASCADE, related_name="values")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=100)
    summary = models.TextField()
    meanings = models.JSONField(default=dict, help_text="Management level -> what the value means there.")

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "name"], name="handbook_value_unique_name"),
            models.UniqueConstraint(fields=["version", "position"], name="handbook_value_unique_position"),
        ]

    def __str__(self) -> str:
        return self.name

    def meaning_for(self, level: str) -> str:
        return self.meanings.get(level) or self.meanings.get(ManagementLevel.FIRST_LINE, "")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class ValuesAttestation(TimeStamped):
    """A person read a version and commits to its values, in an organisation; or, transferred, the record
    of that attestation brought from their previous NHS organisation with its source."""

    class Source(models.TextChoices):
        ATTESTED = "attested", "Attested here"
        TRANSFERRED = "transferred", "Transferred"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="values_attestations")
    # The organisation whose record this is: the old one keeps its row when the person moves.
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(HandbookVersion, on_delete=models.PROTECT, related_name="attestations")
    attested_at = models.DateTimeField()
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.ATTESTED)
    transferred_from = models.CharField(max_length=300, blank=True,
                                        help_text="The organisation (name and ODS code) it came from.")
    recorded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-attested_at"]
        constraints = [
            models.UniqueConstraint(fields=["person", "version"], name="attestation_once_per_version"),
            models.CheckConstraint(condition=Q(source="attested") | ~Q(transferred_from=""),
                                   name="attestation_transfer_names_source"),
        ]
        indexes = [models.Index(fields=["organisation", "version"])]

    def __str__(self) -> str:
        return f"{self.person} attested version {self.version.number}"
