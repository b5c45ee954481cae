"""Import of an ESR-style staff file: validate every row, then apply all of it or none of it.

The columns are documented in docs/data-import.md. A fatal problem (not CSV, not UTF-8, wrong
columns, too big, another organisation's staff) or any bad row rejects the whole file, listing
every problem; re-importing the same file changes nothing; rows update people by employee number.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from leadership import events, queue
from leadership.audit import audit_context
from leadership.models import (
    Band,
    CommissionerRole,
    ManagementLevel,
    Organisation,
    PeopleImport,
    Person,
    SectorBackground,
    StaffGroup,
    User,
)
from leadership.security import user_deactivate
from leadership.validators import forbidden_character, forbidden_character_error, visible

COLUMNS = {
    "employee number": "employee_number",
    "first name": "first_name",
    "last name": "last_name",
    "work email": "work_email",
    "job title": "job_title",
    "organisation code": "organisation_code",
    "line manager employee number": "line_manager_number",
    "management level": "management_level",
    "band": "band",
    "staff group": "staff_group",
    "professional registration": "professional_registration",
    "sector background": "sector_background",
    "ccg/icb roles": "commissioner_roles",
    "active": "active",
}
COLUMN_LABELS = {key: name.title().replace("Ccg/Icb", "CCG/ICB") for name, key in COLUMNS.items()}
REQUIRED = {"employee_number", "first_name", "last_name", "organisation_code"}
IMPORTED_FIELDS = (
    "first_name", "last_name", "work_email", "job_title", "management_level", "band",
    "staff_group", "professional_registration", "sector_background", "commissioner_roles", "active",
)
PROGRESS_EVERY = 500
IMPORT_LOCK_CLASS = 4201  # pg_advisory_lock's first key: "people imports"
STALLED_AFTER = timedelta(minutes=35)  # longer than the Celery task time limit (30 minutes)
QUEUED_RESEND_AFTER = timedelta(minutes=2)
BATCH_SIZE = 1000


class FatalImportError(Exception):
    """The file as a whole cannot be imported; nothing is changed."""


@dataclass
class Outcome:
    rows_total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    row_errors: list[dict] = field(default_factory=list)
    columns: frozenset[str] = frozenset()  # the file's columns: only these are updated

    @property
    def accepted(self) -> bool:
        return not self.row_errors


def _choice_lookup(choices) -> dict[str, str]:
    """Accept a choice by its stored value or its label, in any case."""
    lookup = {}
    for value, label in choices.choices:
        lookup[value.lower()] = value
        lookup[label.lower()] = value
    return lookup


BAND_LOOKUP = _choice_lookup(Band) | {"vsm": Band.VSM, "": ""}
LEVEL_LOOKUP = _choice_lookup(ManagementLevel) | {"": ManagementLevel.NONE}
STAFF_GROUP_LOOKUP = _choice_lookup(StaffGroup) | {"": ""}
SECTOR_LOOKUP = _choice_lookup(SectorBackground) | {"": SectorBackground.NHS}
ROLE_LOOKUP = _choice_lookup(CommissionerRole)
ACTIVE_LOOKUP = {"": True, "yes": True, "y": True, "true": True, "no": False, "n": False,
                 "false": False}


def read_rows(content: bytes, *, columns: dict[str, str] | None = None,
              required: set[str] | None = None) -> tuple[list[str], list[dict[str, str]]]:
    """Decode and parse the file, or raise FatalImportError naming the problem.

    `columns` (header name -> key) and `required` default to the ESR staff file's; other imports pass
    their own.
    """
    column_names = COLUMNS if columns is None else columns
    required = REQUIRED if required is None else required
    if len(content) > settings.IMPORT_MAX_BYTES:
        raise FatalImportError(
            f"The file is larger than {settings.IMPORT_MAX_BYTES // (1024 * 1024)} MB. "
            "Split it into smaller files."
        )
    if not content.strip():
        raise FatalImportError("The file is empty.")
    if b"\x00" in content:
        raise FatalImportError("The file is not a CSV file. Export it from ESR as CSV (UTF-8).")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FatalImportError(
            f"The file is not UTF-8 text (byte {error.start + 1} cannot be read). "
            "Save it as 'CSV UTF-8' and upload it again."
        ) from None
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        header = next(reader)
        rows = list(reader)
    except csv.Error as error:
        raise FatalImportError(f"The file is not valid CSV: {error}.") from None
    columns = [column_names.get(name.strip().lower()) for name in header]
    unknown = [name for name, column in zip(header, columns, strict=True) if column is None]
    if unknown:
        raise FatalImportError(
            f"Unexpected column{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}. "
            "See the list of columns in the import guide."
        )
    missing = required - set(columns)
    if missing:
        names = [name.title() for name, column in column_names.items() if column in missing]
        raise FatalImportError(f"Missing required column(s): {', '.join(names)}.")
    if len(set(columns)) != len(columns):
        raise FatalImportError("A column appears more than once in the header.")
    records = []
    for line_number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            raise FatalImportError(
                f"Line {line_number} has {len(row)} values but the header has {len(columns)} "
                "columns. Check for stray commas."
            )
        records.append({"_line": line_number,
                        **{col: value.strip() for col, value in zip(columns, row, strict=True)}})
    if not records:
        raise FatalImportError("The file has a header but no rows.")
    return columns, records


def _clean_row(record: dict, errors: list[dict]) -> dict:
    line = record["_line"]

    def fail(column: str, reason: str) -> None:
        errors.append({"line": line, "column": column, "reason": reason})

    for column in REQUIRED:
        if not record.get(column):
            fail(column, "A value is required.")
    for column in COLUMNS.values():  # the model's own rule (leadership/validators.py), for every cell
        problem = forbidden_character_error(record.get(column, ""))
        if problem is not None:
            fail(column, problem)
    cleaned = {
        "employee_number": record.get("employee_number", ""),
        "first_name": record.get("first_name", ""),
        "last_name": record.get("last_name", ""),
        "job_title": record.get("job_title", ""),
        "professional_registration": record.get("professional_registration", ""),
        "line_manager_number": record.get("line_manager_number", ""),
    }
    for column, limit in (("employee_number", 30), ("first_name", 100), ("last_name", 100),
                          ("job_title", 200), ("professional_registration", 50)):
        if len(cleaned[column]) > limit:
            fail(column, f"Must be at most {limit} characters.")
    email = record.get("work_email", "").lower()
    if len(email) > 254:
        fail("work_email", "An email address is at most 254 characters.")
    elif email:
        try:
            validate_email(email)
        except ValidationError:
            fail("work_email", f"{email!r} is not an email address.")
    cleaned["work_email"] = email
    for column, lookup in (("management_level", LEVEL_LOOKUP), ("band", BAND_LOOKUP),
                           ("staff_group", STAFF_GROUP_LOOKUP),
                           ("sector_background", SECTOR_LOOKUP)):
        raw = record.get(column, "")
        key = raw.lower().removeprefix("band ").strip() if column == "band" else raw.lower()
        if key not in lookup:
            fail(column, f"{raw!r} is not a recognised value.")
        cleaned[column] = lookup.get(key, "")
    roles = []
    for raw_role in filter(None, (r.strip() for r in record.get("commissioner_roles", "").split(";"))):
        if raw_role.lower() not in ROLE_LOOKUP:
            fail("commissioner_roles", f"{raw_role!r} is not a CCG/ICB leadership role.")
        else:
            roles.append(ROLE_LOOKUP[raw_role.lower()])
    cleaned["commissioner_roles"] = sorted(set(roles))
    active = record.get("active", "").lower()
    if active not in ACTIVE_LOOKUP:
        fail("active", f"{record.get('active')!r} should be Yes or No.")
    cleaned["active"] = ACTIVE_LOOKUP.get(active, True)
    return cleaned


def _check_hierarchy(rows: list[dict], existing_managers: dict[str, str | None],
                     errors: list[dict]) -> None:
    """Line managers must exist (in the file or already) and never form a loop."""
    managers = dict(existing_managers)
    for row in rows:
        managers[row["employee_number"]] = row["line_manager_number"] or None
    for row in rows:
        number, manager = row["employee_number"], row["line_manager_number"]
        if not manager:
            continue
        if manager == number:
            errors.append({"line": row["_line"], "column": "line_manager_number",
                           "reason": "A person cannot be their own line manager."})
        elif manager not in managers:
            errors.append({"line": row["_line"], "column": "line_manager_number",
                           "reason": f"No person with employee number {visible(manager)} in the file "
                                     "or the organisation."})
        else:
            seen, current = {number}, manager
            while current is not None and current not in seen:
                seen.add(current)
                current = managers.get(current)
            if current == number:
                errors.append({"line": row["_line"], "column": "line_manager_number",
                               "reason": "The line managers in this file form a loop."})


def validate(content: bytes, organisation: Organisation,
             progress=lambda done, total: None) -> tuple[list[dict], Outcome]:
    columns, records = read_rows(content)
    # A code with a hidden character is that row's error (below), never echoed in the file's.
    foreign = {r["organisation_code"].upper() for r in records
               if forbidden_character(r["organisation_code"]) is None} - {organisation.ods_code, ""}
    if foreign:
        raise FatalImportError(
            f"The file holds staff of {', '.join(sorted(foreign))}, not only "
            f"{organisation.ods_code}. You can import only your own organisation's staff."
        )
    outcome = Outcome(rows_total=len(records), columns=frozenset(columns))
    rows, seen_numbers = [], {}
    for index, record in enumerate(records, start=1):
        cleaned = _clean_row(record, outcome.row_errors)
        number = record.get("employee_number", "")
        if number in seen_numbers:
            outcome.row_errors.append({
                "line": record["_line"], "column": "employee_number",
                "reason": f"Employee number {visible(number)} is also on line {seen_numbers[number]}.",
            })
        elif number:
            seen_numbers[number] = record["_line"]
            rows.append({"_line": record["_line"], **cleaned})
        if index % PROGRESS_EVERY == 0:
            progress(index, len(records))
    existing_managers = dict(
        Person.objects.filter(organisation=organisation)
        .values_list("employee_number", "line_manager__employee_number")
    )
    _check_hierarchy(rows, existing_managers, outcome.row_errors)
    outcome.row_errors.sort(key=lambda e: (e["line"], e["column"]))
    for problem in outcome.row_errors:
        problem["column_label"] = COLUMN_LABELS[problem["column"]]
    return rows, outcome


@transaction.atomic
def apply(rows: list[dict], organisation: Organisation, actor: User | None, outcome: Outcome,
          *, import_id: int | None = None, source: str = "import") -> Outcome:
    """Create and update people in one transaction; unchanged rows write nothing.

    Existing people are updated only in the columns the file has, so a file with fewer columns
    never blanks what it does not mention.
    """
    updated_fields = [name for name in IMPORTED_FIELDS if name in outcome.columns]
    manages_lines = "line_manager_number" in outcome.columns
    with audit_context(actor=actor, source=source, import_id=import_id):
        existing = {p.employee_number: p for p in Person.objects.filter(organisation=organisation)}
        to_create, to_update, leavers = [], [], []
        now = timezone.now()
        for row in rows:
            person = existing.get(row["employee_number"])
            if person is None:
                person = Person(organisation=organisation, employee_number=row["employee_number"],
                                created_at=now, updated_at=now,
                                **{name: row[name] for name in IMPORTED_FIELDS})
                to_create.append(person)
                existing[person.employee_number] = person
                continue
            values = {name: row[name] for name in updated_fields}
            if any(getattr(person, name) != value for name, value in values.items()):
                if person.active and values.get("active") is False and person.user_id:
                    leavers.append(person.user_id)
                for name, value in values.items():
                    setattr(person, name, value)
                person.updated_at = now
                to_update.append(person)
        # Ids are taken from the sequence up front so new people are inserted with their managers.
        for person, new_id in zip(to_create, _next_person_ids(len(to_create)), strict=True):
            person.pk = new_id
        changed = {p.pk: p for p in to_update}
        for row in rows if manages_lines else []:
            person = existing[row["employee_number"]]
            manager = existing.get(row["line_manager_number"])
            manager_id = manager.pk if manager else None
            if person.line_manager_id != manager_id:
                person.line_manager_id = manager_id
                if person._state.adding:
                    continue
                person.updated_at = now
                changed[person.pk] = person
        Person.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        Person.objects.bulk_update(
            list(changed.values()), [*updated_fields, "line_manager", "updated_at"],
            batch_size=BATCH_SIZE,
        )
        # A leaver's login stops at once: sessions ended, account inactive.
        for user in User.objects.filter(id__in=leavers, is_active=True):
            user_deactivate(actor=actor, user=user)
        outcome.created = len(to_create)
        outcome.updated = len(changed)
        outcome.unchanged = len(rows) - outcome.created - outcome.updated
    return outcome


def _next_person_ids(count: int) -> list[int]:
    if not count:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence('leadership_person', 'id')) "
            "FROM generate_series(1, %s)", [count],
        )
        return [row[0] for row in cursor.fetchall()]


def import_file(content: bytes, organisation: Organisation, actor: User | None, *,
                source: str, import_id: int | None = None,
                progress=lambda done, total: None) -> Outcome:
    """Validate then apply; raises FatalImportError for whole-file problems.

    One import per organisation at a time (an advisory lock), so two cannot both pass validation
    against the same starting hierarchy and then each apply.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", [IMPORT_LOCK_CLASS, organisation.id])
    try:
        rows, outcome = validate(content, organisation, progress)
        if outcome.accepted:
            apply(rows, organisation, actor, outcome, import_id=import_id, source=source)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [IMPORT_LOCK_CLASS, organisation.id])
    return outcome


