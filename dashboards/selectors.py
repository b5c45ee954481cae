"""Dashboard figures, read from the summary tables only (a fixed, small number of queries)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Sum

from dashboards.measures import Measure, all_measures, compared_measures
from dashboards.models import MeasureValue, Refresh
from leadership.disclosure import Hidden, secondary, suppress
from leadership.models import EMPLOYER_KINDS, Organisation, OrganisationKind

Totals = dict[tuple[str, str], tuple[float, float | None]]
TREND_QUARTERS = 8


def latest_refresh() -> Refresh | None:
    return Refresh.objects.order_by("-period").first()


def totals(period: date, organisation_ids=None) -> Totals:
    """Sum of each (measure, dimension) over the organisations (all of them when None)."""
    rows = MeasureValue.objects.filter(period=period)
    if organisation_ids is not None:
        rows = rows.filter(organisation_id__in=organisation_ids)
    grouped = rows.order_by().values_list("measure", "dimension").annotate(
        n=Sum("numerator"), d=Sum("denominator"))
    return {(measure, dimension): (n, d) for measure, dimension, n, d in grouped}


def totals_by_organisation(period: date, organisation_ids) -> dict[int, Totals]:
    by_org: dict[int, Totals] = defaultdict(dict)
    rows = MeasureValue.objects.filter(period=period, organisation_id__in=organisation_ids)
    for org_id, measure, dimension, n, d in rows.values_list(
            "organisation_id", "measure", "dimension", "numerator", "denominator"):
        by_org[org_id][(measure, dimension)] = (n, d)
    return by_org


def value(measure: Measure, figures: Totals, dimension: str = "", per: int = 1) -> float | None:
    """The figure as shown: a ratio as a share, a count or amount divided by `per` organisations."""
    numerator, denominator = figures.get((measure.slug, dimension), (None, None))
    if measure.kind in {"ratio", "average"}:
        return numerator / denominator if numerator is not None and denominator else None
    if numerator is None:
        return 0.0 if not dimension else None
    return numerator / per if per else None


def employer_count() -> int:
    return Organisation.objects.filter(kind__in=EMPLOYER_KINDS, active=True).count()


Basis = tuple[float | None, float | None]  # the (numerator, denominator) a shown figure is built on


@dataclass
class Table:
    name: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # per column after the first: count/ratio/amount
    sort_keys: list[str] = field(default_factory=list)  # per column after the first, if sortable
    bases: list[list[Basis]] = field(default_factory=list)  # per row, per value column
    exact: list[list[bool]] = field(default_factory=list)  # per row, per value column: the viewer
    # is the employer of every organisation the figure counts, so sees it exactly
    total_row: int | None = None  # the row that sums the others (count columns add up)
    hidden: list[list[Hidden | None]] = field(default_factory=list)  # per row, per value column
    periods: list[date] = field(default_factory=list)  # a trend's quarter of each row

    def add(self, label: str, cells: list[tuple[float | None, Basis]], *, exact: bool | list[bool]) -> None:
        self.rows.append([label, *[figure for figure, _ in cells]])
        self.bases.append([basis for _, basis in cells])
        self.exact.append(exact if isinstance(exact, list) else [exact] * len(cells))


def cell(measure: Measure, figures: Totals, dimension: str = "", per: int = 1) -> tuple[float | None, Basis]:
    """A figure as shown, with the counts it is built on (for the small-numbers rule)."""
    return value(measure, figures, dimension, per), figures.get((measure.slug, dimension), (None, None))


def _primary(kind: str, basis: Basis, exact: bool) -> Hidden | None:
    numerator, denominator = basis
    if kind == "count":
        return suppress(numerator, exact=exact)
    if kind == "ratio":
        return suppress(numerator, exact=exact, out_of=denominator)
    if kind == "average":  # e.g. hours per manager: the people are the denominator
        return suppress(None, exact=exact, out_of=denominator)
    return None  # an amount (hours, money) counts no people


def disclose(table: Table) -> Table:
    """Hide small numbers (and what would give them away) from a viewer outside the employer."""
    table.hidden = [[_primary(kind, basis, known) for kind, basis, known in
                     zip(table.kinds, bases, exact, strict=True)]
                    for bases, exact in zip(table.bases, table.exact, strict=True)]
    if table.total_row is not None:
        total = table.total_row % len(table.rows)
        for column, kind in enumerate(table.kinds):
            if kind != "count":
                continue  # rates do not add up, and their denominators are not shown
            extra = secondary([bases[column][0] for bases in table.bases],
                              [hidden[column] for hidden in table.hidden],
                              [exact[column] for exact in table.exact], total)
            for index in extra:
                table.hidden[index][column] = Hidden.SECONDARY
    for row, hidden in zip(table.rows, table.hidden, strict=True):
        for column, reason in enumerate(hidden):
            if reason is not None:
                row[column + 1] = None
    return table


def own_footprint(organisation: Organisation) -> list[int]:
    """The organisation and those merged into it: their past figures are the successor's history."""
    from leadership.access import with_predecessors

    return sorted(with_predecessors({organisation.id}))


