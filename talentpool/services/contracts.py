"""The register of very senior manager contracts (R18): national admins only."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from leadership import numbers
from leadership.dates import add_months, require_dates_in_range
from leadership.models import Person, User
from talentpool import access
from talentpool.models import MINIMUM_TERM_MONTHS, SeniorContract
from talentpool.services.shared import require


@transaction.atomic
def senior_contract_create(
    *,
    actor: User,
    person: Person,
    post: str,
    starts_on: date,
    minimum_term_months: int,
    next_assessment_due: date,
    ends_on: date | None = None,
    next_appraisal_due: date | None = None,
    notes: str = "",
) -> SeniorContract:
    require(access.is_national_admin(actor), "The contracts register is for national admins.")
    require_dates_in_range(
        starts_on=starts_on,
        next_assessment_due=next_assessment_due,
        ends_on=ends_on,
        next_appraisal_due=next_appraisal_due,
    )
    numbers.require_count(
        minimum_term_months,
        field="minimum_term_months",
        minimum=MINIMUM_TERM_MONTHS[0],
        maximum=MINIMUM_TERM_MONTHS[1],
    )
    return SeniorContract.objects.create(
        person=person,
        organisation=person.organisation,
        post=post,
        starts_on=starts_on,
        minimum_term_months=minimum_term_months,
        minimum_term_ends_on=add_months(starts_on, minimum_term_months),
        ends_on=ends_on,
        next_assessment_due=next_assessment_due,
        next_appraisal_due=next_appraisal_due,
        notes=notes,
    )


@transaction.atomic
def senior_contract_assessed(
    *, actor: User, contract: SeniorContract, assessed_on: date, next_assessment_due: date
) -> SeniorContract:
    require(access.is_national_admin(actor), "The contracts register is for national admins.")
    require_dates_in_range(assessed_on=assessed_on, next_assessment_due=next_assessment_due)
    if next_assessment_due <= assessed_on:
        raise ValidationError({"next_assessment_due": "The next assessment must come after this one."})
    contract.last_assessed_on, contract.next_assessment_due = assessed_on, next_assessment_due
    contract.save(update_fields=["last_assessed_on", "next_assessment_due"])
    return contract
