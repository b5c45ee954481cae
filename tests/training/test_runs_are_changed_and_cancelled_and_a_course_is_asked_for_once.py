"""Course runs can be changed and cancelled (the people on a cancelled run are told once and their
enrolments closed with the reason), and a person holds one open request per course."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from leadership.models import Notification, Person
from tests.factories import user_with_person
from tests.training.factories import RunFactory
from training import services
from training.models import CourseRun, Enrolment

pytestmark = pytest.mark.django_db


def _with_login(person: Person) -> Person:
    person.user = user_with_person(person.organisation).person.user
    Person.objects.filter(user=person.user).exclude(id=person.id).update(user=None)
    person.save()
    return person


@pytest.fixture
def lee(same_org_manager):
    """Lee Lead reports to Morgan Manager and has a login."""
    return _with_login(Person.objects.get(first_name="Lee"))


@pytest.fixture
def full_run(lee, same_org_manager):
    """A run of one place: Rita holds it, Lee waits, and Sam has only asked."""
    run = RunFactory(capacity=1)
    rita = _with_login(Person.objects.get(first_name="Rita"))
    services.enrolment_request(actor=same_org_manager, run=run, person=rita)
    services.enrolment_request(actor=same_org_manager, run=run, person=lee)
    sam = user_with_person(lee.organisation).person
    services.enrolment_request(actor=sam.user, run=run, person=sam)
    return run


def test_cancelling_a_run_closes_every_open_enrolment_with_the_reason_and_tells_each_person_once(
        client_for, national_admin, full_run):
    page = client_for(national_admin).get(reverse("training:run_cancel", args=[full_run.public_id]))
    assert b"3 people have a place, a request or a waiting-list entry" in page.content

    response = client_for(national_admin).post(reverse("training:run_cancel", args=[full_run.public_id]),
                                               {"reason": "The trainer is ill"})
    assert response.status_code == 302

    enrolments = list(full_run.enrolments.all())
    assert {e.status for e in enrolments} == {Enrolment.Status.CANCELLED}
    assert {e.decision_reason for e in enrolments} == {"The trainer is ill"}
    told = Notification.objects.filter(key__endswith=":run-cancelled")
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted(
        e.person.user_id for e in enrolments)
    with pytest.raises(ValidationError):
        services.run_cancel(actor=national_admin, run=full_run, reason="Again")
    assert told.count() == 3


def test_a_run_cancelled_without_a_reason_is_a_form_error_and_nothing_changes(client_for, national_admin,
                                                                               full_run):
    response = client_for(national_admin).post(reverse("training:run_cancel", args=[full_run.public_id]),
                                               {"reason": "  "})
    assert response.status_code == 200 and b"There is a problem" in response.content
    full_run.refresh_from_db()
    assert not full_run.cancelled
    assert not Notification.objects.filter(key__endswith=":run-cancelled").exists()


def test_only_the_catalogue_managers_cancel_or_change_a_run(client_for, same_org_hr_admin, full_run):
    client = client_for(same_org_hr_admin)
    assert client.get(reverse("training:run_cancel", args=[full_run.public_id])).status_code == 404
    assert client.post(reverse("training:run_edit", args=[full_run.public_id]), {}).status_code == 404


def test_a_run_cannot_shrink_below_its_confirmed_places_and_growing_it_gives_the_waiting_list_a_place(
        client_for, national_admin, full_run, lee):
    url = reverse("training:run_edit", args=[full_run.public_id])
    starts = full_run.starts_on
    form = {"starts_on": starts.isoformat(), "ends_on": starts.isoformat(), "place": "York"}
    response = client_for(national_admin).post(url, {**form, "capacity": 0})
    assert b"There is a problem" in response.content
    services.run_save(actor=national_admin, course=full_run.course, run=full_run, capacity=2, place="York",
                      starts_on=starts, ends_on=starts)
    assert Enrolment.objects.get(run=full_run, person=lee).status == Enrolment.Status.ENROLLED
    assert CourseRun.objects.get(id=full_run.id).place == "York"


def test_a_cancelled_run_cannot_be_changed(national_admin, full_run):
    services.run_cancel(actor=national_admin, run=full_run, reason="Venue closed")
    with pytest.raises(ValidationError):
        services.run_save(actor=national_admin, course=full_run.course, run=full_run, capacity=5)


def test_a_second_open_request_for_the_same_course_is_refused_naming_the_run_already_asked_for(
        client_for, lee):
    first = RunFactory()
    second = RunFactory(course=first.course, starts_on=first.starts_on + timedelta(days=30),
                        ends_on=first.starts_on + timedelta(days=30), place="Bradford")
    services.enrolment_request(actor=lee.user, run=first, person=lee)
    response = client_for(lee.user).post(reverse("training:enrolment_request", args=[second.public_id]),
                                         {"person": str(lee.public_id)})
    assert response.status_code == 200 and b"There is a problem" in response.content
    assert f"{first.starts_on:%d %B %Y} ({first.place})".encode() in response.content
    assert not Enrolment.objects.filter(run=second).exists()


def test_a_cancelled_request_or_a_place_on_a_run_that_has_ended_does_not_block_asking_again(lee):
    soon = RunFactory()
    enrolment = services.enrolment_request(actor=lee.user, run=soon, person=lee)
    services.enrolment_cancel(actor=lee.user, enrolment=enrolment)
    ended_on = timezone.localdate() - timedelta(days=1)
    ended = RunFactory(course=soon.course, starts_on=ended_on, ends_on=ended_on)
    Enrolment.objects.create(run=ended, person=lee, status=Enrolment.Status.ENROLLED)
    later = RunFactory(course=soon.course, starts_on=soon.starts_on + timedelta(days=7),
                       ends_on=soon.starts_on + timedelta(days=7))
    assert services.enrolment_request(actor=lee.user, run=later, person=lee).status == "requested"
