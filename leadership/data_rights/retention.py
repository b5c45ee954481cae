"""Leavers' records are kept PERSONAL_DATA_RETENTION_YEARS after their leaving date, then anonymised.

Anonymising keeps the rows (dashboards, appraisal counts and training coverage still add up) and
removes who they were: names, emails, employee number, job title and everything typed about them,
in the records, in their audit trail, and wherever else the database quotes their name or email.
"""

import logging
import re
from datetime import date

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from leadership.audit import audit_context
from leadership.data_rights.catalogue import (
    Source,
    free_text_fields,
    placeholder_for,
    sources,
)
from leadership.models import Person, RoleAssignment, SecurityEvent, User
from leadership.security import security_event_record, user_deactivate
from leadership.services import role_revoke

logger = logging.getLogger(__name__)

SWEEP_BATCH = 50
ANONYMISED_FIRST_NAME, ANONYMISED_LAST_NAME = "Former", "staff member"
# Credential rows other records hang on (an API client's OAuth application): unlinked, not deleted.
UNLINK_ONLY = {"oauth2_provider.Application"}
# Shorter identifiers (an employee number "12") would match inside unrelated text.
MIN_MENTION_LENGTH = 4
# Identity columns, changed field by field above; a namesake's own record must never be touched.
MENTION_SKIP_TABLES = {Person._meta.db_table, User._meta.db_table, "leadership_personevent",
                       "django_migrations"}


def retention_cutoff(today: date) -> date:
    """The latest leaving date whose record is now past retention (29 February counts from the 28th)."""
    years = settings.PERSONAL_DATA_RETENTION_YEARS
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def leavers_due(today: date) -> QuerySet[Person]:
    return Person.objects.filter(active=False, left_on__lte=retention_cutoff(today),
                                 anonymised_at__isnull=True)


def anonymised_values(person: Person) -> dict:
    return {
        "first_name": ANONYMISED_FIRST_NAME, "last_name": ANONYMISED_LAST_NAME,
        "employee_number": f"ANON-{person.pk}", "work_email": "", "job_title": "",
        "professional_registration": "", "commissioner_roles": [],
    }


def _identity(person: Person) -> list[str]:
    """The values that say who the person was, as they may be quoted anywhere."""
    values = [person.full_name, f"{person.last_name}, {person.first_name}", person.work_email,
              person.employee_number]
    if person.user_id:
        values.append(person.user.email)
    return [v.strip() for v in values if len(v.strip()) >= MIN_MENTION_LENGTH]


def _scrub_rows(source: Source, person: Person, now) -> None:
    rows = source.about(person)
    if source.is_credential:
        if source.label in UNLINK_ONLY:
            rows.update(user=None)
        else:
            rows.delete()  # sign-in addresses, MFA secrets, sessions, tokens: a leaver needs none
        return
    values = {f.name: placeholder_for(f) for f in free_text_fields(source.model)}
    if source.is_event and any(f.name == "employee_number" for f in source.model._meta.concrete_fields):
        fields = {f.name for f in source.model._meta.concrete_fields}
        values |= {k: v for k, v in anonymised_values(person).items() if k in fields}
    if not source.is_event and any(f.name == "updated_at" for f in source.model._meta.concrete_fields):
        values["updated_at"] = now  # an API delta pull hears of the change
    if values:
        rows.update(**values)


def _anonymise_login(*, actor: User | None, user: User) -> None:
    for assignment in RoleAssignment.objects.filter(user=user).select_related("organisation"):
        role_revoke(actor=actor, assignment=assignment)
    if user.is_active:
        user_deactivate(actor=actor, user=user)  # ends every session first
    user.email = f"anonymised-{user.public_id}@anonymised.invalid"
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.save(update_fields=["email", "password", "is_active", "is_staff", "is_superuser"])


def _anonymise(*, actor: User | None, person: Person, now) -> None:
    if person.user_id:
        _anonymise_login(actor=actor, user=person.user)
    with audit_context(actor=actor, source="task"):
        for source in sources():
            if not source.is_event:
                _scrub_rows(source, person, now)
        for name, value in anonymised_values(person).items():
            setattr(person, name, value)
        person.active, person.anonymised_at = False, now
        person.save()
        # Last, so the events the changes above just wrote are scrubbed too: the trail keeps no name.
        for source in sources():
            if source.is_event:
                _scrub_rows(source, person, now)
    security_event_record(
        kind=SecurityEvent.Kind.PERSON_ANONYMISED, user=person.user, actor=actor,
        detail=f"Person {person.public_id} ({person.organisation.ods_code}), left on {person.left_on}",
    )


