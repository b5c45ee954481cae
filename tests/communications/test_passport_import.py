"""The receiving trust's HR admin imports a passport when the person moves: training records,
qualifications and values attestations are created in the new trust, marked transferred with their
source; the old trust keeps its own rows; the import is all or nothing."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from communications.handbook import services as handbook_services
from communications.models import PassportShare, ValuesAttestation
from communications.passport import services
from tests.factories import PersonFactory, user_with_person
from tests.training.factories import CourseFactory, RecordFactory
from training.models import Qualification, TrainingRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def mover(same_org_manager, handbook):
    """Morgan: a completed course with a qualification, a withdrawn one, and version 1 attested."""
    person = same_org_manager.person
    course = CourseFactory(title="Mary Seacole Programme", qualification="Mary Seacole award")
    record = RecordFactory(
        person=person, course=course, on=date(2025, 3, 1), provider_name="Leadership Academy"
    )
    Qualification.objects.create(
        person=person, course=course, record=record, name="Mary Seacole award", awarded_on=date(2025, 3, 1)
    )
    RecordFactory(person=person, status=TrainingRecord.Status.WITHDRAWN, on=date(2025, 5, 1))
    handbook_services.values_attest(actor=same_org_manager, version=handbook)
    return person


@pytest.fixture
def share(mover, same_org_manager, new_trust):
    return services.passport_share_create(actor=same_org_manager, person=mover, recipient=new_trust, days=14)


@pytest.fixture
def arrival(new_trust):
    return PersonFactory(organisation=new_trust, first_name="Morgan", last_name="Manager")


def test_the_import_copies_the_records_marked_transferred_and_the_old_trust_keeps_its_own(
    client_for, mover, share, arrival, new_trust_hr_admin, same_org
):
    share_row, token = share
    response = client_for(new_trust_hr_admin).post(
        reverse("communications:passport_shared", args=[token]), {"person": arrival.public_id}
    )
    assert response.status_code == 200 and b"Passport imported" in response.content
    copied = TrainingRecord.objects.get(person=arrival)
    assert copied.source == TrainingRecord.Source.TRANSFERRED and copied.organisation == arrival.organisation
    assert copied.transferred_from == "Same Hospitals NHS Trust (RT1)"
    assert (copied.title, copied.on, copied.cost) == ("Mary Seacole Programme", date(2025, 3, 1), 0)
    qualification = Qualification.objects.get(person=arrival)
    assert (
        qualification.transferred_from == "Same Hospitals NHS Trust (RT1)" and qualification.record == copied
    )
    attestation = ValuesAttestation.objects.get(person=arrival)
    assert attestation.source == "transferred" and attestation.organisation == arrival.organisation
    # The old trust's rows are untouched: still there, still its own.
    assert TrainingRecord.objects.filter(person=mover, organisation=same_org).count() == 2
    assert ValuesAttestation.objects.get(person=mover).source == "attested"
    share_row.refresh_from_db()
    assert share_row.imported_into == arrival and share_row.imported_by == new_trust_hr_admin


def test_a_passport_is_imported_once(mover, share, arrival, new_trust_hr_admin):
    share_row, _ = share
    services.passport_import(actor=new_trust_hr_admin, share=share_row, person=arrival)
    with pytest.raises(ValidationError, match="already been imported"):
        services.passport_import(actor=new_trust_hr_admin, share=share_row, person=arrival)
    assert TrainingRecord.objects.filter(person=arrival).count() == 1


def test_the_import_is_all_or_nothing(mover, share, arrival, new_trust_hr_admin):
    """GIVEN a passport whose second training record holds a forbidden character
    WHEN the import reaches it
    THEN nothing is written: not the first record, not the share's import mark"""
    RecordFactory(person=mover, course=None, title="Bad\u202etitle", on=date(2024, 1, 1))
    share_row, _ = share
    with pytest.raises(ValidationError):
        services.passport_import(actor=new_trust_hr_admin, share=share_row, person=arrival)
    assert not TrainingRecord.objects.filter(person=arrival).exists()
    assert not Qualification.objects.filter(person=arrival).exists()
    assert not ValuesAttestation.objects.filter(person=arrival).exists()
    share_row.refresh_from_db()
    assert share_row.imported_at is None


def test_only_the_receiving_trusts_hr_admin_imports(
    client_for, mover, share, arrival, new_trust, same_org_hr_admin
):
    share_row, token = share
    staff = user_with_person(new_trust, first_name="Plain", last_name="Staff")
    response = client_for(staff).post(
        reverse("communications:passport_shared", args=[token]), {"person": arrival.public_id}
    )
    assert response.status_code == 200 and b"nhsuk-error-summary" in response.content
    with pytest.raises(PermissionDenied):
        services.passport_import(actor=same_org_hr_admin, share=share_row, person=arrival)
    assert not TrainingRecord.objects.filter(person=arrival).exists()


def test_the_import_goes_only_into_the_receiving_trusts_own_staff(
    mover, share, new_trust_hr_admin, other_org_person
):
    share_row, _ = share
    with pytest.raises(ValidationError):
        services.passport_import(actor=new_trust_hr_admin, share=share_row, person=other_org_person)
    assert not TrainingRecord.objects.filter(person=other_org_person).exists()


def test_an_expired_or_revoked_link_cannot_be_imported(
    same_org_manager, mover, share, arrival, new_trust_hr_admin
):
    share_row, _ = share
    services.passport_share_revoke(actor=same_org_manager, share=share_row)
    with pytest.raises(ValidationError, match="revoked"):
        services.passport_import(actor=new_trust_hr_admin, share=share_row, person=arrival)
    PassportShare.objects.filter(pk=share_row.pk).update(revoked_at=None)
    with (
        time_machine.travel(timezone.now() + timedelta(days=15)),
        pytest.raises(ValidationError, match="expired"),
    ):
        services.passport_import(actor=new_trust_hr_admin, share=share_row, person=arrival)
    assert not TrainingRecord.objects.filter(person=arrival).exists()
