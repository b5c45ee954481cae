"""The data-return register (R12) and each return's scheduled review (R14)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from governance import access
from governance.models import DataReturn, DataReturnReview
from governance.services.shared import catalogue_items, require
from leadership.audit import audit_context
from leadership.dates import add_months, require_dates_in_range, uk_today
from leadership.models import Organisation, Person, User
from leadership.numbers import require_amount, require_count

Decision = DataReturnReview.Decision


def next_review(after: date, interval_months: int) -> date:
    """A return is reviewed every interval (yearly by default) from its last review or its recording."""
    return add_months(after, interval_months)


def _validated_items(
    *, organisation, owner, hours_per_return, review_interval_months, items, new_items
) -> list:
    """The checks a new and a corrected return share; the catalogue items it names."""
    require_amount(
        hours_per_return, field="hours_per_return", max_digits=7, decimal_places=2, minimum=Decimal(0)
    )
    require_count(review_interval_months, field="review_interval_months", minimum=1, maximum=60)
    if owner is not None and owner.organisation_id != organisation.id:
        raise ValidationError({"owner": "The owner must work for the organisation making the return."})
    chosen = catalogue_items(items, new_items)
    if not chosen:
        raise ValidationError({"items": "Choose or add the data items the return asks for."})
    return chosen


@transaction.atomic
def data_return_create(
    *,
    actor: User,
    organisation: Organisation,
    title: str,
    requesting_body: str,
    purpose: str,
    legal_basis: str,
    frequency: str,
    items=(),
    new_items: str = "",
    owner: Person | None = None,
    staff_roles: str,
    hours_per_return: Decimal,
    requesting_body_other: str = "",
    review_interval_months: int = 12,
    first_review_due: date | None = None,
) -> DataReturn:
    require(
        access.may_record_data_return(actor, organisation),
        "Only the organisation's board secretaries and HR admins record its data returns.",
    )
    chosen = _validated_items(
        organisation=organisation,
        owner=owner,
        hours_per_return=hours_per_return,
        review_interval_months=review_interval_months,
        items=items,
        new_items=new_items,
    )
    require_dates_in_range(first_review_due=first_review_due)
    with audit_context(actor=actor):
        data_return = DataReturn.objects.create(
            organisation=organisation,
            title=title,
            requesting_body=requesting_body,
            requesting_body_other=requesting_body_other,
            purpose=purpose,
            legal_basis=legal_basis,
            frequency=frequency,
            owner=owner,
            staff_roles=staff_roles,
            hours_per_return=hours_per_return,
            review_interval_months=review_interval_months,
            next_review_due=first_review_due or next_review(uk_today(), review_interval_months),
            created_by=actor,
        )
        data_return.items.set(chosen)
    return data_return


@transaction.atomic
def data_return_review(
    *,
    actor: User,
    data_return: DataReturn,
    reviewed_on: date,
    still_needed: bool,
    decision: str,
    findings: str,
    merged_into: DataReturn | None = None,
    hours_saved_per_year: Decimal = Decimal(0),
) -> DataReturnReview:
    """Record a review; the next one falls due an interval after it; a stop ends the return."""
    require(
        access.may_record_data_return(actor, data_return.organisation),
        "Only the organisation's board secretaries and HR admins review its data returns.",
    )
    require_dates_in_range(reviewed_on=reviewed_on)
    require_amount(
        hours_saved_per_year, field="hours_saved_per_year", max_digits=9, decimal_places=2, minimum=Decimal(0)
    )
    if reviewed_on > uk_today():
        raise ValidationError({"reviewed_on": "A review cannot be dated in the future."})
    if not data_return.active:
        raise ValidationError("This return was stopped at an earlier review.")
    if decision == Decision.MERGE:
        if merged_into is None or merged_into.pk == data_return.pk:
            raise ValidationError({"merged_into": "Choose the other return it merges into."})
        if merged_into.organisation_id != data_return.organisation_id:
            raise ValidationError({"merged_into": "Choose a return of the same organisation."})
    else:
        merged_into = None
    if decision == Decision.STOP and still_needed:
        raise ValidationError({"still_needed": "A return still needed cannot be stopped."})
    if hours_saved_per_year > data_return.hours_per_year:
        raise ValidationError(
            {
                "hours_saved_per_year": f"It takes {data_return.hours_per_year} hours a "
                "year: the saving cannot be more."
            }
        )
    with audit_context(actor=actor):
        review = DataReturnReview.objects.create(
            data_return=data_return,
            reviewed_on=reviewed_on,
            still_needed=still_needed,
            decision=decision,
            findings=findings,
            merged_into=merged_into,
            hours_saved_per_year=hours_saved_per_year,
            reviewed_by=actor,
        )
        data_return.next_review_due = next_review(reviewed_on, data_return.review_interval_months)
        data_return.active = decision not in (Decision.STOP, Decision.MERGE)
        data_return.save(update_fields=["next_review_due", "active"])
    return review


@transaction.atomic
def data_return_update(
    *,
    actor: User,
    data_return: DataReturn,
    title: str,
    requesting_body: str,
    purpose: str,
    legal_basis: str,
    frequency: str,
    items=(),
    new_items: str = "",
    owner: Person | None = None,
    staff_roles: str,
    hours_per_return: Decimal,
    requesting_body_other: str = "",
    review_interval_months: int = 12,
) -> DataReturn:
    """Correct a return; a new review interval reschedules its next review from the last one."""
    require(
        access.may_record_data_return(actor, data_return.organisation),
        "Only the organisation's board secretaries and HR admins correct its data returns.",
    )
    chosen = _validated_items(
        organisation=data_return.organisation,
        owner=owner,
        hours_per_return=hours_per_return,
        review_interval_months=review_interval_months,
        items=items,
        new_items=new_items,
    )
    if review_interval_months != data_return.review_interval_months:
        last = data_return.reviews.order_by("-reviewed_on").values_list("reviewed_on", flat=True).first()
        data_return.next_review_due = next_review(
            last or data_return.created_at.date(), review_interval_months
        )
    data_return.title = title
    data_return.requesting_body = requesting_body
    data_return.requesting_body_other = requesting_body_other
    data_return.purpose = purpose
    data_return.legal_basis = legal_basis
    data_return.frequency = frequency
    data_return.owner = owner
    data_return.staff_roles = staff_roles
    data_return.hours_per_return = hours_per_return
    data_return.review_interval_months = review_interval_months
    with audit_context(actor=actor):
        data_return.save()
        data_return.items.set(chosen)
    return data_return


@transaction.atomic
def data_return_end(*, actor: User, data_return: DataReturn, ended_on: date, reason: str) -> DataReturn:
    """End a return no longer made: it leaves the review schedule, the overlaps and the report's totals."""
    require(
        access.may_record_data_return(actor, data_return.organisation),
        "Only the organisation's board secretaries and HR admins end its data returns.",
    )
    require_dates_in_range(ended_on=ended_on)
    if not data_return.active:
        raise ValidationError("This return has already ended.")
    if ended_on > uk_today():
        raise ValidationError({"ended_on": "A return cannot be ended in the future."})
    if not (reason or "").strip():
        raise ValidationError({"reason": "Give the reason the return ends."})
    data_return.active = False
    data_return.ended_on = ended_on
    data_return.end_reason = reason.strip()
    data_return.ended_by = actor
    with audit_context(actor=actor, reason=reason.strip()):
        data_return.save(update_fields=["active", "ended_on", "end_reason", "ended_by"])
    return data_return
