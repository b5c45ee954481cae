"""Who records a merger or succession of organisations (part of leadership.access)."""

from django.db.models import QuerySet

from leadership.access import is_national_admin
from leadership.models import Organisation, OrganisationMerger, User

__all__ = ["may_record_mergers", "mergers", "merger_candidates"]


def may_record_mergers(user: User) -> bool:
    """National admins record that an organisation was dissolved into its successor (R13)."""
    return is_national_admin(user)


def mergers(user: User) -> QuerySet[OrganisationMerger]:
    if not may_record_mergers(user):
        return OrganisationMerger.objects.none()
    return OrganisationMerger.objects.select_related("predecessor", "successor", "recorded_by")


def merger_candidates(user: User) -> QuerySet[Organisation]:
    """Organisations still open, which may be dissolved or take another over."""
    if not may_record_mergers(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(active=True)
