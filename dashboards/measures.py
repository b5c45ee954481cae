"""What the dashboards count, and how. Each feature area adds its own measures here.

A provider takes the quarter and yields rows (organisation id, measure, dimension, numerator,
denominator) computed with one grouped query over the whole country, so a refresh costs a handful of
queries whatever the number of organisations.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from importlib import import_module

from django.db.models import Count, Q

from leadership.models import Band, ManagementLevel, Person, SectorBackground


@dataclass(frozen=True)
class Measure:
    slug: str
    label: str
    kind: str = "count"  # "count", "ratio" (a percentage), "amount" (e.g. hours) or "average" (n/d)
    breakdown: tuple[tuple[str, str], ...] = ()  # (dimension, label) rows shown under the total
    section: str = "People"
    compare: bool = True  # a column in the footprint, national and trend tables


@dataclass(frozen=True)
class Row:
    organisation_id: int
    measure: str
    dimension: str
    numerator: float
    denominator: float | None = None


MANAGER = ~Q(management_level=ManagementLevel.NONE) & Q(active=True)

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


# Feature areas register "module:measures_attribute:rows_function"; a missing module is skipped, so a
# feature can land before or after the dashboards.
PROVIDERS: list[tuple[str, str, str]] = [
    ("dashboards.measures", "PEOPLE_MEASURES", "people_rows"),
    ("training.measures", "MEASURES", "rows"),
    ("leadership.development.measures", "MEASURES", "rows"),
    ("talentpool.measures", "MEASURES", "rows"),
    ("appraisal.measures", "MEASURES", "rows"),
]


def providers() -> list[tuple[list[Measure], Callable[[date], Iterable[Row]]]]:
    found = []
    for module_name, measures_name, rows_name in PROVIDERS:
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise  # the module exists but something it imports does not: a real error
            continue
        found.append((getattr(module, measures_name), getattr(module, rows_name)))
    return found


def all_measures() -> list[Measure]:
    return [measure for measures, _ in providers() for measure in measures]


def compared_measures() -> list[Measure]:
    """The measures shown side by side (a breakdown-only measure repeats another's total)."""
    return [measure for measure in all_measures() if measure.compare]
