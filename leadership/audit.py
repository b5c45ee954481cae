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


EVENT_LABELS = {"insert": "Created", "update": "Updated", "delete": "Deleted"}
HIDDEN_FIELDS = {"id", "updated_at", "created_at", "public_id", "user"}


def _display_value(field, value, people_names: dict[int, str]) -> str:
    """A stored value as a person would read it: choice labels, names instead of ids."""
    if value in (None, "", []):
        return ""
    if field.name == "line_manager":
        return people_names.get(value, "a person no longer in the portal")
    if field.name == "commissioner_roles":
        choices = dict(field.base_field.choices)
        return ", ".join(str(choices.get(role, role)) for role in value)
    if field.choices:
        return str(dict(field.choices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def person_history(person: Person, limit: int = 50) -> list[dict]:
    """The person's change history, newest first, with who, when, where and what changed."""
    events = list(
        Events.objects.tracks(person).order_by("-pgh_created_at", "-pgh_id")[:limit]
    )
    user_ids = {e.pgh_context.get("user") for e in events if e.pgh_context}
    emails = dict(User.objects.filter(pk__in=user_ids - {None}).values_list("pk", "email"))
    manager_ids = {value for e in events for value in (e.pgh_diff or {}).get("line_manager_id", [])}
    people_names = {
        p.pk: p.full_name for p in Person.objects.filter(pk__in=manager_ids - {None})
        .only("first_name", "last_name")
    }
    fields = {field.attname: field for field in Person._meta.concrete_fields}
    rows = []
    for event in events:
        context = event.pgh_context or {}
        changes = [
            {
                "label": str(fields[name].verbose_name).capitalize(),
                "before": _display_value(fields[name], before, people_names),
                "after": _display_value(fields[name], after, people_names),
            }
            for name, (before, after) in sorted((event.pgh_diff or {}).items())
            if name in fields and fields[name].name not in HIDDEN_FIELDS
        ]
        rows.append({
            "when": event.pgh_created_at,
            "what": event.pgh_label,
            "what_label": EVENT_LABELS.get(event.pgh_label, event.pgh_label.capitalize()),
            "who": emails.get(context.get("user"), "System"),
            "source": context.get("source", "system"),
            "changes": changes,
        })
    return rows
