"""Trend charts drawn on the server as SVG, with the data table beside them.

The component is templates/components/trend_chart.html.

A chart is decoration over its table: the table is the data (and what a screen reader reads), the SVG
has a title and a one-sentence summary. No script, no inline style (the CSP forbids it), readable in
print and without colour: the second series is dashed and marks its points with squares.

    {% load charts %}{% trend_chart trend %}

where `trend` is a Trend built by the page's presenter.
"""

import math
from dataclasses import dataclass, field

WIDTH, HEIGHT = 480, 240
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40  # room for the value axis on the left and quarters below


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]  # None: no figure (hidden or not recorded); the line breaks there
    texts: list[str]  # each value as the table shows it ("42", "<5", "No data")


@dataclass(frozen=True)
class Trend:
    slug: str
    title: str
    labels: list[str]  # one per point, as the table shows them ("Jan 2026 quarter")
    axis_labels: list[str]  # shorter, under the axis ("Jan 26")
    series: list[Series] = field(default_factory=list)
    percent: bool = False  # values are shares from 0 to 1, shown as per cent


def _nice_step(span: float) -> float:
    raw = span / 4 or 1
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(step * magnitude for step in (1, 2, 2.5, 5, 10) if step * magnitude >= raw)


def _axis_text(value: float, percent: bool) -> str:
    if percent:
        return f"{value:.0%}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def _segments(points: list[tuple[float, float] | None]) -> list[str]:
    """Runs of consecutive points as SVG polyline point lists: a missing figure breaks the line."""
    runs, current = [], []
    for point in [*points, None]:
        if point is None:
            if current:
                runs.append(" ".join(f"{x:.1f},{y:.1f}" for x, y in current))
            current = []
        else:
            current.append(point)
    return runs


def _summary(trend: Trend) -> str:
    first = trend.series[0] if trend.series else None
    shown = [(label, text) for label, value, text in zip(trend.labels, first.values, first.texts, strict=True)
             if value is not None] if first else []
    if len(shown) < 2:
        return f"{trend.title}: not enough figures yet to show a trend; see the table."
    (start_label, start), (end_label, end) = shown[0], shown[-1]
    return (f"{trend.title}: {start} in the {start_label} and {end} in the {end_label}; "
            "the table has every figure.")


def chart(trend: Trend) -> dict:
    """Everything the template draws: scaled points, value gridlines, quarter labels and the table rows."""
    values = [v for s in trend.series for v in s.values if v is not None]
    top = max(values, default=0)
    if trend.percent:
        top = max(top, 0.01)
    step = _nice_step(top)
    ceiling = step * max(1, math.ceil(top / step)) if top else step * 4
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = len(trend.labels)

    def x(index: int) -> float:
        return LEFT + (plot_width * index / (count - 1) if count > 1 else plot_width / 2)

    def y(value: float) -> float:
        return TOP + plot_height * (1 - value / ceiling)

    ticks = [{"y": round(y(step * i), 1), "text_x": LEFT - 8, "text": _axis_text(step * i, trend.percent)}
             for i in range(int(round(ceiling / step)) + 1)]
    labels = [{"x": round(x(i), 1), "text": text} for i, text in enumerate(trend.axis_labels)]
    drawn = []
    for index, series in enumerate(trend.series):
        points = [(x(i), y(v)) if v is not None else None for i, v in enumerate(series.values)]
        drawn.append({"name": series.name, "style": "second" if index else "first",
                      "lines": _segments(points),
                      "marks": [{"x": round(p[0], 1), "y": round(p[1], 1), "square_x": round(p[0] - 4, 1),
                                 "square_y": round(p[1] - 4, 1)} for p in points if p is not None]})
    rows = [{"label": label, "cells": [s.texts[i] for s in trend.series]}
            for i, label in enumerate(trend.labels)]
    return {"trend": trend, "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT,
            "baseline": HEIGHT - BOTTOM, "label_y": HEIGHT - BOTTOM + 20, "ticks": ticks, "labels": labels,
            "series": drawn, "rows": rows, "summary": _summary(trend), "legend": len(trend.series) > 1}
