"""Data-sharing agreement routes for the page route walk (see tests/isolation_registry.py)."""

from datetime import date

from django.urls import reverse

PAGE_CASES = {
    "sharing_agreement_new": ("object", lambda w: reverse("sharing_agreement_new", args=["RT1"])),
    "sharing_agreement_revoke": ("object", lambda w: reverse(
        "sharing_agreement_revoke", args=[w["sharing_agreement"].public_id])),
}


def build_world(world: dict) -> None:
    from leadership.models import DataSharingAgreement

    if "same_org_hr_admin" not in world:  # the API walk: its footprint cases hold no agreement
        return
    trust = world["same_org"]
    world["sharing_agreement"] = DataSharingAgreement.objects.create(
        trust=trust, footprint=trust.parent, scopes=["appraisals:read"], valid_from=date(2026, 1, 1),
        agreed_by=world["same_org_hr_admin"], agreed_by_name="Casey Guardian, Caldicott Guardian",
    )
