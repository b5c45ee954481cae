"""Who changed what, and from where: the context stored with every pghistory event."""

import pghistory
from pghistory.models import Events

from leadership.models import Person, User

SOURCES = {"page", "api", "import", "admin", "command", "task"}


def audit_context(*, actor: User | None, source: str | None = None, **extra):
    """Group the changes that follow under one audit context (nests inside a request's context)."""
    metadata = {"user": actor.pk if actor is not None else None, **extra}
    if source is not None:
        if source not in SOURCES:
            raise ValueError(f"Unknown audit source {source!r}")
        metadata["source"] = source
    return pghistory.context(**metadata)


def person_history(person: Person, limit: int = 50) -> list[dict]:
    """The person's change history, newest first, with who, when, where and what changed."""
    events = list(
        Events.objects.tracks(person).order_by("-pgh_created_at", "-pgh_id")[:limit]
    )
    user_ids = {e.pgh_context.get("user") for e in events if e.pgh_context}
    emails = dict(User.objects.filter(pk__in=user_ids - {None}).values_list("pk", "email"))
    rows = []
    for event in events:
        context = event.pgh_context or {}
        diff = event.pgh_diff or {}
        changes = [
            {"field": name, "before": before, "after": after}
            for name, (before, after) in sorted(diff.items())
            if name not in {"updated_at", "created_at"}
        ]
        rows.append({
            "when": event.pgh_created_at,
            "what": event.pgh_label,
            "who": emails.get(context.get("user"), "System"),
            "source": context.get("source", "system"),
            "changes": changes,
        })
    return rows