def organisation_tables(organisation: Organisation, period: date, *, exact: bool = False) -> list[Table]:
    """Each measure with its breakdown: the organisation's figure beside the national one.

    `exact`: the viewer is the organisation's employer (leadership.access.sees_exact_figures)."""
    own, national, per = totals(period, own_footprint(organisation)), totals(period), employer_count()
    tables = []
    for measure in all_measures():
        table = Table(measure.slug, measure.label,
                      ["Figure", organisation.name, "National average per trust"
                       if measure.kind in {"count", "amount"} else "National"], kinds=[measure.kind] * 2,
                      total_row=0)
        for dimension, label in (("", "Total"), *measure.breakdown):
            own_cell, national_cell = cell(measure, own, dimension), cell(measure, national, dimension, per)
            # the employer sees its own column exactly; the national one is everyone's
            table.add(label, [own_cell, national_cell], exact=[exact, False])
        tables.append(disclose(table))
    return tables


def organisation_trend(organisation: Organisation, period: date, *, exact: bool = False) -> Table:
    """Each measure's total for the organisation over the last eight quarters."""
    # A merged organisation's quarters add to its successor's (R13).
    return scope_trend(list(own_footprint(organisation)), period, exact=exact)


def scope_trend(organisation_ids: list[int] | None, period: date, *, exact: bool = False) -> Table:
    """Each compared measure's total over the organisations (all of them when None), by quarter, for
    the last eight quarters that have figures: two queries whatever the number of organisations."""
    values = MeasureValue.objects.filter(period__lte=period, dimension="")
    if organisation_ids is not None:
        values = values.filter(organisation_id__in=organisation_ids)
    periods = list(values.order_by("-period").values_list("period", flat=True).distinct()[:TREND_QUARTERS])
    periods.reverse()
    by_period: dict[date, Totals] = defaultdict(dict)
    for p, measure, n, d in values.filter(period__in=periods).order_by().values_list(
            "period", "measure").annotate(n=Sum("numerator"), d=Sum("denominator")):
        by_period[p][(measure, "")] = (n, d)
    measures = compared_measures()
    table = Table("trend", "Trend by quarter", ["Quarter", *[m.label for m in measures]],
                  kinds=[m.kind for m in measures], sort_keys=[m.slug for m in measures], periods=periods)
    for p in periods:
        table.add(quarter_label(p), [cell(m, by_period[p]) for m in measures], exact=exact)
    return disclose(table)


HEADLINE_MEASURES = ("managers", "appraisal_completion", "basics_coverage", "managers_in_cycle",
                     "talent_pool_members")  # the five figures a board asks first


@dataclass(frozen=True)
class Headline:
    measure: Measure
    figure: float | None  # as shown: None when hidden or not recorded
    hidden: Hidden | None
    against: float | None  # the figure it is compared with
    against_hidden: Hidden | None
    against_label: str  # "National", "National average per trust", "Last quarter"
    per_trust: bool = False  # a footprint's count, shown as its average per trust


def headline_measures() -> list[Measure]:
    by_slug = {measure.slug: measure for measure in compared_measures()}
    return [by_slug[slug] for slug in HEADLINE_MEASURES if slug in by_slug]


def organisation_headlines(tables: list[Table]) -> list[Headline]:
    """The trust's total of each headline measure beside the national figure its table already shows."""
    by_name = {table.name: table for table in tables}
    return [Headline(m, t.rows[0][1], t.hidden[0][0], t.rows[0][2], t.hidden[0][1], t.columns[2])
            for m in headline_measures() if (t := by_name.get(m.slug)) is not None and t.rows]


def footprint_headlines(table: Table, period: date, trusts: int) -> list[Headline]:
    """The footprint's total row against England: counts as the average per trust on both sides."""
    national, per = totals(period), employer_count()
    headlines = []
    for m in headline_measures():
        column = table.sort_keys.index(m.slug)
        figure, hidden = table.rows[-1][column + 1], table.hidden[-1][column]
        if m.kind in {"count", "amount"}:
            figure = figure / trusts if figure is not None and trusts else None
            headlines.append(Headline(m, figure, hidden, value(m, national, per=per), None,
                                      "National average per trust", per_trust=True))
        else:
            headlines.append(Headline(m, figure, hidden, value(m, national), None, "National"))
    return headlines


def trend_headlines(trend: Table) -> list[Headline]:
    """England's latest quarter against the quarter before (the national dashboard's own figure)."""
    if not trend.rows:
        return []
    latest, before = len(trend.rows) - 1, len(trend.rows) - 2
    headlines = []
    for m in headline_measures():
        column = trend.sort_keys.index(m.slug)
        previous = ((trend.rows[before][column + 1], trend.hidden[before][column]) if before >= 0
                    else (None, None))
        headlines.append(Headline(m, trend.rows[latest][column + 1], trend.hidden[latest][column], *previous,
                                  "Last quarter"))
    return headlines


