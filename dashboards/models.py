"""Summary tables: dashboards read these, never the raw tables, so a page costs the same at any scale."""

from django.db import models
from django.utils import timezone

from leadership.models import Organisation


class MeasureValue(models.Model):
    """One figure for one organisation in one quarter, e.g. managers at the middle level.

    Ratios keep their numerator and denominator so footprint and national figures are sums of each,
    never averages of averages.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    period = models.DateField(help_text="The first day of the quarter.")
    measure = models.CharField(max_length=60)
    dimension = models.CharField(max_length=60, blank=True,
                                 help_text="e.g. 'level:middle'; blank for the total.")
    numerator = models.FloatField()
    denominator = models.FloatField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "period", "measure", "dimension"],
                                    name="measure_value_unique"),
        ]
        indexes = [models.Index(fields=["period", "measure", "dimension"])]

    def __str__(self) -> str:
        return f"{self.measure} {self.dimension} {self.organisation_id} {self.period}: {self.numerator}"


class Refresh(models.Model):
    """When the figures of a quarter were last computed: the "figures as of" time."""

    period = models.DateField(unique=True)
    computed_at = models.DateTimeField(default=timezone.now)
    seconds = models.FloatField(default=0)
    rows = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.period} at {self.computed_at:%Y-%m-%d %H:%M}"
