"""Sections that higher apps add to a career pathway's page (from their AppConfig.ready), so the core
shows, say, the courses that help without importing the training app."""

from collections.abc import Callable
from dataclasses import dataclass, field

from leadership.models import CareerPathway, User


@dataclass(frozen=True)
class Section:
    heading: str
    items: list[tuple[str, str]] = field(default_factory=list)  # (text, url)
    empty: str = ""
    change: tuple[str, str] | None = None  # (link text, url), only for those who may change it


Provider = Callable[[User, CareerPathway], Section | None]
_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    """Register (or replace, so a second ready() is harmless) an area's section."""
    _providers[name] = provider


def sections(user: User, pathway: CareerPathway) -> list[Section]:
    return [section for provider in _providers.values() if (section := provider(user, pathway))]
