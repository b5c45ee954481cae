"""Reads shared by pages, exports and the API. Each takes a queryset already scoped by access."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from leadership.models import ManagementLevel, Organisation, Person


@dataclass(frozen=True)
class PeopleFilters:
    q: str = ""
    management_level: str = ""
    band: str = ""
    staff_group: str = ""
    line_manager: str = ""  # public id
    organisation: str = ""  # ODS code
    include_inactive: bool = False


def people_search(people: QuerySet[Person], filters: PeopleFilters) -> QuerySet[Person]:
    qs = people.select_related("organisation", "line_manager")
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


def sharing_agreements_given(agreements, trust: Organisation):
    """A trust's data-sharing agreements, newest first, with the names the page shows."""
    return agreements.filter(trust=trust).select_related("footprint", "agreed_by", "revoked_by")


def sharing_agreements_received(agreements, footprint: Organisation):
    """Agreements trusts have recorded with a footprint (its API clients' page lists them)."""
    return agreements.filter(footprint=footprint).select_related("trust", "agreed_by", "revoked_by")
