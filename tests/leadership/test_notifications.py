"""The outbox: one row per key, one email per row, digests held back, only the recipient reads it."""

import pytest
from django.core import mail
from django.urls import reverse

from leadership import notifications
from leadership.models import Notification, NotificationPreference
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_notify_writes_one_row_per_key_and_sends_after_commit(django_capture_on_commit_callbacks,
                                                              settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from portal.celery import app

    app.conf.task_always_eager = True
    user = UserFactory()
    try:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            first = notifications.notify(recipient=user, key="cycle:1:day-30", kind="checkin",
                                         title="Check-in due", link="/me/")
            again = notifications.notify(recipient=user, key="cycle:1:day-30", kind="checkin",
                                         title="Check-in due", link="/me/")
    finally:
        app.conf.task_always_eager = False
    assert again is None
    assert len(callbacks) == 1
    assert Notification.objects.count() == 1
    first.refresh_from_db()
    assert first.email_state == Notification.EmailState.SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert mail.outbox[0].body.startswith("Open the portal:\nhttp://127.0.0.1:8000/me/\n")


def test_send_twice_sends_once():
    notification = NotificationFactory(email_state=Notification.EmailState.PENDING)
    assert notifications.send(notification_id=notification.id) is True
    assert notifications.send(notification_id=notification.id) is False
    assert len(mail.outbox) == 1


def test_people_who_chose_a_digest_get_no_single_email():
    user = UserFactory()
    NotificationPreference.objects.create(user=user, email=NotificationPreference.Email.WEEKLY_DIGEST)
    notification = notifications.notify(recipient=user, key="k", kind="checkin", title="Due")
    assert notification.email_state == Notification.EmailState.DIGEST
    assert notifications.send(notification_id=notification.id) is False
    assert mail.outbox == []


def test_opening_a_notification_marks_it_read_and_follows_its_link(client_for):
    notification = NotificationFactory(link="/me/")
    response = client_for(notification.recipient).post(
        reverse("notification_open", args=[notification.public_id]))
    assert response.url == "/me/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_nobody_else_can_read_or_open_a_notification(client_for):
    notification = NotificationFactory(title="Private reminder")
    stranger = client_for(UserFactory())
    assert b"Private reminder" not in stranger.get(reverse("notification_list")).content
    assert stranger.post(reverse("notification_open", args=[notification.public_id])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_an_external_link_is_never_followed(client_for):
    notification = NotificationFactory(link="https://evil.example.com/")
    response = client_for(notification.recipient).post(
        reverse("notification_open", args=[notification.public_id]))
    assert response.url == reverse("notification_list")


def test_a_person_chooses_the_weekly_digest_and_gets_one_summary(client_for):
    user = UserFactory()
    response = client_for(user).post(reverse("notification_preferences"), {"email": "weekly_digest"})
    assert response.status_code == 302
    first = notifications.notify(recipient=user, key="a", kind="checkin", title="Check-in in 7 days",
                                 link="/development/cycle/")
    notifications.notify(recipient=user, key="b", kind="checkin", title="Check-in tomorrow")
    assert first.email_state == Notification.EmailState.DIGEST
    assert mail.outbox == []
    assert notifications.send_weekly_digests() == 1
    assert notifications.send_weekly_digests() == 0  # nothing twice
    assert len(mail.outbox) == 1
    assert "Check-in in 7 days" in mail.outbox[0].body and "Check-in tomorrow" in mail.outbox[0].body
    assert mail.outbox[0].body.count("/development/cycle/") == 1
    assert set(Notification.objects.values_list("email_state", flat=True)) == {"digested"}


def test_an_unknown_preference_is_refused_and_nothing_changes(client_for):
    user = UserFactory()
    response = client_for(user).post(reverse("notification_preferences"), {"email": "hourly"})
    assert response.status_code == 200
    assert not NotificationPreference.objects.filter(user=user).exists()
