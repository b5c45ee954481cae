"""The line manager's team page: each area registers a column (from its AppConfig.ready), so the core's
page shows a report's training, appraisal and pool status without importing those apps.

A column's provider takes the manager's user and the reports shown, and answers in a fixed number of
queries whatever their number: {person id: Cell}. People missing from the answer show "None".
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from leadership.models import Person, User


@dataclass(frozen=True)
class Cell:
    text: str
    url: str = ""


@dataclass(frozen=True)
class Column:
    heading: str
    cells: Callable[[User, Sequence[Person]], dict[int, Cell]]
    position: int = 50


_columns: dict[str, Column] = {}


def register(name: str, column: Column) -> None:
    """Register (or replace, so a second ready() is harmless) an area's column."""
    _columns[name] = column


def rows(user: User, people: Sequence[Person]) -> tuple[list[str], list[tuple[Person, list[Cell]]]]:
    """The headings, and each person with a cell per column, in the columns' order."""
    columns = sorted(_columns.values(), key=lambda column: column.position)
    answers = [column.cells(user, people) for column in columns]
    empty = Cell("None")
    return ([column.heading for column in columns],
            [(person, [answer.get(person.id, empty) for answer in answers]) for person in people])
