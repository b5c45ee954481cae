"""Sections of the home page that apps above the core add (from their AppConfig.ready), so the core's
home page shows them without importing them. A section is a template and a function of the user that
gives its context, or None to leave the section out; it must cost a fixed number of queries."""

from collections.abc import Callable
from dataclasses import dataclass

from leadership.models import User


@dataclass(frozen=True)
class Section:
    template: str
    context: Callable[[User], dict | None]
    position: int = 100


_sections: dict[str, Section] = {}


def register(name: str, section: Section) -> None:
    """Register (or replace, so a second ready() is harmless) a home page section."""
    _sections[name] = section


def sections(user: User) -> list[dict]:
    shown = []
    for section in sorted(_sections.values(), key=lambda s: s.position):
        context = section.context(user)
        if context is not None:
            shown.append({"template": section.template, "context": context})
    return shown