def _claimable() -> Q:
    """Queued, or running so long that its worker must have died (the import is atomic)."""
    stalled = timezone.now() - STALLED_AFTER
    return Q(status=PeopleImport.Status.QUEUED) | Q(status=PeopleImport.Status.RUNNING,
                                                    updated_at__lt=stalled)


def run(*, import_id: int) -> None:
    """Process one queued PeopleImport; a second run of the same import does nothing."""
    claimed = PeopleImport.objects.filter(_claimable(), id=import_id).update(
        status=PeopleImport.Status.RUNNING, updated_at=timezone.now()
    )
    if not claimed:
        return
    job = PeopleImport.objects.select_related("organisation", "uploaded_by").get(id=import_id)

    def progress(done: int, total: int) -> None:
        PeopleImport.objects.filter(id=job.id).update(rows_done=done, rows_total=total,
                                                      updated_at=timezone.now())

    fields = {"finished_at": timezone.now(), "content": b""}
    try:
        outcome = import_file(bytes(job.content), job.organisation, job.uploaded_by,
                              source=job.source, import_id=job.id, progress=progress)
    except FatalImportError as error:
        fields |= {"status": PeopleImport.Status.REJECTED, "fatal_error": str(error)}
    except Exception:
        PeopleImport.objects.filter(id=job.id).update(
            status=PeopleImport.Status.FAILED, finished_at=timezone.now(), content=b"",
            fatal_error="The import stopped on an unexpected error; nothing was changed.",
        )
        raise
    else:
        fields |= {
            "status": PeopleImport.Status.SUCCEEDED if outcome.accepted
            else PeopleImport.Status.REJECTED,
            "rows_total": outcome.rows_total, "rows_done": outcome.rows_total,
            "created_count": outcome.created, "updated_count": outcome.updated,
            "unchanged_count": outcome.unchanged, "row_errors": outcome.row_errors,
        }
    PeopleImport.objects.filter(id=job.id).update(updated_at=timezone.now(), **fields)
    if fields["status"] == PeopleImport.Status.SUCCEEDED:
        events.import_succeeded.send(sender=PeopleImport, organisation_id=job.organisation_id)


def resume_stalled() -> int:
    """Send again the imports whose task was lost (broker down) or whose worker died."""
    waiting = timezone.now() - QUEUED_RESEND_AFTER
    ids = list(PeopleImport.objects.filter(
        Q(status=PeopleImport.Status.QUEUED, updated_at__lt=waiting)
        | Q(status=PeopleImport.Status.RUNNING, updated_at__lt=timezone.now() - STALLED_AFTER)
    ).values_list("id", flat=True)[:100])
    for import_id in ids:
        queue.enqueue("leadership.tasks.people_import_run_task", import_id)
    return len(ids)
