"""Isolation cases for leadership routes added outside tests/test_isolation.py's own table."""

from datetime import date

from django.urls import reverse

PAGE_CASES = {
    # Every organisation's undelivered email: national admins only, 404 for anyone else.
    "undelivered_mail": ("national", lambda w: reverse("undelivered_mail")),
    # A subject access export: the person's organisation's HR admin only; another organisation's is 404.
    "person_data_export": ("object", lambda w: reverse(
        "person_data_export", args=[w["same_org_manager"].person.public_id])),
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
