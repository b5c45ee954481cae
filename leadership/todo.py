"""The home page's to-do list. Each area registers what a signed-in person has to do there (from its
AppConfig.ready), so the core's home page lists work of apps above it without importing them.

A provider takes the user and returns `Todo`s; it must cost the same number of queries whatever the
number of items (tests/leadership/test_home_todo.py checks it with 1 and 50 of each).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.urls import reverse

from leadership import access
from leadership.dates import uk_today
from leadership.models import PeopleImport, User


@dataclass(frozen=True)
class Todo:
    text: str
    url: str
    due: date | None = None  # shown, and the list is in due order (undated last)


Provider = Callable[[User], Iterable[Todo]]
_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    """Register (or replace, so a second ready() is harmless) an area's to-do provider."""
    _providers[name] = provider


def todos(user: User) -> list[Todo]:
    items = [item for provider in _providers.values() for item in provider(user)]
    return sorted(items, key=lambda item: (item.due is None, item.due or date.min, item.text))


def import_todos(user: User) -> list[Todo]:
    """The core's own item: staff imports of the user's organisations that failed in the last 30 days."""
    since = uk_today() - timedelta(days=30)
    failed = access.imports(user).filter(status=PeopleImport.Status.FAILED, created_at__date__gte=since)
    return [Todo(f"The staff import of {job.created_at:%d %B %Y} failed: see why",
                 reverse("people_import_detail", args=[job.public_id]))
            for job in failed.defer("content", "row_errors").order_by("-created_at")]
