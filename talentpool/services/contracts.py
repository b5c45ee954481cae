"""The register of very senior manager contracts (R18): national admins only."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from leadership import numbers
from leadership.audit import audit_context
from leadership.dates import add_months, require_dates_in_range
from leadership.models import Person, User
from talentpool import access
from talentpool.models import MINIMUM_TERM_MONTHS, SeniorContract
from talentpool.services.shared import require, required_reason


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
    with audit_context(actor=actor):
        contract.save(update_fields=["last_assessed_on", "next_assessment_due"])
    return contract


def _require_running(contract: SeniorContract) -> None:
    if contract.ended_reason:
        raise ValidationError("This contract has ended: it can no longer be changed.")


@transaction.atomic
def senior_contract_update(
    *,
    actor: User,
    contract: SeniorContract,
    post: str,
    starts_on: date,
    minimum_term_months: int,
    next_assessment_due: date,
    next_appraisal_due: date | None = None,
    notes: str = "",
) -> SeniorContract:
    """Correct a contract's terms; the minimum term's end follows its start and length."""
    require(access.may_manage_contracts(actor), "The contracts register is for national admins.")
    _require_running(contract)
    require_dates_in_range(starts_on=starts_on, next_assessment_due=next_assessment_due,
                           next_appraisal_due=next_appraisal_due)
    numbers.require_count(minimum_term_months, field="minimum_term_months",
                          minimum=MINIMUM_TERM_MONTHS[0], maximum=MINIMUM_TERM_MONTHS[1])
    post = (post or "").strip()
    if not post:
        raise ValidationError({"post": "Give the post."})
    contract.post, contract.starts_on, contract.minimum_term_months = post, starts_on, minimum_term_months
    contract.minimum_term_ends_on = add_months(starts_on, minimum_term_months)
    contract.next_assessment_due, contract.next_appraisal_due = next_assessment_due, next_appraisal_due
    contract.notes = notes
    with audit_context(actor=actor):
        contract.save(update_fields=["post", "starts_on", "minimum_term_months", "minimum_term_ends_on",
                                     "next_assessment_due", "next_appraisal_due", "notes"])
    return contract


@transaction.atomic
def senior_contract_extend(
    *, actor: User, contract: SeniorContract, months: int, reason: str
) -> SeniorContract:
    """Lengthen the minimum term by some months, with the reason kept in the contract's history."""
    require(access.may_manage_contracts(actor), "The contracts register is for national admins.")
    _require_running(contract)
    reason = required_reason(reason)
    numbers.require_count(months, field="months", minimum=1, maximum=MINIMUM_TERM_MONTHS[1])
    total = contract.minimum_term_months + months
    if total > MINIMUM_TERM_MONTHS[1]:
        raise ValidationError({"months": f"A minimum term is at most {MINIMUM_TERM_MONTHS[1]} months."})
    contract.minimum_term_months = total
    contract.minimum_term_ends_on = add_months(contract.starts_on, total)
    with audit_context(actor=actor, reason=reason):
        contract.save(update_fields=["minimum_term_months", "minimum_term_ends_on"])
    return contract


@transaction.atomic
def senior_contract_end(
    *, actor: User, contract: SeniorContract, ends_on: date, reason: str
) -> SeniorContract:
    """The contract ends on a date, with its reason; it leaves the assessment alerts."""
    require(access.may_manage_contracts(actor), "The contracts register is for national admins.")
    _require_running(contract)
    reason = required_reason(reason)
    require_dates_in_range(ends_on=ends_on)
    if ends_on < contract.starts_on:
        raise ValidationError({"ends_on": "The contract cannot end before it starts."})
    contract.ends_on, contract.ended_reason = ends_on, reason
    with audit_context(actor=actor, reason=reason):
        contract.save(update_fields=["ends_on", "ended_reason"])
    return contract
