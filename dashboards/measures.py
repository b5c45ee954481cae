"""The dashboards' own measures (people), and the register of every area's (leadership.measures).

A provider takes the quarter and yields rows (organisation id, measure, dimension, numerator,
denominator) computed with one grouped query over the whole country, so a refresh costs a handful of
queries whatever the number of organisations.
"""

from collections.abc import Iterator
from datetime import date

from django.db.models import Count

from leadership.measures import MANAGER, Measure, Row, all_measures, compared_measures, providers
from leadership.models import Band, ManagementLevel, Person, SectorBackground

__all__ = ["MANAGER", "Measure", "Row", "all_measures", "compared_measures", "providers"]

PEOPLE_MEASURES = [
    Measure("managers", "Managers", breakdown=tuple(
        (f"level:{value}", label) for value, label in ManagementLevel.choices
        if value != ManagementLevel.NONE
    )),
    Measure("managers_by_band", "Managers by band", compare=False, breakdown=tuple(
        (f"band:{value}", label) for value, label in Band.choices
    )),
    Measure("external_recruits", "Managers recruited from outside the NHS", breakdown=tuple(
        (f"sector:{value}", label) for value, label in SectorBackground.choices
        if value != SectorBackground.NHS
    )),
]


def people_rows(period: date) -> Iterator[Row]:
    """Managers by level and band, and those with a background outside the NHS."""
    managers = Person.objects.filter(MANAGER).order_by()
    by_level = managers.values_list("organisation_id", "management_level").annotate(n=Count("id"))
    for org_id, level, n in by_level:
        yield Row(org_id, "managers", f"level:{level}", n)
    for org_id, n in managers.values_list("organisation_id").annotate(n=Count("id")):
        yield Row(org_id, "managers", "", n)
        yield Row(org_id, "managers_by_band", "", n)
    for org_id, band, n in managers.exclude(band="").values_list(
            "organisation_id", "band").annotate(n=Count("id")):
        yield Row(org_id, "managers_by_band", f"band:{band}", n)
    outside = managers.exclude(sector_background=SectorBackground.NHS)
    for org_id, sector, n in outside.values_list("organisation_id", "sector_background").annotate(
            n=Count("id")):
        yield Row(org_id, "external_recruits", f"sector:{sector}", n)
    for org_id, n in outside.values_list("organisation_id").annotate(n=Count("id")):
        yield Row(org_id, "external_recruits", "", n)
