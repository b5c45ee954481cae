"""Organisation mergers (R13): national admins' pages only (tests/isolation_registry.py)."""

from datetime import date

from django.urls import reverse

from leadership.models import OrganisationMerger
from tests.factories import OrganisationFactory

PAGE_CASES = {
    "merger_list": ("national", lambda w: reverse("merger_list")),
    "merger_new": ("national", lambda w: reverse("merger_new")),
    "merger_detail": ("national", lambda w: reverse("merger_detail", args=[w["merger"].public_id])),
}

REACHABLE_BY = {
    "merger_list": {"national_admin"},
    "merger_new": {"national_admin"},
    "merger_detail": {"national_admin"},
}


def build_world(world: dict) -> None:
    successor = OrganisationFactory(ods_code="RM2", name="Merged Successor NHS Trust")
    dissolved = OrganisationFactory(ods_code="RM1", name="Merged Away NHS Trust", active=False,
                                    dissolved_on=date(2024, 4, 1), successor=successor)
    world["merger"] = OrganisationMerger.objects.create(
        predecessor=dissolved, successor=successor, dissolved_on=date(2024, 4, 1), reason="Statutory order")
