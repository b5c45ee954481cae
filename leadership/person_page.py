"""Sections that higher apps add to a person's page (from their AppConfig.ready): a heading and a
link, given only when the viewer may open what it links to, so the core never imports those apps."""

from collections.abc import Callable
from dataclasses import dataclass

from leadership.models import Person, User


@dataclass(frozen=True)
class Section:
    heading: str
    text: str
    url: str


Provider = Callable[[User, Person], Section | None]
_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    """Register (or replace, so a second ready() is harmless) an area's section."""
    _providers[name] = provider


def sections(user: User, person: Person) -> list[Section]:
    return [section for provider in _providers.values() if (section := provider(user, person))]
