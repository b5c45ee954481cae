"""A rule broken inside the actor's reach is a form error in the NHS error summary, not a flash
message or a 404, and nothing is written: cancelling a place that is no longer active, and an
import the service refuses."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from leadership.models import Person
from tests.factories import user_with_person
from tests.training.factories import RunFactory
from training import services
from training.models import Enrolment, TrainingImport

pytestmark = pytest.mark.django_db


def test_cancelling_a_place_already_cancelled_shows_why_in_the_error_summary(client_for, same_org_manager):
    lee = Person.objects.get(first_name="Lee")
    lee.user = user_with_person(lee.organisation).person.user
    Person.objects.filter(user=lee.user).exclude(id=lee.id).update(user=None)
    lee.save()
    enrolment = services.enrolment_request(actor=lee.user, run=RunFactory(), person=lee)
    services.enrolment_cancel(actor=lee.user, enrolment=enrolment)
    response = client_for(lee.user).post(reverse("training:enrolment_cancel", args=[enrolment.public_id]))
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"This place is no longer active." in response.content
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.CANCELLED


def test_an_import_the_service_refuses_is_a_form_error_not_a_404(client_for, same_org_hr_admin, monkeypatch):
    """The organisation is the HR admin's; the service's own refusal is stood in to show the policy."""
    def refuse(**kwargs):
        raise PermissionDenied("Only the organisation's HR admins can import its training records.")

    monkeypatch.setattr(services, "training_import_start", refuse)
    response = client_for(same_org_hr_admin).post(
        reverse("training:import_new", args=["RT1"]),
        {"file": SimpleUploadedFile("training.csv", b"employee_number,course\n")},
    )
    assert response.status_code == 200
    assert b"Only the organisation&#x27;s HR admins can import its training records." in response.content
    assert not TrainingImport.objects.exists()
