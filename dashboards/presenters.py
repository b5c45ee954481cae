"""Dashboard values as text, and tables as CSV rows, so templates hold no arithmetic."""

from dashboards.selectors import Table
from leadership.charts import Series, Trend
from leadership.disclosure import EXPLANATION, shown


def display(value, kind: str) -> str:
    if value is None:
        return "No data"
    if kind == "ratio":
        return f"{value:.0%}"
    if kind in {"amount", "average"} or value != int(value):
        return f"{value:,.1f}"
    return f"{int(value):,}"


def _hidden(table: Table, row: int, column: int):
    return table.hidden[row][column] if row < len(table.hidden) else None


def cell_text(table: Table, row: int, column: int) -> str:
    """A cell as the viewer may see it: the figure, or "<5" / "*" where small numbers are hidden."""
    kind = table.kinds[column] if column < len(table.kinds) else "count"
    return shown(display(table.rows[row][column + 1], kind), _hidden(table, row, column))


def present(table: Table, sort: str = "", descending: bool = False) -> dict:
    """Headers with sort links, and rows of cells with text and a bar scaled to the column's peak."""
    columns = list(zip(*[row[1:] for row in table.rows], strict=True)) if table.rows else []
    peaks = [max((v for v in column if v is not None), default=0) or 1 for column in columns]
    rows = []
    for row_index, row in enumerate(table.rows):
        cells = []
        for index, value in enumerate(row[1:]):
            kind = table.kinds[index] if index < len(table.kinds) else "count"
            bar = 0 if value is None else round(20 * value / (1 if kind == "ratio" else peaks[index])) * 5
            cells.append({"text": cell_text(table, row_index, index), "bar": max(0, min(bar, 100)),
                          "column": table.columns[index + 1],
                          "hidden": _hidden(table, row_index, index) is not None})
        rows.append({"label": row[0], "cells": cells})
    headers = [{"label": table.columns[0], "sort": None}]
    for index, label in enumerate(table.columns[1:]):
        key = table.sort_keys[index] if index < len(table.sort_keys) else ""
        next_dir = "asc" if key == sort and descending else "desc"
        headers.append({
            "label": label,
            "sort": f"sort={key}&dir={next_dir}" if key else None,
            "aria_sort": ("descending" if descending else "ascending") if key and key == sort else "",
        })
    return {"name": table.name, "title": table.title, "headers": headers, "rows": rows,
            "first_column": table.columns[0], "small_numbers": small_numbers_note(table)}


def small_numbers_note(table: Table) -> str:
    """The explanation shown under a table (and at the end of its CSV) when it hides anything."""
    return EXPLANATION if any(reason for hidden in table.hidden for reason in hidden) else ""


def csv_rows(table: Table):
    for row_index, row in enumerate(table.rows):
        yield [row[0], *[cell_text(table, row_index, i) for i in range(len(row) - 1)]]
    if note := small_numbers_note(table):
        yield [note]


def _headline_text(value, kind: str, hidden) -> str:
    return shown(display(value, kind), hidden)


def _comparison(headline) -> str:
    """Words, not colour, say how the figure stands against the one it is compared with."""
    if headline.figure is None or headline.against is None or headline.hidden or headline.against_hidden:
        return ""
    figure, against = round(headline.figure, 3), round(headline.against, 3)
    word = "Higher than" if figure > against else "Lower than" if figure < against else "The same as"
    return f"{word} {headline.against_label[0].lower()}{headline.against_label[1:]}"


def headlines(items) -> list[dict]:
    """The summary at the top of a dashboard: each figure, what it is compared with, and how it stands."""
    presented = []
    for h in items:
        kind = "amount" if h.per_trust else h.measure.kind  # an average per trust has a decimal
        presented.append({
            "label": h.measure.label + (" (average per trust)" if h.per_trust else ""),
            "figure": _headline_text(h.figure, kind, h.hidden),
            "against": f"{h.against_label}: {_headline_text(h.against, kind, h.against_hidden)}",
            "comparison": _comparison(h),
        })
    return presented


def trends(table: Table) -> list[Trend]:
    """One chart (with its table) per measure of a trend table, quarters along the bottom."""
    axis = [f"{period:%b %y}" for period in table.periods]
    labels = [row[0] for row in table.rows]
    charts = []
    for index, title in enumerate(table.columns[1:]):
        values = [row[index + 1] for row in table.rows]
        texts = [cell_text(table, row, index) for row in range(len(table.rows))]
        charts.append(Trend(slug=table.sort_keys[index] if index < len(table.sort_keys) else str(index),
                            title=title, labels=labels, axis_labels=axis,
                            series=[Series("Figure", values, texts)], percent=table.kinds[index] == "ratio"))
    return charts
