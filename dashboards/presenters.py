"""Dashboard values as text, and tables as CSV rows, so templates hold no arithmetic."""

from dashboards.selectors import Table


def display(value, kind: str) -> str:
    if value is None:
        return "No data"
    if kind == "ratio":
        return f"{value:.0%}"
    if kind in {"amount", "average"} or value != int(value):
        return f"{value:,.1f}"
    return f"{int(value):,}"


def present(table: Table, sort: str = "", descending: bool = False) -> dict:
    """Headers with sort links, and rows of cells with text and a bar scaled to the column's peak."""
    columns = list(zip(*[row[1:] for row in table.rows], strict=True)) if table.rows else []
    peaks = [max((v for v in column if v is not None), default=0) or 1 for column in columns]
    rows = []
    for row in table.rows:
        cells = []
        for index, value in enumerate(row[1:]):
            kind = table.kinds[index] if index < len(table.kinds) else "count"
            bar = 0 if value is None else round(20 * value / (1 if kind == "ratio" else peaks[index])) * 5
            cells.append({"text": display(value, kind), "bar": max(0, min(bar, 100)),
                          "column": table.columns[index + 1]})
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
            "first_column": table.columns[0]}


def csv_rows(table: Table):
    for row in table.rows:
        yield [row[0], *[display(v, table.kinds[i] if i < len(table.kinds) else "count")
                         for i, v in enumerate(row[1:])]]
