"""After a merger (R13): the dissolved organisation's governance rows are re-stamped so the successor's
API clients' delta pulls bring them (leadership.events.organisation_merged, connected in GovernanceConfig)."""

from django.db.models import Q

from governance.models import BoardPosition, BurdenAssessment, DataReturn


def on_organisation_merged(sender, *, organisation_ids, staff, stamped_at, **kwargs) -> None:
    """Inside the merger's transaction and audit context: one UPDATE per API-listed table."""
    DataReturn.objects.filter(organisation_id__in=organisation_ids).update(updated_at=stamped_at)
    BurdenAssessment.objects.filter(organisation_id__in=organisation_ids).update(updated_at=stamped_at)
    # A board member's organisation shows in the position and changes when the staff move.
    BoardPosition.objects.filter(Q(organisation_id__in=organisation_ids) | Q(person__in=staff)).update(
        updated_at=stamped_at)
