"""Where the portal keeps data about a person, found by walking every model's relations.

Nothing here names a feature's model: a new model with a relation to Person or User is picked up by
the subject access export and by anonymisation the day it is added (tests/leadership/
test_data_rights.py fails if one is not).
"""

from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.db import models
from django.db.models import Q, QuerySet

from leadership.models import Person, User

# A relation with one of these names makes the row *about* the person it points to; any other relation
# to a person or login records something they did to someone else's record (recorded_by, appraiser).
SUBJECT_FIELD_NAMES = {"person", "appraisee", "holder", "owner", "recipient", "user", "pgh_obj"}
# Relations named like a subject that still only record an action.
ACTOR_OVERRIDES = {("admin.LogEntry", "user")}
# 360 answers and invitations: the person sees their feedback in aggregate, never a rater's answer
# or address (anonymity of raters).
AGGREGATED = {"leadership.RaterResponse", "leadership.RaterInvitation"}
# Sign-in credentials kept by the sign-in libraries: exported by reference, deleted on anonymisation.
CREDENTIAL_APPS = {"account", "mfa", "usersessions", "oauth2_provider", "socialaccount"}
# Values that must never leave the database, even to their owner.
SECRET_FIELDS = {"password", "session_key", "token", "token_checksum", "client_secret", "code",
                 "secret", "data", "id_token", "user_code", "device_code", "jti", "key"}
PLACEHOLDER = "[removed]"


@dataclass(frozen=True)
class Source:
    """One model's rows about a person, and the relations through which they acted on others'."""

    model: type[models.Model]
    person_paths: tuple[str, ...] = ()  # lookups that end at the Person the row is about
    user_paths: tuple[str, ...] = ()  # lookups that end at their login
    actor_fields: tuple[str, ...] = field(default=())  # their login or record, as the one who acted

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def is_event(self) -> bool:
        return is_event_model(self.model)

    @property
    def is_credential(self) -> bool:
        return self.model._meta.app_label in CREDENTIAL_APPS

    @property
    def is_aggregated(self) -> bool:
        return self.label in AGGREGATED

    def about(self, person: Person) -> QuerySet:
        condition = Q()
        for path in self.person_paths:
            condition |= Q(**{path: person.pk})
        for path in self.user_paths if person.user_id else ():
            condition |= Q(**{path: person.user_id})
        if not condition:
            return self.model._default_manager.none()
        return self.model._default_manager.filter(condition)

    def by(self, person: Person) -> QuerySet:
        condition = Q()
        for name in self.actor_fields:
            target = self.model._meta.get_field(name).related_model
            if target is Person:
                condition |= Q(**{name: person.pk})
            elif person.user_id:
                condition |= Q(**{name: person.user_id})
        if not condition:
            return self.model._default_manager.none()
        return self.model._default_manager.filter(condition)


def is_event_model(model) -> bool:
    """A pghistory event table: part of the audit trail, scrubbed with the rows it records."""
    return any(f.name == "pgh_obj" for f in model._meta.concrete_fields) or (
        model._meta.app_label == "pghistory")


def _personal_relations(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields
            if f.is_relation and f.related_model in (Person, User)]


def _is_subject(model, relation) -> bool:
    return relation.name in SUBJECT_FIELD_NAMES and (model._meta.label, relation.name) not in ACTOR_OVERRIDES


def _candidate_models():
    for model in apps.get_models(include_auto_created=True):
        if model in (Person, User) or not model._meta.managed or model._meta.proxy:
            continue
        yield model


@cache
def sources() -> tuple[Source, ...]:
    """Every model holding rows about a person or recording what they did, with the lookups to them.

    A row is about a person through a subject relation, or through its parent when it has none of its
    own (an appraisal's objectives, a cycle's check-ins). A row that names its own person belongs to
    that person, never to its parent's (a succession plan's candidates are not the post holder's).
    """
    paths: dict[type, tuple[list[str], list[str]]] = {}
    actors: dict[type, list[str]] = {}
    own_subject = set()
    for model in _candidate_models():
        person_paths, user_paths = [], []
        for relation in _personal_relations(model):
            if _is_subject(model, relation):
                (person_paths if relation.related_model is Person else user_paths).append(relation.name)
            else:
                actors.setdefault(model, []).append(relation.name)
        if person_paths or user_paths:
            paths[model] = (person_paths, user_paths)
            own_subject.add(model)
    # Children of rows about a person, to any depth (a fixed point over foreign keys).
    changed = True
    while changed:
        changed = False
        for model in _candidate_models():
            if model in own_subject:
                continue
            found = paths.get(model, ([], []))
            for fk in model._meta.concrete_fields:
                parent = fk.related_model if (fk.many_to_one or fk.one_to_one) else None
                if parent is None or parent is model or parent not in paths:
                    continue
                for kind, parent_paths in enumerate(paths[parent]):
                    for path in parent_paths:
                        lookup = f"{fk.name}__{path}"
                        if lookup not in found[kind] and lookup.count("__") < 4:
                            found[kind].append(lookup)
                            changed = True
            if found[0] or found[1]:
                paths[model] = found
    result = []
    for model in _candidate_models():
        if model in paths or model in actors:
            person_paths, user_paths = paths.get(model, ([], []))
            result.append(Source(model, tuple(person_paths), tuple(user_paths), tuple(actors.get(model, ()))))
    return tuple(sorted(result, key=lambda s: s.label))


def free_text_fields(model) -> list[models.Field]:
    """Fields where people type about someone: long free text, never codes, keys or choices."""
    unique = {f.name for f in model._meta.concrete_fields if f.unique}
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            unique |= set(constraint.fields)
    for together in model._meta.unique_together:
        unique |= set(together)
    found = []
    for f in model._meta.concrete_fields:
        if f.is_relation or f.choices or f.name in unique or f.name.startswith("pgh_"):
            continue
        if isinstance(f, models.SlugField | models.URLField):
            continue
        if isinstance(f, models.TextField | models.EmailField) or (
                isinstance(f, models.CharField) and (f.max_length or 0) >= 100):
            found.append(f)
    return found


def placeholder_for(f: models.Field) -> str:
    return "" if f.blank else PLACEHOLDER
