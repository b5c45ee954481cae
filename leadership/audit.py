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


def _display_value(field, value, related: dict) -> str:
    """A stored value as a person would read it: choice labels, names instead of ids."""
    if value in (None, "", []):
        return ""
    if field.is_relation:
        return related.get((field.name, value), "a record no longer in the portal")
    if field.name == "commissioner_roles":
        choices = dict(field.base_field.choices)
        return ", ".join(str(choices.get(role, role)) for role in value)
    if field.choices:
        return str(dict(field.choices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def _related_names(events, fields: dict) -> dict:
    """(field name, id) -> how the related row reads (a person by name), for every id the diffs hold."""
    ids: dict = {}
    for event in events:
        for attname, values in (event.pgh_diff or {}).items():
            field = fields.get(attname)
            if field is not None and field.is_relation:
                ids.setdefault(field, set()).update(v for v in values if v is not None)
    names = {}
    for field, keys in ids.items():
        for pk, row in field.related_model.objects.in_bulk(keys).items():
            names[(field.name, pk)] = getattr(row, "full_name", None) or str(row)
    return names


def person_history(person: Person, limit: int = 50) -> list[dict]:
    """The person's change history, newest first, with who, when, where and what changed."""
    events = list(
        Events.objects.tracks(person).order_by("-pgh_created_at", "-pgh_id")[:limit]
    )
    return history_rows(events, Person)


def history_rows(events, model) -> list[dict]:
    """Events as rows: when, what, who (from the audit context), from where, and each field changed."""
    user_ids = {e.pgh_context.get("user") for e in events if e.pgh_context}
    emails = dict(User.objects.filter(pk__in=user_ids - {None}).values_list("pk", "email"))
    fields = {field.attname: field for field in model._meta.concrete_fields}
    related = _related_names(events, fields)
    rows = []
    for event in events:
        context = event.pgh_context or {}
        changes = [
            {
                "label": str(fields[name].verbose_name).capitalize(),
                "before": _display_value(fields[name], before, related),
                "after": _display_value(fields[name], after, related),
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
