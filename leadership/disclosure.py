"""Small numbers: the one rule for figures seen outside the employing organisation (docs/security.md).

A count from 1 to 4 is shown as "<5", and a rate built on fewer than five people (its numerator, its
denominator or the rest of the group) is shown as "*", so no small group of people can be picked out.
0 stays 0: it says nothing about any person. The employer's own HR admins see exact figures; who
counts as the employer is decided in leadership.access (exact_figure_organisations).

It lives in leadership, the lowest layer, so dashboards, appraisal, training and talentpool pages,
their API and their CSV all use this one function.
"""

from collections.abc import Sequence
from enum import StrEnum

SMALL_NUMBER_LIMIT = 5  # counts below this (and above 0) are hidden


class Hidden(StrEnum):
    """Why a figure is not shown; the API gives this beside a null value."""

    SMALL = "small"  # a count from 1 to 4
    RATE = "rate"  # a rate or average built on fewer than five people
    SECONDARY = "secondary"  # hidden so that another hidden figure cannot be worked out from a total


SHOWN_AS = {Hidden.SMALL: "<5", Hidden.RATE: "*", Hidden.SECONDARY: "*"}
EXPLANATION = (
    "To protect small groups of people, counts from 1 to 4 are shown as <5, and rates built on fewer "
    "than 5 people, or figures that would reveal such a count, are shown as *."
)


def is_small(count: float | None) -> bool:
    return count is not None and 0 < count < SMALL_NUMBER_LIMIT


def suppress(count: float | None, *, exact: bool, out_of: float | None = None) -> Hidden | None:
    """Why a figure must be hidden from this viewer, or None to show it.

    `count` alone is a count of people. With `out_of` the figure is a rate (count / out_of): hidden
    when either part, or the rest of the group (out_of - count), is a small number. For an average
    whose numerator is not people (hours per manager) pass count=None: only out_of is checked.
    """
    if exact:
        return None
    if out_of is None:
        return Hidden.SMALL if is_small(count) else None
    if is_small(out_of) or is_small(count):
        return Hidden.RATE
    if count is not None and is_small(out_of - count):
        return Hidden.RATE
    return None


def shown(text: str, hidden: Hidden | None) -> str:
    """The text of a figure, or what stands in for it when hidden."""
    return text if hidden is None else SHOWN_AS[hidden]


def secondary(counts: Sequence[float | None], hidden: Sequence[Hidden | None], known: Sequence[bool],
              total: int) -> set[int]:
    """Further cells of an additive column to hide, so that total - others never gives a hidden count.

    `counts[total]` is the sum of the other cells. When exactly one other cell is hidden and the
    total is shown, the smallest non-zero cell the viewer does not already know exactly is hidden too
    (two hidden cells share one difference); with no such cell, the total is hidden instead.
    """
    members = [i for i in range(len(counts)) if i != total]
    hidden_members = [i for i in members if hidden[i] is not None]
    if len(hidden_members) != 1 or hidden[total] is not None:
        return set()
    candidates = [i for i in members
                  if hidden[i] is None and not known[i] and counts[i] and counts[i] > 0]
    if not candidates:
        return {total}
    return {min(candidates, key=lambda i: (counts[i], i))}
