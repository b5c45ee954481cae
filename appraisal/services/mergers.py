"""After a merger (R13): the dissolved organisation's appraisals and scorecards are re-stamped so the
successor's API clients' delta pulls bring them (leadership.events.organisation_merged)."""

from appraisal.models import Appraisal, OrganisationScorecard


def on_organisation_merged(sender, *, organisation_ids, stamped_at, **kwargs) -> None:
    """Inside the merger's transaction and audit context: one UPDATE per API-listed table."""
    Appraisal.objects.filter(organisation_id__in=organisation_ids).update(updated_at=stamped_at)
    OrganisationScorecard.objects.filter(organisation_id__in=organisation_ids).update(updated_at=stamped_at)
