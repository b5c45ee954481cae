"""Demo handbook data: version 1 published, version 2 in draft, and attestations by most managers of
the demo acute trust. `seed()` is idempotent; seed_demo calls it once people exist."""

from django.db import transaction
from django.utils import timezone

from communications.handbook import selectors, services
from communications.models import HandbookVersion, ValuesAttestation
from leadership.demo import DEMO_ACUTE_TRUST
from leadership.models import ManagementLevel, Person


@transaction.atomic
def seed() -> dict:
    if not HandbookVersion.objects.filter(status=HandbookVersion.Status.PUBLISHED).exists():
        draft = HandbookVersion.objects.filter(status=HandbookVersion.Status.DRAFT).first() \
            or services.handbook_draft_start(actor=None)
        services.handbook_publish(actor=None, version=draft, change_note="The first version.")
    if not HandbookVersion.objects.filter(status=HandbookVersion.Status.DRAFT).exists():
        services.handbook_draft_start(actor=None)  # national admins see a draft to edit
    current = selectors.current_version()
    managers = (Person.objects.filter(organisation__ods_code=DEMO_ACUTE_TRUST, active=True)
                .exclude(management_level=ManagementLevel.NONE)
                .exclude(user__email="manager@demo.nhs.uk")  # the demo manager still has it to do
                .order_by("id"))
    # Two in three managers have attested: the rest see it on their to-do list.
    chosen = [person for index, person in enumerate(managers) if index % 3 != 2]
    before = ValuesAttestation.objects.count()
    ValuesAttestation.objects.bulk_create(
        [ValuesAttestation(person=person, organisation_id=person.organisation_id, version=current,
                           attested_at=timezone.now()) for person in chosen],
        ignore_conflicts=True)
    return {"handbook_version": current.number, "attestations": ValuesAttestation.objects.count() - before}
