"""Cancelling a place is a destructive action: the table links to a confirmation page, the page's
warning button cancels (leadership.web.confirm_page)."""

import pytest
from django.urls import reverse

from leadership.models import Person
from tests.factories import user_with_person
from tests.training.factories import RunFactory
from training import services
from training.models import Enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture
def lee_with_a_place(same_org_manager):
    lee = Person.objects.get(first_name="Lee")
    lee.user = user_with_person(lee.organisation).person.user
    Person.objects.filter(user=lee.user).exclude(id=lee.id).update(user=None)
    lee.save()
    return lee, services.enrolment_request(actor=lee.user, run=RunFactory(), person=lee)


def test_the_table_links_to_the_confirmation_instead_of_cancelling_at_once(client_for, lee_with_a_place):
    lee, enrolment = lee_with_a_place
    html = client_for(lee.user).get(reverse("training:my_training")).content.decode()
    url = reverse("training:enrolment_cancel", args=[enrolment.public_id])
    assert f'<a href="{url}">Cancel' in html and f'action="{url}"' not in html


def test_opening_the_confirmation_changes_nothing_and_its_warning_button_cancels(
        client_for, lee_with_a_place):
    lee, enrolment = lee_with_a_place
    client = client_for(lee.user)
    url = reverse("training:enrolment_cancel", args=[enrolment.public_id])
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and "nhsuk-button--warning" in html and "Cancel the place" in html
    assert "Back to" in html
    enrolment.refresh_from_db()
    assert enrolment.status != Enrolment.Status.CANCELLED
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("training:my_training")
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.CANCELLED
