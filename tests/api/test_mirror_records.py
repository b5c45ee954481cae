"""Mirrors of organisations (an ICB's footprint) and training records stay exact: full pull, then
updated_since plus the deletions feed, against a fresh full pull (tests/api/mirror.py)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from leadership.models import Organisation
from tests.api.mirror import Mirror
from tests.factories import OrganisationFactory, PersonFactory
from tests.training.factories import RecordFactory, RunFactory
from training import services as training_services
from training.models import Enrolment, TrainingRecord

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_training_record_mirror_stays_exact(api_for):
    trust, elsewhere = OrganisationFactory(ods_code="RZ1"), OrganisationFactory(ods_code="RZ9")
    staff = [PersonFactory(organisation=trust) for _ in range(3)]
    records = [RecordFactory(person=staff[i % 3]) for i in range(7)]
    mirror = Mirror(api_for(trust, ["training:read"]), "training-records", "api:training-record-list")

    RecordFactory(person=staff[0], title="Added later")
    records[0].status = TrainingRecord.Status.WITHDRAWN
    records[0].save()
    TrainingRecord.objects.filter(id=records[1].id).update(hours=12, updated_at=timezone.now())
    records[2].delete()
    TrainingRecord.objects.filter(id__in=[records[3].id, records[4].id]).delete()  # a bulk delete
    doomed = [str(record.public_id) for record in records[2:5]]
    gone_with_person = [str(r.public_id) for r in TrainingRecord.objects.filter(person=staff[2])]
    staff[2].delete()  # their records go with them: a cascade
    RecordFactory(person=PersonFactory(organisation=elsewhere)).delete()  # not this client's business

    deleted = mirror.catch_up()

    mirror.assert_exact()
    assert deleted == set(doomed) | set(gone_with_person)


def test_an_enrolment_mirror_stays_exact_when_a_run_is_changed_or_cancelled(api_for, national_admin):
    trust, elsewhere = OrganisationFactory(ods_code="RZ1"), OrganisationFactory(ods_code="RZ9")
    staff = [PersonFactory(organisation=trust) for _ in range(4)]
    moved, cancelled = RunFactory(capacity=10), RunFactory(capacity=10)
    enrolments = [Enrolment.objects.create(run=run, person=person, status=Enrolment.Status.ENROLLED)
                  for run in (moved, cancelled) for person in staff[:3]]
    mirror = Mirror(api_for(trust, ["training:read"]), "training-enrolments", "api:training-enrolment-list")

    Enrolment.objects.create(run=moved, person=staff[3])
    training_services.run_save(actor=national_admin, course=moved.course, run=moved, place="Online")
    training_services.run_cancel(actor=national_admin, run=cancelled, reason="Trainer ill")
    doomed = str(enrolments[0].public_id)
    enrolments[0].delete()
    gone_with_person = {str(e.public_id) for e in Enrolment.objects.filter(person=staff[1])}
    staff[1].delete()
    Enrolment.objects.create(run=moved, person=PersonFactory(organisation=elsewhere)).delete()

    deleted = mirror.catch_up()

    mirror.assert_exact()
    assert deleted == {doomed} | gone_with_person
    assert {row["run_cancelled"] for row in mirror.rows.values() if row["run"] == str(cancelled.public_id)} \
        == {True}


def test_an_icb_mirror_of_its_organisations_stays_exact(api_for, icb):
    trusts = [OrganisationFactory(parent=icb) for _ in range(3)]
    mirror = Mirror(api_for(icb, ["organisations:read"]), "organisations", "api:organisation-list")

    OrganisationFactory(parent=icb, name="New NHS Trust")
    trusts[0].name = "Renamed NHS Trust"
    trusts[0].save()
    Organisation.objects.filter(id=trusts[1].id).update(active=False, dissolved_on=timezone.localdate(),
                                                        updated_at=timezone.now())
    doomed = str(trusts[2].public_id)
    trusts[2].delete()
    OrganisationFactory().delete()  # under no footprint of this client

    deleted = mirror.catch_up()

    mirror.assert_exact()
    assert deleted == {doomed}


def test_a_trust_does_not_hear_of_deletions_in_a_trust_it_absorbed(api_for):
    """Only a footprint's reach follows successors (as its lists do); a trust's lists never showed
    the rows of a trust that merged into it, so its feed must not name them when they go."""
    icb = OrganisationFactory(ods_code="QZ1", kind="icb")
    trust = OrganisationFactory(ods_code="RZ1", parent=icb)
    merged = OrganisationFactory(ods_code="RZ2", parent=icb, active=False, dissolved_on="2025-03-31",
                                 successor=trust)
    person = PersonFactory(organisation=merged)
    record_id = str(RecordFactory(person=person).public_id)
    person.delete()  # and their records with them
    merged.delete()

    def heard_by(organisation) -> set[str]:
        api = api_for(organisation, ["training:read"])
        rows = api.get(reverse("api:deletion-list"), {"resource": "training-records"}).json()["results"]
        return {row["id"] for row in rows}

    assert record_id not in heard_by(trust)
    # Training records are personal: the ICB's lists never showed the merged trust's, with no agreement.
    assert record_id not in heard_by(icb)
