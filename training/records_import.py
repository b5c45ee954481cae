"""Import of training records from CSV, by the people import's rules (leadership/people_import.py).

Every row is checked first; any bad row rejects the whole file with a line, column and reason per
problem; a good file is applied in one transaction; a row matches an existing record by person,
course (or title) and date, so importing the same file again changes nothing.
"""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from leadership.audit import audit_context
from leadership.dates import OUT_OF_RANGE, in_range
from leadership.models import Organisation, Person, User
from leadership.people_import import FatalImportError, Outcome, read_rows
from leadership.validators import forbidden_character, forbidden_character_error, visible
from training.models import Course, TrainingImport, TrainingRecord
from training.services import qualification_award

COLUMNS = {
    "employee number": "employee_number",
    "organisation code": "organisation_code",
    "course code": "course_code",
    "title": "title",
    "provider": "provider_name",
    "status": "status",
    "date": "on",
    "hours": "hours",
    "cost": "cost",
}
COLUMN_LABELS = {key: name.capitalize() for name, key in COLUMNS.items()}
REQUIRED = {"employee_number", "organisation_code", "status", "on"}
STATUS_LOOKUP = {value: value for value in TrainingRecord.Status.values} | {
    label.lower(): value for value, label in TrainingRecord.Status.choices
}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
PROGRESS_EVERY = 500


