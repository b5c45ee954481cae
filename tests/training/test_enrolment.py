"""Enrolment: request, line-manager decision, waiting list, cancellation, and capacity under concurrency."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from leadership.models import Notification, Person
from tests.factories import PersonFactory, user_with_person
from tests.training.factories import RunFactory
from training import services
from training.models import Enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture
def lee(same_org_manager):
    """Lee Lead reports to Morgan Manager and has a login."""
    lee = Person.objects.get(first_name="Lee")
    lee.user = user_with_person(lee.organisation).person.user
    Person.objects.filter(user=lee.user).exclude(id=lee.id).update(user=None)
    lee.save()
    return lee


def test_a_manager_asks_for_a_place_and_waits_for_their_line_manager(lee, same_org_manager):
    run = RunFactory()
    enrolment = services.enrolment_request(actor=lee.user, run=run, person=lee)
    assert enrolment.status == Enrolment.Status.REQUESTED
    assert Notification.objects.filter(recipient=same_org_manager, key__contains="requested").exists()


def test_the_line_manager_approves_and_the_place_is_confirmed(lee, same_org_manager):
    enrolment = services.enrolment_request(actor=lee.user, run=RunFactory(), person=lee)
    services.enrolment_approve(actor=same_org_manager, enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED
    assert Notification.objects.filter(recipient=lee.user, key__endswith=":approved").exists()


def test_a_line_manager_asking_for_their_report_approves_at_once(same_org_manager):
    rita = Person.objects.get(first_name="Rita")
    enrolment = services.enrolment_request(actor=same_org_manager, run=RunFactory(), person=rita)
    assert enrolment.status == Enrolment.Status.ENROLLED


def test_declining_needs_a_reason_and_tells_the_person(lee, same_org_manager):
    enrolment = services.enrolment_request(actor=lee.user, run=RunFactory(), person=lee)
    with pytest.raises(ValidationError):
        services.enrolment_decline(actor=same_org_manager, enrolment=enrolment, reason=" ")
    services.enrolment_decline(actor=same_org_manager, enrolment=enrolment, reason="Not this quarter")
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.decision_reason) == (Enrolment.Status.DECLINED, "Not this quarter")
    assert Notification.objects.filter(recipient=lee.user, key__endswith=":declined").exists()


def test_someone_else_cannot_decide(lee, other_org_hr_admin):
    enrolment = services.enrolment_request(actor=lee.user, run=RunFactory(), person=lee)
    with pytest.raises(PermissionDenied):
        services.enrolment_approve(actor=other_org_hr_admin, enrolment=enrolment)
    with pytest.raises(PermissionDenied):
        services.enrolment_approve(actor=lee.user, enrolment=enrolment)  # not one's own request


def test_a_manager_cannot_ask_for_a_place_for_someone_outside_their_team(same_org_manager, other_org_person):
    with pytest.raises(PermissionDenied):
        services.enrolment_request(actor=same_org_manager, run=RunFactory(), person=other_org_person)


def test_a_full_run_puts_the_next_approval_on_the_waiting_list_and_a_cancellation_promotes_it(
    same_org_manager, same_org
):
    run = RunFactory(capacity=1)
    first, second, third = (
        PersonFactory(organisation=same_org, line_manager=same_org_manager.person) for _ in range(3)
    )
    e1 = services.enrolment_request(actor=same_org_manager, run=run, person=first)
    e2 = services.enrolment_request(actor=same_org_manager, run=run, person=second)
    e3 = services.enrolment_request(actor=same_org_manager, run=run, person=third)
    assert [e.status for e in (e1, e2, e3)] == ["enrolled", "waitlisted", "waitlisted"]
    services.enrolment_cancel(actor=same_org_manager, enrolment=e1)
    statuses = {e.id: e.status for e in Enrolment.objects.filter(run=run)}
    assert statuses == {e1.id: "cancelled", e2.id: "enrolled", e3.id: "waitlisted"}


def test_cancelling_a_waiting_place_promotes_nobody(same_org_manager, same_org):
    run = RunFactory(capacity=1)
    a, b = (PersonFactory(organisation=same_org, line_manager=same_org_manager.person) for _ in range(2))
    services.enrolment_request(actor=same_org_manager, run=run, person=a)
    waiting = services.enrolment_request(actor=same_org_manager, run=run, person=b)
    services.enrolment_cancel(actor=same_org_manager, enrolment=waiting)
    assert list(Enrolment.objects.filter(run=run).order_by("id").values_list("status", flat=True)) == [
        "enrolled",
        "cancelled",
    ]


def test_a_person_cannot_ask_twice_for_the_same_run(same_org_manager):
    run = RunFactory()
    services.enrolment_request(actor=same_org_manager, run=run, person=same_org_manager.person)
    with pytest.raises(ValidationError):
        services.enrolment_request(actor=same_org_manager, run=run, person=same_org_manager.person)


def test_the_pages_take_a_request_through_to_a_decision(client_for, lee, same_org_manager):
    run = RunFactory()
    client = client_for(lee.user)
    response = client.post(
        reverse("training:enrolment_request", args=[run.public_id]), {"person": str(lee.public_id)}
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(person=lee)
    client = client_for(same_org_manager)
    assert enrolment.person.full_name.encode() in client.get(reverse("training:my_training")).content
    response = client.post(
        reverse("training:enrolment_decide", args=[enrolment.public_id]),
        {"decision": "decline", "reason": ""},
    )
    assert response.status_code == 200  # a decline needs a reason
    response = client.post(
        reverse("training:enrolment_decide", args=[enrolment.public_id]), {"decision": "approve"}
    )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED


@pytest.mark.django_db(transaction=True)
def test_two_approvals_for_the_last_place_at_once_give_one_place_and_one_waiting(same_org_manager, same_org):
    """GIVEN a run with one place and two requests, WHEN both are approved on two connections at once,
    THEN exactly one is enrolled and the other wait-listed."""
    run = RunFactory(capacity=1)
    people = [PersonFactory(organisation=same_org, line_manager=same_org_manager.person) for _ in range(2)]
    requests = [Enrolment.objects.create(run=run, person=person) for person in people]
    barrier = threading.Barrier(2)
    errors = []

    def approve(enrolment):
        try:
            barrier.wait(timeout=10)
            services.enrolment_approve(actor=same_org_manager, enrolment=enrolment)
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(e,)) for e in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    statuses = sorted(Enrolment.objects.filter(run=run).values_list("status", flat=True))
    assert statuses == ["enrolled", "waitlisted"]