def _pattern(terms: list[str]) -> str:
    """A case-insensitive PostgreSQL regular expression matching any term as a whole token."""
    escaped = ["".join(c if c.isalnum() else "\\" + c for c in term) for term in terms]
    return "(?<![[:alnum:]])(?:" + "|".join(escaped) + ")(?![[:alnum:]])"


def _text_columns() -> dict[str, list[tuple[str, str, int | None]]]:
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT c.table_name, c.column_name, c.data_type, c.character_maximum_length
            FROM information_schema.columns c
            JOIN information_schema.tables t
              ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
              AND c.data_type IN ('text', 'character varying', 'jsonb')
            ORDER BY c.table_name, c.ordinal_position
        """)
        columns: dict[str, list] = {}
        for table, column, data_type, length in cursor.fetchall():
            if table not in MENTION_SKIP_TABLES:
                columns.setdefault(table, []).append((column, data_type, length))
    return columns


def scrub_mentions(identities: list[list[str]]) -> int:
    """Replace the people's names, emails and employee numbers wherever any table quotes them
    (notifications to their manager, the security log, import errors, audit contexts)."""
    terms = sorted({t for identity in identities for t in identity}, key=len, reverse=True)
    if not terms:
        return 0
    text_pattern = _pattern(terms)
    # Inside JSON a quote or backslash is escaped, so such a term cannot match there as typed.
    json_terms = [t for t in terms if not re.search(r'["\\]', t)]
    json_pattern = _pattern(json_terms) if json_terms else None
    changed = 0
    with connection.cursor() as cursor:
        for table, columns in _text_columns().items():
            sets, wheres, params_set, params_where = [], [], [], []
            for column, data_type, length in columns:
                quoted = connection.ops.quote_name(column)
                if data_type == "jsonb":
                    if json_pattern is None:
                        continue
                    value, pattern = f"{quoted}::text", json_pattern
                    replaced = "regexp_replace({v}, %s, %s, 'gi')::jsonb"
                else:
                    value, pattern = quoted, text_pattern
                    replaced = "regexp_replace({v}, %s, %s, 'gi')"
                    if length:
                        replaced = f"left({replaced}, {int(length)})"
                sets.append(
                    f"{quoted} = CASE WHEN {value} ~* %s THEN {replaced.format(v=value)} ELSE {quoted} END")
                params_set += [pattern, pattern, "[removed]"]
                wheres.append(f"{value} ~* %s")
                params_where.append(pattern)
            if not sets:
                continue
            cursor.execute(
                f"UPDATE {connection.ops.quote_name(table)} SET {', '.join(sets)} "  # noqa: S608 - names from the catalogue
                f"WHERE {' OR '.join(wheres)}", params_set + params_where)
            changed += cursor.rowcount
    return changed


@transaction.atomic
def person_anonymise(*, actor: User | None, person: Person) -> Person:
    """Anonymise one person's record now (the sweep's step; also for a national admin's request)."""
    person = Person.objects.select_for_update(of=("self",)).select_related("user", "organisation").get(
        pk=person.pk)
    if person.anonymised_at is not None:
        return person
    identity = _identity(person)
    _anonymise(actor=actor, person=person, now=timezone.now())
    scrub_mentions([identity])
    return person


def sweep(*, today: date | None = None, batch: int = SWEEP_BATCH) -> int:
    """Anonymise every leaver past retention, a batch per transaction; a claimed row is skipped by a
    second sweep running at once, and a done one is never picked again."""
    today = today or timezone.localdate()
    done = 0
    while True:
        with transaction.atomic():
            people = list(
                leavers_due(today).select_for_update(skip_locked=True, of=("self",))
                .select_related("user", "organisation").order_by("left_on", "id")[:batch]
            )
            if not people:
                return done
            identities = [_identity(person) for person in people]
            now = timezone.now()
            for person in people:
                _anonymise(actor=None, person=person, now=now)
            scrub_mentions(identities)
        done += len(people)
        logger.info("Anonymised %s leavers past retention (%s so far)", len(people), done)
