"""Reads shared by pages, exports and the API. Each takes a queryset already scoped by access."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, F, Func, IntegerField, JSONField, Q, QuerySet, Value

from leadership.invitations.selectors import with_login_status
from leadership.models import ManagementLevel, Notification, Organisation, Person
from leadership.models.core import ImportJob

IMPORT_ERRORS_SHOWN = 100  # a page of 300,000 problems helps nobody: the rest are in the CSV
IMPORT_BULK_FIELDS = ("content", "row_errors")  # the file and every problem: pages defer them
_ERRORS_BY_KIND = (
    "SELECT COALESCE(e->>'column_label', e->>'column') AS kind, count(*), min((e->>'line')::int) "
    "FROM {table}, jsonb_array_elements(row_errors) e WHERE id = %s "
    "GROUP BY kind ORDER BY count(*) DESC, kind"
)
_ERROR_ROWS = (
    "SELECT e->>'line', COALESCE(e->>'column_label', e->>'column'), e->>'reason' "
    "FROM {table}, jsonb_array_elements(row_errors) WITH ORDINALITY AS t(e, n) WHERE id = %s ORDER BY n"
)


@dataclass(frozen=True)
class PeopleFilters:
    q: str = ""
    management_level: str = ""
    band: str = ""
    staff_group: str = ""
    line_manager: str = ""  # public id
    organisation: str = ""  # ODS code
    login: str = ""  # a LoginStatus value
    include_inactive: bool = False


def people_search(people: QuerySet[Person], filters: PeopleFilters) -> QuerySet[Person]:
    qs = with_login_status(people.select_related("organisation", "line_manager"))
    if not filters.include_inactive:
        qs = qs.filter(active=True)
    for word in filters.q.split():
        qs = qs.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word)
            | Q(employee_number__iexact=word) | Q(work_email__icontains=word)
            | Q(job_title__icontains=word)
        )
    if filters.management_level:
        qs = qs.filter(management_level=filters.management_level)
    if filters.band:
        qs = qs.filter(band=filters.band)
    if filters.staff_group:
        qs = qs.filter(staff_group=filters.staff_group)
    if filters.line_manager:
        qs = qs.filter(line_manager__public_id=filters.line_manager)
    if filters.organisation:
        qs = qs.filter(organisation__ods_code=filters.organisation.upper())
    if filters.login:
        qs = qs.filter(login_status=filters.login)
    return qs.order_by("last_name", "first_name", "id")


def direct_reports(person: Person) -> QuerySet[Person]:
    return (
        person.reports.filter(active=True)
        .select_related("organisation")
        .annotate(report_count=Count("reports", filter=Q(reports__active=True)))
        .order_by("last_name", "first_name")
    )


def organisation_summary(organisation: Organisation) -> dict:
    """Head counts for an organisation's home page, in one query."""
    counts = Person.objects.filter(organisation=organisation, active=True).aggregate(
        people=Count("id"),
        managers=Count("id", filter=~Q(management_level=ManagementLevel.NONE)),
        with_login=Count("id", filter=Q(user__isnull=False)),
        without_manager=Count("id", filter=Q(line_manager__isnull=True)),
        **{
            f"level_{level}": Count("id", filter=Q(management_level=level))
            for level in ManagementLevel.values
        },
    )
    counts["by_level"] = [
        {"label": label, "count": counts.pop(f"level_{value}")}
        for value, label in ManagementLevel.choices
    ]
    return counts


def organisation_ancestors(organisation: Organisation) -> list[Organisation]:
    """From the top of the hierarchy down to the organisation's parent."""
    chain, current, seen = [], organisation.parent, set()
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        chain.append(current)
        current = current.parent
    return list(reversed(chain))


def organisation_children(organisations: QuerySet[Organisation], parent: Organisation):
    return (
        organisations.filter(parent=parent)
        .annotate(people_count=Count("people", filter=Q(people__active=True)))
        .order_by("name")
    )


def organisations_search(organisations: QuerySet[Organisation], q: str = "", kind: str = ""):
    qs = organisations.select_related("parent", "successor")
    for word in q.split():
        qs = qs.filter(Q(name__icontains=word) | Q(ods_code__iexact=word))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("name")


UNDELIVERED_STATES = {"failed": "Failed for good", "retrying": "Waiting to be tried again"}


def undelivered_mail(rows: QuerySet, *, kind: str = "", state: str = "") -> QuerySet:
    """Undelivered emails (rows from access.undelivered_notifications), newest failure first."""
    if kind:
        rows = rows.filter(kind=kind)
    if state == "failed":
        rows = rows.filter(email_state=Notification.EmailState.FAILED)
    elif state == "retrying":
        rows = rows.filter(email_state=Notification.EmailState.PENDING)
    return rows.select_related("recipient").order_by(
        F("email_failed_at").desc(nulls_last=True), "-created_at", "-id")


def undelivered_mail_kinds(rows: QuerySet) -> list[str]:
    return list(rows.order_by("kind").values_list("kind", flat=True).distinct())


@dataclass(frozen=True)
class ImportErrors:
    total: int
    first: list[dict]  # the first IMPORT_ERRORS_SHOWN, in file order
    by_kind: list[dict]  # {"kind": column, "count": n, "first_line": line}, most frequent first


def import_errors(job: ImportJob) -> ImportErrors:
    """An import's problems as its page shows them, read in the database: never the whole list."""
    total, first = type(job).objects.filter(pk=job.pk).values_list(
        Func("row_errors", function="jsonb_array_length", output_field=IntegerField()),
        Func("row_errors", Value(f"$[0 to {IMPORT_ERRORS_SHOWN - 1}]"), function="jsonb_path_query_array",
             output_field=JSONField()),
    ).get()
    with connection.cursor() as cursor:
        cursor.execute(_ERRORS_BY_KIND.format(table=_table(job)), [job.pk])
        by_kind = [{"kind": kind, "count": count, "first_line": line} for kind, count, line in cursor]
    return ImportErrors(total=total, first=first, by_kind=by_kind)


def import_error_rows(job: ImportJob) -> Iterator[tuple[str, str, str]]:
    """Every problem of an import as (line, column, problem), streamed from a server-side cursor."""
    with connection.chunked_cursor() as cursor:
        cursor.execute(_ERROR_ROWS.format(table=_table(job)), [job.pk])
        while rows := cursor.fetchmany(2000):
            yield from rows


def _table(job: ImportJob) -> str:
    return connection.ops.quote_name(job._meta.db_table)  # the model's own table, never user input

def sharing_agreements_given(agreements, trust: Organisation):
    """A trust's data-sharing agreements, newest first, with the names the page shows."""
    return agreements.filter(trust=trust).select_related("footprint", "agreed_by", "revoked_by")


def sharing_agreements_received(agreements, footprint: Organisation):
    """Agreements trusts have recorded with a footprint (its API clients' page lists them)."""
    return agreements.filter(footprint=footprint).select_related("trust", "agreed_by", "revoked_by")


def role_holders(assignments: QuerySet) -> list:
    """An organisation's role assignments with each holder's name, by role then email."""
    return list(assignments.select_related("user", "user__person").order_by("role", "user__email"))
