"""After a merger (R13): the dissolved organisation's training rows are re-stamped so the successor's
API clients' delta pulls bring them (leadership.events.organisation_merged, connected in TrainingConfig)."""

from training.models import Enrolment, TrainingRecord


def on_organisation_merged(sender, *, organisation_ids, staff, stamped_at, **kwargs) -> None:
    """Inside the merger's transaction and audit context: one UPDATE per API-listed table."""
    TrainingRecord.objects.filter(organisation_id__in=organisation_ids).update(updated_at=stamped_at)
    # An enrolment reads under its person's organisation, which changes when the staff move.
    Enrolment.objects.filter(person__in=staff).update(updated_at=stamped_at)
