"""Refreshing the summary tables (Celery runs this nightly and after an import)."""

import time
from datetime import date

from django.db import transaction
from django.utils import timezone

from dashboards.measures import providers
from dashboards.models import MeasureValue, Refresh
from leadership.dates import quarter_start


@transaction.atomic
def dashboards_refresh(*, period: date | None = None) -> Refresh:
    """Recompute every figure of the quarter (today's by default) in one transaction."""
    period = quarter_start(period or timezone.localdate())
    started = time.monotonic()
    rows = [row for _, compute in providers() for row in compute(period)]
    MeasureValue.objects.filter(period=period).delete()
    MeasureValue.objects.bulk_create(
        [MeasureValue(organisation_id=r.organisation_id, period=period, measure=r.measure,
                      dimension=r.dimension, numerator=r.numerator, denominator=r.denominator)
         for r in rows],
        batch_size=5000,
    )
    refresh, _ = Refresh.objects.update_or_create(period=period, defaults={
        "computed_at": timezone.now(), "seconds": time.monotonic() - started, "rows": len(rows),
    })
    return refresh