def quarter_label(period: date) -> str:
    return f"{period:%b %Y} quarter"


def footprint_members(footprint: Organisation) -> list[Organisation]:
    from leadership.access import organisations_under

    ids = organisations_under({footprint.id})
    return list(Organisation.objects.filter(id__in=ids, kind__in=EMPLOYER_KINDS).order_by("name"))


def comparison_table(name: str, title: str, groups: list[tuple[str, list[int]]], period: date,
                     total_label: str, sort: str = "", descending: bool = False,
                     exact_ids: frozenset[int] = frozenset()) -> Table:
    """One row per group of organisations, one column per measure total, and a total row.

    A row is exact only when the viewer is the employer of every organisation in it (exact_ids)."""
    measures = compared_measures()
    by_org = totals_by_organisation(period, [i for _, ids in groups for i in ids])
    table = Table(name, title, [title.split(" by ")[-1].capitalize() if " by " in title else "Organisation",
                                *[m.label for m in measures]], kinds=[m.kind for m in measures],
                  sort_keys=[m.slug for m in measures], total_row=-1)

    def summed(ids) -> Totals:
        figures: Totals = {}
        for org_id in ids:
            for key, (n, d) in by_org.get(org_id, {}).items():
                old_n, old_d = figures.get(key, (0.0, None))
                figures[key] = (old_n + n, (old_d or 0.0) + d if d is not None else old_d)
        return figures

    def exact(ids) -> bool:
        return bool(ids) and all(i in exact_ids for i in ids)

    for label, ids in groups:
        figures = summed(ids)
        table.add(label, [cell(m, figures) for m in measures], exact=exact(ids))
    everyone = [i for _, ids in groups for i in ids]
    table.add(total_label, [cell(m, summed(everyone)) for m in measures], exact=exact(everyone))
    disclose(table)
    slugs = [m.slug for m in measures]
    if sort in slugs:  # after hiding, so a hidden figure's place in the order gives nothing away
        column = slugs.index(sort) + 1
        members = list(zip(table.rows[:-1], table.bases[:-1], table.exact[:-1], table.hidden[:-1],
                           strict=True))
        shown = sorted((m for m in members if m[0][column] is not None), key=lambda m: m[0][column],
                       reverse=descending)
        members = shown + [m for m in members if m[0][column] is None]  # hidden or no data: last
        for attribute, position in (("rows", 0), ("bases", 1), ("exact", 2), ("hidden", 3)):
            setattr(table, attribute, [m[position] for m in members] + getattr(table, attribute)[-1:])
    return table


def region_of() -> dict[int, int | None]:
    """Each organisation's region, found by walking up the hierarchy once for all of them."""
    parents = dict(Organisation.objects.values_list("id", "parent_id"))
    regions = set(Organisation.objects.filter(kind=OrganisationKind.REGION).values_list("id", flat=True))
    found: dict[int, int | None] = {}
    for org_id in parents:
        current, seen = org_id, set()
        while current is not None and current not in regions and current not in seen:
            seen.add(current)
            current = parents.get(current)
        found[org_id] = current if current in regions else None
    return found


def national_tables(period: date, sort: str = "", descending: bool = False,
                    exact_ids: frozenset[int] = frozenset()) -> list[Table]:
    employers = list(Organisation.objects.filter(kind__in=EMPLOYER_KINDS).values_list("id", "kind"))
    regions = region_of()
    region_names = dict(Organisation.objects.filter(kind=OrganisationKind.REGION).values_list("id", "name"))
    by_region: dict[str, list[int]] = defaultdict(list)
    by_kind: dict[str, list[int]] = defaultdict(list)
    for org_id, kind in employers:
        by_region[region_names.get(regions.get(org_id), "No region recorded")].append(org_id)
        by_kind[OrganisationKind(kind).label].append(org_id)
    return [
        comparison_table("by_region", "Figures by region", sorted(by_region.items()), period,
                         "England", sort, descending, exact_ids),
        comparison_table("by_kind", "Figures by organisation kind", sorted(by_kind.items()), period,
                         "England", sort, descending, exact_ids),
    ]


def footprint_table(footprint: Organisation, period: date, sort: str = "",
                    descending: bool = False, exact_ids: frozenset[int] = frozenset()) -> Table:
    groups = [(org.name, [org.id]) for org in footprint_members(footprint)]
    return comparison_table("organisations", "Organisations under the footprint", groups, period,
                            f"{footprint.name} total", sort, descending, exact_ids)


def measure_figures(period: date, organisation_ids: list[int]):
    """Each measure computed for the quarter over the organisations: slug -> (value, basis)."""
    figures = totals(period, organisation_ids)
    per = len(organisation_ids) or 1
    return {measure.slug: (value(measure, figures, per=per), figures[(measure.slug, "")])
            for measure in all_measures() if (measure.slug, "") in figures}
