"""After a merger (R13): broadcasts that reached the dissolved organisation are re-stamped so the
successor's API clients' delta pulls bring them (leadership.events.organisation_merged). Broadcasts for
everyone are re-stamped too: their read rates gain the dissolved organisation's row under B."""

from django.db.models import Q

from communications.models import Broadcast


def on_organisation_merged(sender, *, organisation_ids, stamped_at, **kwargs) -> None:
    """Inside the merger's transaction and audit context: one UPDATE (boards are NHS-wide: untouched)."""
    reached = Broadcast.reach.through.objects.filter(organisation_id__in=organisation_ids)
    Broadcast.objects.filter(
        Q(everyone=True) | Q(sender_organisation_id__in=organisation_ids)
        | Q(id__in=reached.values("broadcast_id"))
    ).update(updated_at=stamped_at)
