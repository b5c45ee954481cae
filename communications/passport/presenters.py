"""Display values for the passport pages and PDF, so templates hold no logic."""

from django.urls import reverse

from communications.models import PassportShare
from communications.passport.selectors import Passport


def passport_context(passport: Passport) -> dict:
    return {"passport": passport, "person": passport.person}


def share_status(share: PassportShare) -> tuple[str, str]:
    """A label and an NHS tag colour."""
    if share.revoked:
        return "Revoked", "grey"
    if share.imported_at is not None:
        return "Imported", "green"
    if share.expired:
        return "Expired", "grey"
    return "Live", "blue"


def share_rows(shares) -> list[dict]:
    rows = []
    for share in shares:
        label, colour = share_status(share)
        rows.append({"share": share, "status": label, "colour": colour,
                     "revoke_url": reverse("communications:passport_share_revoke", args=[share.public_id])
                     if share.live else ""})
    return rows
