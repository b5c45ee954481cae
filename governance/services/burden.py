"""Burden Impact Assessments (R16): the template, its roles, the decision and publication; and the
Agenda for Change midpoints the hourly costs come from."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from governance import access
from governance.models import BurdenAssessment, BurdenRole, PayBandRate
from governance.services.shared import catalogue_items, require
from leadership.audit import audit_context
from leadership.dates import require_dates_in_range, uk_today
from leadership.models import Organisation, User
from leadership.numbers import require_amount, require_count

Status = BurdenAssessment.Status
ORGANISATIONS_MAX = 10_000
MINUTES_MAX = 100_000


@transaction.atomic
def burden_assessment_create(
    *,
    actor: User,
    organisation: Organisation,
    title: str,
    request_description: str,
    requesting_body: str,
    frequency: str,
    organisations_affected: int,
    items=(),
    new_items: str = "",
) -> BurdenAssessment:
    require(
        access.may_manage_governance(actor, organisation),
        "Only the organisation's board secretaries and HR admins assess its data requests.",
    )
    require_count(
        organisations_affected, field="organisations_affected", minimum=1, maximum=ORGANISATIONS_MAX
    )
    chosen = catalogue_items(items, new_items)
    if not chosen:
        raise ValidationError({"items": "Choose or add the data items the request asks for."})
    with audit_context(actor=actor):
        assessment = BurdenAssessment.objects.create(
            organisation=organisation,
            title=title,
            request_description=request_description,
            requesting_body=requesting_body,
            frequency=frequency,
            organisations_affected=organisations_affected,
            created_by=actor,
        )
        assessment.items.set(chosen)
    return assessment


@transaction.atomic
def burden_role_add(
    *, actor: User, assessment: BurdenAssessment, role: str, band: str, minutes_per_return: int
) -> BurdenRole:
    require(
        access.may_change_burden_assessment(actor, assessment),
        "Only the organisation's board secretaries and HR admins change its assessments.",
    )
    if assessment.status != Status.DRAFT:
        raise ValidationError("The assessment is decided: its roles can no longer change.")
    require_count(minutes_per_return, field="minutes_per_return", minimum=1, maximum=MINUTES_MAX)
    if not PayBandRate.objects.filter(band=band).exists():
        raise ValidationError({"band": "That band has no annual midpoint recorded."})
    with audit_context(actor=actor):
        line = BurdenRole.objects.create(
            assessment=assessment, role=role, band=band, minutes_per_return=minutes_per_return
        )
        assessment.save(update_fields=["updated_at"])
    return line


@transaction.atomic
def burden_assessment_decide(
    *,
    actor: User,
    assessment: BurdenAssessment,
    status: str,
    approver_name: str,
    decision_notes: str,
    decided_on: date,
    publish: bool,
) -> BurdenAssessment:
    """Record the decision and who approved it; a published assessment is readable across the NHS."""
    require(
        access.may_change_burden_assessment(actor, assessment),
        "Only the organisation's board secretaries and HR admins decide its assessments.",
    )
    require_dates_in_range(decided_on=decided_on)
    if assessment.status != Status.DRAFT:
        raise ValidationError("This assessment is already decided.")
    if status == Status.DRAFT:
        raise ValidationError({"status": "Choose a decision."})
    if not assessment.roles.exists():
        raise ValidationError("Add at least one staff role first: the burden is computed from them.")
    if decided_on > uk_today():
        raise ValidationError({"decided_on": "A decision cannot be dated in the future."})
    with audit_context(actor=actor):
        assessment.status, assessment.approver_name = status, approver_name.strip()
        assessment.decision_notes, assessment.decided_on = decision_notes, decided_on
        assessment.approved_by, assessment.published = actor, publish
        assessment.save(
            update_fields=[
                "status",
                "approver_name",
                "decision_notes",
                "decided_on",
                "approved_by",
                "published",
            ]
        )
    return assessment


@transaction.atomic
def pay_band_rate_update(
    *, actor: User, rate: PayBandRate, annual_midpoint: Decimal, confirmed: bool, source: str
) -> PayBandRate:
    require(access.may_edit_pay_rates(actor), "Only national admins change the pay band midpoints.")
    require_amount(
        annual_midpoint, field="annual_midpoint", max_digits=9, decimal_places=2, minimum=Decimal("0.01")
    )
    with audit_context(actor=actor):
        rate.annual_midpoint, rate.confirmed, rate.source, rate.updated_by = (
            annual_midpoint,
            confirmed,
            source,
            actor,
        )
        rate.save(update_fields=["annual_midpoint", "confirmed", "source", "updated_by"])
    return rate
