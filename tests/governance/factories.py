"""Governance rows for tests, each inside one organisation."""

from datetime import date
from decimal import Decimal

from governance.models import BoardPosition, BurdenAssessment, BurdenRole, DataItem, DataReturn
from tests.factories import PersonFactory


def items(*names: str) -> list[DataItem]:
    return [DataItem.objects.get_or_create(name=name)[0] for name in names]


def data_return(
    organisation,
    *,
    title="Workforce return",
    item_names=("Staff in post", "Vacancies"),
    frequency="monthly",
    hours="6",
    next_review_due=date(2026, 6, 1),
    **fields,
) -> DataReturn:
    row = DataReturn.objects.create(
        organisation=organisation,
        title=title,
        requesting_body="nhs_england",
        purpose="Workforce planning",
        legal_basis="NHS Act 2006 s.13Z3",
        frequency=frequency,
        staff_roles="Workforce analyst",
        hours_per_return=Decimal(hours),
        next_review_due=next_review_due,
        **fields,
    )
    row.items.set(items(*item_names))
    return row


def assessment(
    organisation,
    *,
    title="Agency staffing collection",
    frequency="monthly",
    organisations=200,
    item_names=("Agency shifts",),
    **fields,
) -> BurdenAssessment:
    row = BurdenAssessment.objects.create(
        organisation=organisation,
        title=title,
        request_description="Agency shifts by staff group",
        requesting_body="nhs_england",
        frequency=frequency,
        organisations_affected=organisations,
        **fields,
    )
    row.items.set(items(*item_names))
    return row


def role(assessment, *, band="5", minutes=90, name="Rota coordinator") -> BurdenRole:
    return BurdenRole.objects.create(assessment=assessment, role=name, band=band, minutes_per_return=minutes)


def position(
    organisation,
    *,
    person=None,
    kind=BoardPosition.Kind.NON_EXECUTIVE,
    starts_on=date(2024, 4, 1),
    next_review_due=date(2025, 4, 1),
    **fields,
) -> BoardPosition:
    person = person or PersonFactory(
        organisation=organisation, first_name="Nadia", last_name="Nonexec", management_level="board"
    )
    return BoardPosition.objects.create(
        organisation=organisation,
        person=person,
        kind=kind,
        title=fields.pop("title", "Non-executive director"),
        starts_on=starts_on,
        next_review_due=next_review_due,
        **fields,
    )