def _parse_date(raw: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(raw, fmt).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    return None


# What the columns hold: hours numeric(6, 1), cost numeric(9, 2).
AMOUNT_LIMITS = {"hours": Decimal("99999.9"), "cost": Decimal("9999999.99")}


def _parse_amount(raw: str, column: str) -> Decimal | None:
    try:
        value = Decimal(raw.replace(",", "").lstrip("£"))
    except InvalidOperation:
        return None
    return value if value.is_finite() and 0 <= value <= AMOUNT_LIMITS[column] else None


def validate(
    content: bytes, organisation: Organisation, progress=lambda done, total: None
) -> tuple[list[dict], Outcome]:
    _, records = read_rows(content, columns=COLUMNS, required=REQUIRED)
    foreign = {r["organisation_code"].upper() for r in records
               if forbidden_character(r["organisation_code"]) is None} - {organisation.ods_code, ""}
    if foreign:
        raise FatalImportError(
            f"The file holds training of {', '.join(sorted(foreign))}, not only {organisation.ods_code}. "
            "You can import only your own organisation's records."
        )
    people = dict(Person.objects.filter(organisation=organisation).values_list("employee_number", "id"))
    codes = {r.get("course_code", "").lower() for r in records} - {""}
    courses = {c.code: c for c in Course.objects.filter(code__in=codes).select_related("provider")}
    outcome = Outcome(rows_total=len(records))
    rows, seen = [], {}
    for index, record in enumerate(records, start=1):
        line, errors = record["_line"], []

        def fail(column: str, reason: str, line=line, errors=errors) -> None:
            errors.append({"line": line, "column": column, "reason": reason})

        for column in REQUIRED:
            if not record.get(column):
                fail(column, "A value is required.")
        for column in COLUMNS.values():  # the models' rule for names (leadership/validators.py)
            problem = forbidden_character_error(record.get(column, ""))
            if problem is not None:
                fail(column, problem)
        number = record.get("employee_number", "")
        if number and number not in people:
            fail("employee_number",
                 f"No person with employee number {visible(number)} in {organisation.ods_code}.")
        code = record.get("course_code", "").lower()
        course = courses.get(code)
        if code and course is None:
            fail("course_code", f"No course with the code {code!r} in the catalogue.")
        title = record.get("title", "")
        if not code and not title:
            fail("title", "Give a course code or, for external training, a title.")
        if len(title) > 200 or len(record.get("provider_name", "")) > 200:
            fail("title", "Titles and provider names must be at most 200 characters.")
        status = STATUS_LOOKUP.get(record.get("status", "").lower())
        if record.get("status") and status is None:
            fail("status", f"{record['status']!r} should be Attended, Completed, Failed or Withdrawn.")
        on = _parse_date(record.get("on", "")) if record.get("on") else None
        if record.get("on") and on is None:
            fail("on", f"{record['on']!r} is not a date: use YYYY-MM-DD or DD/MM/YYYY.")
        elif on is not None and not in_range(on):
            fail("on", OUT_OF_RANGE)
        elif on is not None and on > timezone.localdate():
            fail("on", "The date is in the future.")
        amounts = {}
        for column in ("hours", "cost"):
            raw = record.get(column, "")
            amounts[column] = _parse_amount(raw, column) if raw else None
            if raw and amounts[column] is None:
                fail(column, f"{raw!r} is not a number from 0 to {AMOUNT_LIMITS[column]:,}.")
        key = (number, code or title.lower(), on)
        if not errors and key in seen:
            fail("employee_number", f"The same person, course and date are also on line {seen[key]}.")
        if errors:
            outcome.row_errors.extend(errors)
        else:
            seen[key] = line
            rows.append(
                {
                    "_line": line,
                    "person_id": people[number],
                    "course": course,
                    "title": course.title if course else title,
                    "provider_name": record.get("provider_name") or (course.provider.name if course else ""),
                    "status": status,
                    "on": on,
                    "hours": amounts["hours"]
                    if amounts["hours"] is not None
                    else (course.hours if course else 0),
                    "cost": amounts["cost"]
                    if amounts["cost"] is not None
                    else (course.cost if course else 0),
                }
            )
        if index % PROGRESS_EVERY == 0:
            progress(index, len(records))
    outcome.row_errors.sort(key=lambda e: (e["line"], e["column"]))
    for problem in outcome.row_errors:
        problem["column_label"] = COLUMN_LABELS[problem["column"]]
    return rows, outcome


def _match_key(person_id: int, course_id: int | None, title: str, on: date) -> tuple:
    return (person_id, course_id, "" if course_id else title.lower(), on)


@transaction.atomic
def apply(
    rows: list[dict],
    organisation: Organisation,
    actor: User | None,
    outcome: Outcome,
    *,
    import_id: int | None = None,
) -> Outcome:
    with audit_context(actor=actor, source="import", import_id=import_id):
        existing = {
            _match_key(r.person_id, r.course_id, r.title, r.on): r
            for r in TrainingRecord.objects.filter(
                organisation=organisation,
                person_id__in={row["person_id"] for row in rows},
            ).select_related("course", "person")
        }
        changed_records = []
        for row in rows:
            course = row["course"]
            key = _match_key(row["person_id"], course.id if course else None, row["title"], row["on"])
            values = {
                "status": row["status"],
                "hours": Decimal(row["hours"]),
                "cost": Decimal(row["cost"]),
                "provider_name": row["provider_name"],
            }
            record = existing.get(key)
            if record is None:
                record = TrainingRecord.objects.create(
                    person_id=row["person_id"],
                    organisation=organisation,
                    course=course,
                    title=row["title"],
                    on=row["on"],
                    source=TrainingRecord.Source.IMPORT,
                    recorded_by=actor,
                    **values,
                )
                existing[key] = record
                outcome.created += 1
                changed_records.append(record)
            elif any(getattr(record, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(record, name, value)
                record.save()
                outcome.updated += 1
                changed_records.append(record)
            else:
                outcome.unchanged += 1
        for record in changed_records:
            if record.course_id and record.status == TrainingRecord.Status.COMPLETED:
                qualification_award(record=record)
    return outcome


def import_file(
    content: bytes,
    organisation: Organisation,
    actor: User | None,
    *,
    import_id: int | None = None,
    progress=lambda done, total: None,
) -> Outcome:
    rows, outcome = validate(content, organisation, progress)
    if outcome.accepted:
        apply(rows, organisation, actor, outcome, import_id=import_id)
    return outcome


def run(*, import_id: int) -> None:
    """Process one queued TrainingImport; a second run of the same import does nothing."""
    claimed = TrainingImport.objects.filter(id=import_id, status=TrainingImport.Status.QUEUED).update(
        status=TrainingImport.Status.RUNNING, updated_at=timezone.now()
    )
    if not claimed:
        return
    job = TrainingImport.objects.select_related("organisation", "uploaded_by").get(id=import_id)

    def progress(done: int, total: int) -> None:
        TrainingImport.objects.filter(id=job.id).update(rows_done=done, rows_total=total)

    fields = {"finished_at": timezone.now(), "content": b""}
    try:
        outcome = import_file(
            bytes(job.content), job.organisation, job.uploaded_by, import_id=job.id, progress=progress
        )
    except FatalImportError as error:
        fields |= {"status": TrainingImport.Status.REJECTED, "fatal_error": str(error)}
    except Exception:
        TrainingImport.objects.filter(id=job.id).update(
            status=TrainingImport.Status.FAILED,
            finished_at=timezone.now(),
            fatal_error="The import stopped on an unexpected error; nothing was changed.",
        )
        raise
    else:
        fields |= {
            "status": TrainingImport.Status.SUCCEEDED if outcome.accepted else TrainingImport.Status.REJECTED,
            "rows_total": outcome.rows_total,
            "rows_done": outcome.rows_total,
            "created_count": outcome.created,
            "updated_count": outcome.updated,
            "unchanged_count": outcome.unchanged,
            "row_errors": outcome.row_errors,
        }
    TrainingImport.objects.filter(id=job.id).update(updated_at=timezone.now(), **fields)
