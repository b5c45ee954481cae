"""The personal development plan: the career aspiration and the needs, each met, dropped or carried
over with a note (who and when are kept on the need and in its history)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from leadership.models import Competency, DevelopmentNeed, DevelopmentPlan, Person, User

ASPIRATION_MAX = 4000


def plan_for(person: Person) -> DevelopmentPlan:
    plan, _ = DevelopmentPlan.objects.get_or_create(person=person)
    return plan


@transaction.atomic
def plan_aspiration_update(*, actor: User, person: Person, aspiration: str) -> DevelopmentPlan:
    """Write or change where the person wants their career to go (blank clears it)."""
    aspiration = (aspiration or "").strip()
    if len(aspiration) > ASPIRATION_MAX:
        raise ValidationError({"aspiration": f"Keep the aspiration to {ASPIRATION_MAX} characters."})
    plan = plan_for(person)
    plan.aspiration = aspiration
    plan.save(update_fields=["aspiration"])
    return plan


@transaction.atomic
def need_create(
    *, actor: User, person: Person, description: str, competency: Competency | None = None
) -> DevelopmentNeed:
    plan = plan_for(person)
    need = DevelopmentNeed.objects.create(
        plan=plan, competency=competency, description=description, created_by=actor
    )
    plan.save(update_fields=["updated_at"])
    return need


@transaction.atomic
def need_set_status(*, actor: User, need: DevelopmentNeed, status: str, note: str = "") -> DevelopmentNeed:
    """Mark a need met, dropped or carried over (a note says why), or open it again."""
    if status not in DevelopmentNeed.Status.values:
        raise ValidationError({"status": "Choose what happened to the need."})
    note = (note or "").strip()
    if status != DevelopmentNeed.Status.OPEN and not note:
        raise ValidationError({"note": "Add a note: what was done, or why it was dropped or carried over."})
    need = DevelopmentNeed.objects.select_for_update().select_related("plan").get(id=need.id)
    need.status, need.status_note = status, note
    need.status_changed_at, need.status_changed_by = timezone.now(), actor
    need.save(update_fields=["status", "status_note", "status_changed_at", "status_changed_by"])
    need.plan.save(update_fields=["updated_at"])  # the API's plan shows its needs
    return need
