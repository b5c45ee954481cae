"""The training catalogue as development sees it: actions link to courses chosen from it.

The training app sits above leadership, so it registers its catalogue here (from its
AppConfig.ready) and development never imports it. With no catalogue registered, no course can be
linked and a linked course shows as "a course no longer in the catalogue".
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from leadership.models import User


@dataclass(frozen=True)
class CourseChoice:
    public_id: UUID
    title: str
    provider: str
    next_run_on: date | None  # the next run not cancelled, from today

    @property
    def label(self) -> str:
        when = f"next run {self.next_run_on:%-d %B %Y}" if self.next_run_on else "no run planned"
        return f"{self.title}, {self.provider} ({when})"


Search = Callable[[User, str], list[CourseChoice]]
Describe = Callable[[Iterable[UUID]], dict[UUID, CourseChoice]]
_catalogue: dict[str, Callable] = {}


def register_catalogue(*, search: Search, describe: Describe) -> None:
    """search(user, text): up to a page of the courses the user may see whose title or provider
    matches; describe(ids): those courses by public id, whoever asks (a linked course stays shown)."""
    _catalogue["search"], _catalogue["describe"] = search, describe


def search(user: User, text: str) -> list[CourseChoice]:
    text = text.strip()
    if not text or "search" not in _catalogue:
        return []
    return _catalogue["search"](user, text)


def describe(ids: Iterable[UUID | None]) -> dict[UUID, CourseChoice]:
    wanted = {i for i in ids if i is not None}
    if not wanted or "describe" not in _catalogue:
        return {}
    return _catalogue["describe"](wanted)
