"""Dashboard measures for the talent pool, secondments and the graduate scheme."""

from collections.abc import Iterator
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from leadership.measures import Measure, Row
from talentpool.models import Placement, PoolMembership, Secondment

MEASURES = [
    Measure("talent_pool_members", "Active talent-pool members", section="Talent"),
    Measure("secondments", "Secondments under way", section="Talent", breakdown=tuple(
        (f"direction:{value}", label) for value, label in Secondment.Direction.choices)),
    Measure("graduate_placements", "Graduate trainees on placement here", section="Talent"),
]


def rows(period: date) -> Iterator[Row]:
    today = timezone.localdate()
    members = (PoolMembership.objects.filter(status=PoolMembership.Status.ACTIVE).order_by()
               .values_list("person__organisation_id").annotate(n=Count("person", distinct=True)))
    for org, n in members:
        yield Row(org, "talent_pool_members", "", n)
    current = Q(starts_on__lte=today, ends_on__gte=today)
    secondments = (Secondment.objects.filter(current).order_by()
                   .values_list("organisation_id", "direction").annotate(n=Count("id")))
    totals: dict[int, int] = {}
    for org, direction, n in secondments:
        totals[org] = totals.get(org, 0) + n
        yield Row(org, "secondments", f"direction:{direction}", n)
    for org, n in totals.items():
        yield Row(org, "secondments", "", n)
    placements = (Placement.objects.filter(current).order_by().values_list("host_id")
                  .annotate(n=Count("trainee", distinct=True)))
    for org, n in placements:
        yield Row(org, "graduate_placements", "", n)
