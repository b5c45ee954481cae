"""The demo's recorded merger: Monitor, dissolved into NHS England in 2022 (organisation_tree already
gives it that successor), so the national admin's merger pages have a row to show."""

from leadership.audit import audit_context
from leadership.models import Organisation, OrganisationMerger


def seed() -> dict:
    dissolved = Organisation.objects.filter(active=False, successor__isnull=False, ods_code="X1M").first()
    if dissolved is None or OrganisationMerger.objects.filter(predecessor=dissolved).exists():
        return {"mergers": 0}
    with audit_context(actor=None, source="command"):
        OrganisationMerger.objects.create(
            predecessor=dissolved, successor=dissolved.successor, dissolved_on=dissolved.dissolved_on,
            reason="Health and Care Act 2022: Monitor's functions passed to NHS England.")
    return {"mergers": 1}
