"""Demo passport share: the demo manager's passport shared with the demo community trust, by a fixed
(not secret) demo link. `seed()` is idempotent; seed_demo calls it once people exist."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from communications.models import PassportShare
from communications.models.passport import token_hash
from leadership.demo import DEMO_COMMUNITY_TRUST
from leadership.models import Organisation, Person

DEMO_TOKEN = "demo-passport-link"  # noqa: S105 - a demo link, printed by seed_demo on purpose


@transaction.atomic
def seed() -> dict:
    person = Person.objects.filter(user__email="manager@demo.nhs.uk").first()
    recipient = Organisation.objects.filter(ods_code=DEMO_COMMUNITY_TRUST).first()
    if person is None or recipient is None:
        return {"passport_shares": 0}
    _, created = PassportShare.objects.get_or_create(
        token_hash=token_hash(DEMO_TOKEN),
        defaults={"person": person, "recipient": recipient,
                  "expires_at": timezone.now() + timedelta(days=90)})
    return {"passport_shares": int(created), "link": f"/communications/passport/shared/{DEMO_TOKEN}/"}
