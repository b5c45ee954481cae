"""A person's subject access export: everything the portal holds on them, as a zip of JSON and CSV."""

import csv
import io
import json
import zipfile
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Avg, Count
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from leadership.data_rights.catalogue import CREDENTIAL_APPS, SECRET_FIELDS, Source, sources
from leadership.exports import safe_cell
from leadership.models import Person, SecurityEvent, User
from leadership.security import security_event_record

# Fewer 360 answers than this and an average would give a rater's answer away: the count alone is shown.
MIN_RATERS_FOR_AVERAGE = 3

README = """Subject access export from the NHS Leadership Portal
=====================================================

Person: {public_id}
Organisation: {organisation}
Produced: {produced_at}

Each kind of record is in two files, the same rows as JSON and as CSV:

- person: the staff record; login: the sign-in account, if they have one (never its password).
- one file per kind of record about them, named app.Model (appraisals, training records, talent
  pool memberships, secondments, contracts, development plans, action cycles and so on).
- 360_feedback: answers other people gave about them, in aggregate (count, and the average when
  at least {min_raters} people answered); raters' identities and single answers are not disclosed.
- recorded_by_them: records of other people they created or acted on, by reference only (the
  content of those records is about someone else).
- audit_trail: every change recorded about them (who changed it, when, from where, and the values).
- contents: every kind of record the portal holds, with how many are about them (0 if none).

References to other records are their public identifiers.
"""


def _value(field: models.Field, value, public_ids: dict):
    if value is None:
        return None
    if field.is_relation:
        return public_ids.get((field.name, value), value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID | Decimal):
        return str(value)
    return value


def _exported_fields(model) -> list[models.Field]:
    secret = SECRET_FIELDS if model._meta.app_label in CREDENTIAL_APPS else {"password"}
    return [f for f in model._meta.concrete_fields
            if f.name not in secret and not isinstance(f, models.BinaryField)]


def _public_ids(model, rows: list, fields: list[models.Field]) -> dict:
    """(field, id) -> the related row's public id, one query per relation."""
    found = {}
    for f in fields:
        if not f.is_relation or not any(x.name == "public_id" for x in f.related_model._meta.fields):
            continue
        ids = {getattr(row, f.attname) for row in rows} - {None}
        for pk, public_id in f.related_model._default_manager.filter(pk__in=ids).values_list(
                "pk", "public_id"):
            found[(f.name, pk)] = str(public_id)
    return found


def serialise(model, queryset) -> list[dict]:
    fields = _exported_fields(model)
    rows = list(queryset)
    public_ids = _public_ids(model, rows, fields)
    return [{f.name: _value(f, getattr(row, f.attname), public_ids) for f in fields} for row in rows]


def _feedback(source: Source, person: Person) -> list[dict]:
    """360 answers and invitations about the person, counted, never one rater's answer or address."""
    rows = source.about(person)
    if source.label == "leadership.RaterResponse":
        groups = rows.values("assessment__public_id", "competency__code", "competency__name").annotate(
            answers=Count("id"), average=Avg("level")).order_by("assessment__public_id", "competency__code")
        return [{
            "kind": "answers", "assessment": str(g["assessment__public_id"]),
            "competency": g["competency__code"], "competency_name": g["competency__name"],
            "answers": g["answers"],
            "average": round(g["average"], 1) if g["answers"] >= MIN_RATERS_FOR_AVERAGE else None,
        } for g in groups]
    groups = rows.values("assessment__public_id", "relationship").annotate(
        invited=Count("id"), answered=Count("answered_at")).order_by("assessment__public_id", "relationship")
    return [{"kind": "invitations", "assessment": str(g["assessment__public_id"]),
             "relationship": g["relationship"], "invited": g["invited"], "answered": g["answered"]}
            for g in groups]


