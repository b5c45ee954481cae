"""Isolation cases for the values handbook and leadership passport pages and API, merged into
tests/communications/isolation_cases.py. The world's passport link is for a third trust, so the other
organisation's HR admin is neither its owner's organisation nor its recipient."""

from django.urls import reverse

from communications.handbook import services as handbook_services
from communications.models import PassportShare
from communications.models.passport import token_hash
from leadership.models import Organisation
from tests.isolation_registry import EVERYONE, NOT_IN_DEMO

PASSPORT_TOKEN = "isolation-passport-token"  # noqa: S105 - a test link


def build_world(world: dict) -> None:
    published = handbook_services.handbook_draft_start(actor=None)
    handbook_services.handbook_publish(actor=None, version=published, change_note="First")
    world["handbook_draft"] = handbook_services.handbook_draft_start(actor=None)
    third = Organisation.objects.create(ods_code="RT7", name="Third Hospitals NHS Trust",
                                        kind=Organisation.Kind.NHS_TRUST)
    world["passport_share"] = PassportShare.objects.create(
        person=world["same_org_manager"].person, recipient=third, token_hash=token_hash(PASSPORT_TOKEN),
        expires_at=PassportShare.expiry_in(14))


def _url(name, *keys):
    return lambda w: reverse(name, args=[w[key].public_id if hasattr(w[key], "public_id") else w[key]
                                         for key in keys])


def _person_url(name):
    return lambda w: reverse(name, args=[w["same_org_manager"].person.public_id])


PAGE_CASES = {
    "communications:handbook": ("list", _url("communications:handbook")),
    "communications:handbook_versions": ("national", _url("communications:handbook_versions")),
    "communications:handbook_version": ("national", _url("communications:handbook_version",
                                                         "handbook_draft")),
    "communications:handbook_value_edit": ("national", lambda w: reverse(
        "communications:handbook_value_edit", args=[w["handbook_draft"].public_id, 1])),
    "communications:handbook_publish": ("national", _url("communications:handbook_publish",
                                                         "handbook_draft")),
    "communications:passport": ("object", _person_url("communications:passport")),
    "communications:passport_pdf": ("object", _person_url("communications:passport_pdf")),
    "communications:passport_share": ("object", _person_url("communications:passport_share")),
    "communications:passport_share_revoke": ("object", _url("communications:passport_share_revoke",
                                                            "passport_share")),
    "communications:passport_shared": ("object", lambda w: reverse("communications:passport_shared",
                                                                   args=[PASSPORT_TOKEN])),
}

API_CASES = {
    "api:passport-detail": ("object", _person_url("api:passport-detail")),
}

# The demo roles that open each page by following links (tests/isolation_registry.py).
REACHABLE_BY = {
    "communications:handbook": EVERYONE,
    "communications:handbook_versions": {"national_admin"},
    "communications:handbook_version": {"national_admin"},
    "communications:handbook_value_edit": {"national_admin"},
    "communications:handbook_publish": {"national_admin"},
    "communications:passport": {"hr_admin", "board_secretary", "manager", "national_admin"},
    "communications:passport_pdf": {"hr_admin", "board_secretary", "manager", "national_admin"},
    "communications:passport_share": {"hr_admin", "board_secretary", "manager", "national_admin"},
    # The demo's one live link is the demo manager's; the HR admin's crawl opens other passports first.
    "communications:passport_share_revoke": {"manager"},
    # By the link the manager sends (REACHED_OTHERWISE); the demo's is for the community trust.
    "communications:passport_shared": NOT_IN_DEMO,
}
