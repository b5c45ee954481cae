"""What the dashboards count: the shape of a measure, and the register feature areas add theirs to.

A provider takes the quarter and yields rows (organisation id, measure, dimension, numerator,
denominator) computed with one grouped query over the whole country, so a refresh costs a handful of
queries whatever the number of organisations. Each app registers its provider in AppConfig.ready;
the dashboards (a higher layer) read the register, so no lower app imports them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from leadership.models import ManagementLevel


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

Rows = Callable[[date], Iterable[Row]]
_PROVIDERS: dict[str, tuple[int, list[Measure], Rows]] = {}


def register(name: str, measures: list[Measure], rows: Rows, *, position: int) -> None:
    """Add (or replace, on a second ready()) an area's measures; `position` orders the sections."""
    _PROVIDERS[name] = (position, measures, rows)


def providers() -> list[tuple[list[Measure], Rows]]:
    return [(measures, rows) for _, measures, rows in sorted(_PROVIDERS.values(), key=lambda p: p[0])]


def all_measures() -> list[Measure]:
    return [measure for measures, _ in providers() for measure in measures]


def compared_measures() -> list[Measure]:
    """The measures shown side by side (a breakdown-only measure repeats another's total)."""
    return [measure for measure in all_measures() if measure.compare]


# The computed figures live in the dashboards' summary tables; the dashboards register the reader.
Basis = tuple[float | None, float | None]  # (numerator, denominator) summed over the organisations
Figures = Callable[[date, list[int]], dict[str, tuple[float | None, Basis]]]
_figures: list[Figures] = []


def register_figures(reader: Figures) -> None:
    _figures[:] = [reader]


def figures(period: date, organisation_ids: list[int]) -> dict[str, tuple[float | None, Basis]]:
    """Each computed measure over the organisations for the quarter: slug -> (value, basis)."""
    if not _figures:
        raise RuntimeError("No figures reader is registered: is the dashboards app installed?")
    return _figures[0](period, organisation_ids)
