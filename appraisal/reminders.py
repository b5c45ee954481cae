"""Reminders of appraisals not started and steps left waiting (a beat sweep, as in leadership.development).

State is the appraisal row and the notification's unique key, never the broker.
"""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from appraisal import presenters
from appraisal.models import Appraisal, AppraisalState
from leadership.notifications import Message, notify_many

State = AppraisalState

NOT_STARTED_DAYS = 30
WAITING_DAYS = 14
SWEEP_BATCH = 2000


@transaction.atomic
def sweep(*, now=None) -> int:
    """Remind appraisals still in draft 30 days before their cycle closes, and steps waiting 14 days.

    Rows are claimed with SKIP LOCKED so two sweeps share the work; each reminder's key is unique, so a
    sweep that runs twice (or catches up after a missed run) never sends one twice.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    messages = []
    not_started = Appraisal.objects.filter(
        state=State.DRAFT,
        cycle__closes_on__gte=today,
        cycle__closes_on__lte=today + timedelta(days=NOT_STARTED_DAYS),
    )
    for appraisal in not_started.select_related(
        "cycle", "appraisee__user", "appraiser__user"
    ).select_for_update(skip_locked=True, of=("self",))[:SWEEP_BATCH]:
        link = reverse("appraisal:appraisal_detail", args=[appraisal.public_id])
        for person in (appraisal.appraiser, appraisal.appraisee):
            if person.user is not None:
                messages.append(
                    Message(
                        recipient=person.user,
                        kind="appraisal_not_started",
                        link=link,
                        key=f"appraisal:{appraisal.id}:not_started:{appraisal.cycle.closes_on}:{person.user.pk}",
                        title=f"The appraisal of {appraisal.appraisee} has not started",
                        body=f"{appraisal.cycle.name} closes on {appraisal.cycle.closes_on:%d %b %Y}.",
                    )
                )
    waiting = Appraisal.objects.exclude(state__in=[State.COUNTERSIGNED, State.WITHDRAWN]).filter(
        state_changed_at__lte=now - timedelta(days=WAITING_DAYS)
    )
    for appraisal in waiting.select_related(
        "appraisee__user", "appraiser__user", "countersigner__user"
    ).select_for_update(skip_locked=True, of=("self",))[:SWEEP_BATCH]:
        step = presenters.next_step(appraisal)
        if step is None:
            continue
        link = reverse("appraisal:appraisal_detail", args=[appraisal.public_id])
        for person in step["people"]:
            if person.user is not None:
                messages.append(
                    Message(
                        recipient=person.user,
                        kind="appraisal_waiting",
                        link=link,
                        key=(
                            f"appraisal:{appraisal.id}:waiting:{appraisal.state}:"
                            f"{appraisal.state_changed_at:%Y%m%d%H%M%S}:{person.user.pk}"
                        ),
                        title=f"The appraisal of {appraisal.appraisee} is waiting for you",
                        body=f"{step['label']}: waiting since {appraisal.state_changed_at:%d %B %Y}.",
                    )
                )
    return len(notify_many(messages))
