"""Dashboard measures for the 90-day action cycle (registered in leadership/apps.py)."""

from collections.abc import Iterator
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from leadership.measures import MANAGER, Measure, Row
from leadership.models import ActionCycle, CheckIn, Person

MEASURES = [
    Measure("managers_in_cycle", "Managers with an active 90-day cycle", kind="ratio",
            section="Development"),
    Measure("overdue_cycles", "Active 90-day cycles with an overdue check-in", section="Development"),
]


def rows(period: date) -> Iterator[Row]:
    today = timezone.localdate()
    active = ActionCycle.objects.filter(person=OuterRef("pk"), status=ActionCycle.Status.ACTIVE)
    managers = Person.objects.filter(MANAGER).order_by().values("organisation_id").annotate(
        total=Count("id"), in_cycle=Count("id", filter=Q(Exists(active))))
    for row in managers:
        yield Row(row["organisation_id"], "managers_in_cycle", "", row["in_cycle"], row["total"])
    overdue = CheckIn.objects.filter(cycle=OuterRef("pk"), recorded_at__isnull=True, due_on__lt=today)
    cycles = (ActionCycle.objects.filter(status=ActionCycle.Status.ACTIVE, person__isnull=False)
              .filter(Exists(overdue)).order_by().values_list("organisation_id")
              .annotate(n=Count("id")))
    for organisation_id, n in cycles:
        yield Row(organisation_id, "overdue_cycles", "", n)
