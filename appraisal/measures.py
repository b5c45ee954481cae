"""Appraisal figures for the dashboards (registered in appraisal/apps.py)."""

from collections.abc import Iterator
from datetime import date

from django.db.models import Count, Q

from appraisal.models import BAND_LABELS, Appraisal
from leadership.measures import Measure, Row

MEASURES = [
    Measure("appraisal_completion", "Appraisal completion rate", kind="ratio", section="Appraisal"),
    Measure(
        "appraisal_bands",
        "Signed-off appraisals by rating band",
        section="Appraisal",
        breakdown=tuple((f"band:{label}", label) for label in BAND_LABELS),
    ),
]


def rows(period: date) -> Iterator[Row]:
    """Completion over appraisals in cycles open on the period's day (signed off / due), and bands."""
    current = Appraisal.objects.filter(cycle__opens_on__lte=period, cycle__closes_on__gte=period).exclude(
        state=Appraisal.State.WITHDRAWN).order_by()
    signed = Q(state__in=Appraisal.FINAL_STATES)
    for org_id, due, done in current.values_list("organisation_id").annotate(
        due=Count("id"), done=Count("id", filter=signed)
    ):
        yield Row(org_id, "appraisal_completion", "", done, due)
    final = current.filter(signed)
    by_band = final.values_list("organisation_id", "calibrated_band", "band").annotate(n=Count("id"))
    counts: dict[tuple[int, str], int] = {}
    for org_id, calibrated, band, n in by_band:
        for dimension in (f"band:{calibrated or band}", ""):
            counts[(org_id, dimension)] = counts.get((org_id, dimension), 0) + n
    for (org_id, dimension), n in counts.items():
        yield Row(org_id, "appraisal_bands", dimension, n)
