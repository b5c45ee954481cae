"""When a person leaves (leadership.leavers): their own open appraisals are withdrawn with the reason, and
the appraisals they appraise or countersign pass to the successors chosen on the leaver page."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from appraisal.models import Appraisal, AppraisalState
from appraisal.services.flow import appraisal_countersigner_reassign, appraisal_reassign
from leadership.leavers import Handover
from leadership.models import Person, User

SECTION = "Appraisals"


def appraisals_to_hand_over(person: Person):
    """Open appraisals of others that the leaver appraises, and those waiting for their countersignature."""
    others = Appraisal.objects.exclude(appraisee=person).select_related("appraisee", "cycle").order_by("id")
    appraising = others.filter(appraiser=person).exclude(state__in=Appraisal.CLOSED_STATES)
    countersigning = others.filter(countersigner=person).exclude(
        state__in=[AppraisalState.COUNTERSIGNED, AppraisalState.WITHDRAWN])
    return list(appraising), list(countersigning)


def appraiser_key(appraisal: Appraisal) -> str:
    return f"appraiser_{appraisal.public_id.hex}"


def countersigner_key(appraisal: Appraisal) -> str:
    return f"countersigner_{appraisal.public_id.hex}"


def leaver_handovers(person: Person) -> list[Handover]:
    """The leaver page's choices; their own line manager is offered first where they may take it."""
    appraising, countersigning = appraisals_to_hand_over(person)
    manager = person.line_manager if person.line_manager and person.line_manager.active else None

    def initial(appraisal):
        return manager if manager is not None and manager.pk != appraisal.appraisee_id else None

    return [
        *(Handover(appraiser_key(a), SECTION, f"New appraiser for {a.appraisee.full_name}'s appraisal "
                   f"({a.cycle.name})", initial(a)) for a in appraising),
        *(Handover(countersigner_key(a), SECTION, f"New countersigning manager for {a.appraisee.full_name}'s "
                   f"appraisal ({a.cycle.name})", initial(a)) for a in countersigning),
    ]


@transaction.atomic
def appraisals_hand_over_for_leaver(
    *, actor: User, person: Person, reason: str, handovers: dict[str, Person | None]
) -> None:
    now = timezone.now()
    own_open = Appraisal.objects.select_for_update().filter(appraisee=person).exclude(
        state__in=Appraisal.CLOSED_STATES)
    for appraisal in own_open:
        appraisal.state, appraisal.state_changed_at = AppraisalState.WITHDRAWN, now
        appraisal.withdrawn_at, appraisal.withdrawn_reason = now, reason
        appraisal.save(update_fields=["state", "state_changed_at", "withdrawn_at", "withdrawn_reason"])
    appraising, countersigning = appraisals_to_hand_over(person)
    for appraisal in appraising:
        key = appraiser_key(appraisal)
        with _errors_on(key):
            appraisal_reassign(actor=actor, appraisal=appraisal,
                               appraiser=_chosen(handovers, key, "appraiser"))
    for appraisal in countersigning:
        key = countersigner_key(appraisal)
        appraisal.refresh_from_db()  # its appraiser may have just changed above
        with _errors_on(key):
            appraisal_countersigner_reassign(actor=actor, appraisal=appraisal,
                                             countersigner=_chosen(handovers, key, "countersigning manager"))


def _chosen(handovers: dict[str, Person | None], key: str, role: str) -> Person:
    chosen = handovers.get(key)
    if chosen is None:
        raise ValidationError(f"Choose a new {role}.")
    return chosen


class _errors_on:
    """A reassignment's refusal, shown on the leaver page's field for that appraisal."""

    def __init__(self, key: str):
        self.key = key

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if isinstance(error, ValidationError):
            raise ValidationError({self.key: error.messages}) from None
        return False


def on_person_left(sender, *, person: Person, actor: User, reason: str,
                   handovers: dict[str, Person | None], **kwargs) -> None:
    """The receiver of leadership.events.person_left (connected in AppraisalConfig.ready)."""
    appraisals_hand_over_for_leaver(actor=actor, person=person, reason=reason, handovers=handovers)