def _recorded_by(source: Source, person: Person) -> list[dict]:
    """Rows about someone else that the person created or acted on: kind, identifier, role, date."""
    rows = []
    id_field = "public_id" if any(f.name == "public_id" for f in source.model._meta.fields) else "pk"
    for name in source.actor_fields:
        target = source.model._meta.get_field(name).related_model
        value = person.pk if target is Person else person.user_id
        if value is None:
            continue
        stamp = next((f for f in ("created_at", "updated_at", "action_time")
                      if any(x.name == f for x in source.model._meta.fields)), None)
        values = [id_field] + ([stamp] if stamp else [])
        for row in source.model._default_manager.filter(**{name: value}).values(*values):
            rows.append({"kind": source.label, "record": str(row[id_field]), "as": name,
                         "at": row[stamp].isoformat() if stamp and row[stamp] else None})
    return rows


def _audit_trail(event_sources: list[Source], person: Person) -> list[dict]:
    from pghistory.models import Context

    events = []
    for source in event_sources:
        fields = [f for f in _exported_fields(source.model) if not f.name.startswith("pgh_")]
        queryset = source.about(person).order_by("pgh_created_at", "pgh_id")
        for row, event in zip(serialise(source.model, queryset), queryset, strict=True):
            data = {k: v for k, v in row.items() if k in {f.name for f in fields}}
            events.append({
                "table": source.label, "event": event.pgh_id, "what": event.pgh_label,
                "at": event.pgh_created_at.isoformat(), "record": data.get("public_id") or event.pgh_obj_id,
                "context": event.pgh_context_id, "values": data,
            })
    context_ids = {e["context"] for e in events} - {None}
    contexts = {c.pk: c.metadata for c in Context.objects.filter(pk__in=context_ids)}
    users = dict(User.objects.filter(pk__in={m.get("user") for m in contexts.values()} - {None})
                 .values_list("pk", "email"))
    for event in events:
        metadata = contexts.get(event.pop("context"), {})
        event["who"] = users.get(metadata.get("user"), "System")
        event["source"] = metadata.get("source", "system")
    return sorted(events, key=lambda e: (e["at"], e["table"], e["event"]))


def person_data(person: Person) -> dict[str, list[dict]]:
    """Every kind of data the portal holds on the person, kind name -> rows (a selector)."""
    data: dict[str, list[dict]] = defaultdict(list)
    data["person"] = serialise(Person, Person.objects.filter(pk=person.pk))
    data["login"] = serialise(User, User.objects.filter(pk=person.user_id)) if person.user_id else []
    events = []
    for source in sources():
        if source.is_event:
            events.append(source)
            continue
        if source.is_aggregated:
            data["360_feedback"] += _feedback(source, person)
        else:
            data[source.label] = serialise(source.model, source.about(person))
        data["recorded_by_them"] += _recorded_by(source, person)
    data["audit_trail"] = _audit_trail(events, person)
    return dict(data)


def _csv(rows: list[dict]) -> str:
    header = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(json.dumps(v, cls=DjangoJSONEncoder) if isinstance(v, dict | list) else v)
                         for v in (row.get(key) for key in header)])
    return out.getvalue()


def build_zip(person: Person, data: dict[str, list[dict]]) -> bytes:
    buffer = io.BytesIO()
    contents = [{"kind": kind, "rows": len(rows)} for kind, rows in data.items()]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README.format(
            public_id=person.public_id, organisation=person.organisation.ods_code,
            produced_at=timezone.now().isoformat(timespec="seconds"), min_raters=MIN_RATERS_FOR_AVERAGE))
        for kind, rows in [*data.items(), ("contents", contents)]:
            archive.writestr(f"{kind}.json", json.dumps(rows, cls=DjangoJSONEncoder, indent=2))
            archive.writestr(f"{kind}.csv", _csv(rows))
    return buffer.getvalue()


@transaction.atomic
def person_data_export(*, actor: User, person: Person, request=None) -> bytes:
    """Produce the person's subject access export, recording who produced it and for whom."""
    data = person_data(person)
    security_event_record(
        kind=SecurityEvent.Kind.PERSONAL_DATA_EXPORTED, request=request, user=person.user, actor=actor,
        detail=f"Subject access export of person {person.public_id} ({person.organisation.ods_code})",
    )
    return build_zip(person, data)
