"""Mail that one bad row cannot block: each outbox email is sent or failed on its own.

The SMTP tests talk to a tiny SMTP server on 127.0.0.1 (real sockets, Django's own SMTP backend);
the worker test runs the batch task on the real Celery worker.
"""

import socketserver
import threading
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from leadership import notifications
from leadership.development.tasks import notification_send_batch_task
from leadership.models import Notification, NotificationPreference, Person, User
from tests.conftest import wait_for
from tests.factories import NotificationFactory, PersonFactory, UserFactory

POISON = "Evil\r\nBcc: victim@example.com"
START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)

pytestmark = pytest.mark.django_db  # the worker test asks for transactions itself


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        server, recipients, sender = self.server, [], None
        self.reply("220 localhost test SMTP")
        while line := self.rfile.readline():
            command = line.decode("utf-8", "replace").strip()
            verb = command.split(" ", 1)[0].split(":", 1)[0].upper()
            if verb in {"EHLO", "HELO"}:
                self.reply("250 localhost")
            elif verb == "MAIL":
                sender, recipients = command, []
                self.reply("250 OK")
            elif verb == "RCPT":
                address = command.split(":", 1)[1].strip().strip("<>")
                code = server.refuse.get(address, server.rcpt_code)
                if code == 250:
                    recipients.append(address)
                self.reply(f"{code} {'OK' if code == 250 else 'refused for the test'}")
            elif verb == "DATA":
                self.reply("354 go on")
                data = b""
                while (chunk := self.rfile.readline()) not in {b".\r\n", b""}:
                    data += chunk
                server.messages.append({"from": sender, "to": recipients, "data": data.decode()})
                self.reply("250 queued")
            elif verb in {"RSET", "NOOP"}:
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("500 unknown command")


class SmtpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.messages: list[dict] = []
        self.rcpt_code = 250  # what every recipient gets, unless named in `refuse`
        self.refuse: dict[str, int] = {}

    def delivered_to(self) -> list[str]:
        return sorted(address for message in self.messages for address in message["to"])


@pytest.fixture
def smtp(settings):
    server = SmtpServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.server_address
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.shutdown()
    server.server_close()


def _pending(recipient: User, title: str) -> Notification:
    return NotificationFactory(recipient=recipient, title=title, kind="checkin-reminder",
                               email_state=Notification.EmailState.PENDING,
                               created_at=START - timedelta(hours=1))


def _poisoned_batch(same_org) -> tuple[Notification, list[Notification]]:
    """A manager's reminder naming a person whose name was stored around validation, then nine more."""
    person = PersonFactory(organisation=same_org)
    Person.objects.filter(pk=person.pk).update(first_name=POISON)  # bypasses every validator
    person.refresh_from_db()
    manager = UserFactory(email="manager@rt1.nhs.uk")
    poisoned = _pending(manager, f"{person.full_name}'s day 30 check-in is 7 days overdue")
    others = [_pending(UserFactory(email=f"staff{i}@rt1.nhs.uk"), "Your check-in is due") for i in range(9)]
    return poisoned, others


@pytest.mark.django_db
def test_a_poisoned_row_first_in_a_batch_fails_alone_and_every_other_email_is_delivered(smtp, same_org):
    poisoned, others = _poisoned_batch(same_org)
    with time_machine.travel(START, tick=False):
        notification_send_batch_task([poisoned.id, *[n.id for n in others]])  # the task, run here

    assert smtp.delivered_to() == sorted(n.recipient.email for n in others)
    assert not any("victim@example.com" in m["data"] + " ".join(m["to"]) for m in smtp.messages)
    poisoned.refresh_from_db()
    assert poisoned.email_state == Notification.EmailState.FAILED
    assert poisoned.email_failed_at == START
    assert "U+000D (CARRIAGE RETURN)" in poisoned.email_failure and "subject" in poisoned.email_failure
    assert set(Notification.objects.exclude(id=poisoned.id).values_list("email_state", flat=True)) == {"sent"}

    # The resend sweep never picks it again, now or a week later.
    with time_machine.travel(START + timedelta(minutes=5), tick=False):
        assert notifications.resend_stuck() == 0
    with time_machine.travel(START + timedelta(days=7), tick=False):
        assert poisoned.id not in notifications.due_for_resend(stuck_after=timedelta(0))
        assert notifications.send(notification_id=poisoned.id) is False
    assert len(smtp.messages) == len(others)


@pytest.mark.django_db
def test_a_recipient_refused_for_good_is_failed_with_the_servers_answer(smtp):
    smtp.refuse["gone@rt1.nhs.uk"] = 550
    refused = _pending(UserFactory(email="gone@rt1.nhs.uk"), "Due")
    fine = _pending(UserFactory(email="here@rt1.nhs.uk"), "Due")
    with time_machine.travel(START, tick=False):
        notification_send_batch_task([refused.id, fine.id])
    refused.refresh_from_db()
    assert refused.email_state == Notification.EmailState.FAILED
    assert "550" in refused.email_failure
    assert smtp.delivered_to() == ["here@rt1.nhs.uk"]
    with time_machine.travel(START + timedelta(days=1), tick=False):
        assert notifications.due_for_resend(stuck_after=timedelta(0)) == []


@pytest.mark.django_db
def test_a_temporary_refusal_backs_off_and_is_sent_once_the_server_takes_it(smtp):
    smtp.rcpt_code = 451
    row = _pending(UserFactory(email="later@rt1.nhs.uk"), "Due")
    with time_machine.travel(START, tick=False):
        assert notifications.send(notification_id=row.id) is False
    row.refresh_from_db()
    assert (row.email_state, row.email_attempts) == (Notification.EmailState.PENDING, 1)
    assert row.email_next_attempt_at == START + timedelta(minutes=5)
    assert "451" in row.email_failure

    with time_machine.travel(START + timedelta(minutes=4), tick=False):
        assert row.id not in notifications.due_for_resend()  # still waiting
        assert notifications.send(notification_id=row.id) is False  # a stray task cannot jump the wait
    row.refresh_from_db()
    assert row.email_attempts == 1

    with time_machine.travel(START + timedelta(minutes=5), tick=False):
        assert notifications.due_for_resend() == [row.id]
        notifications.send(notification_id=row.id)
    row.refresh_from_db()
    assert (row.email_attempts, row.email_next_attempt_at) == (2, START + timedelta(minutes=15))

    smtp.rcpt_code = 250
    with time_machine.travel(START + timedelta(minutes=15), tick=False):
        assert notifications.send(notification_id=row.id) is True
    row.refresh_from_db()
    assert (row.email_state, row.email_attempts, row.email_failure) == ("sent", 3, "")
    assert smtp.delivered_to() == ["later@rt1.nhs.uk"]


@pytest.mark.django_db
def test_a_server_that_keeps_refusing_for_now_fails_the_row_after_the_last_attempt(smtp):
    smtp.rcpt_code = 451
    row = _pending(UserFactory(email="never@rt1.nhs.uk"), "Due")
    now = START
    for attempt in range(1, notifications.EMAIL_MAX_ATTEMPTS + 1):
        with time_machine.travel(now, tick=False):
            assert notifications.due_for_resend(stuck_after=timedelta(0)) == [row.id]
            notifications.send(notification_id=row.id)
        row.refresh_from_db()
        assert row.email_attempts == attempt
        if row.email_next_attempt_at:
            now = row.email_next_attempt_at
    assert row.email_state == Notification.EmailState.FAILED
    assert row.email_failure.startswith(f"Gave up after {notifications.EMAIL_MAX_ATTEMPTS} attempts")
    with time_machine.travel(now + timedelta(days=30), tick=False):
        assert notifications.due_for_resend(stuck_after=timedelta(0)) == []
    assert smtp.messages == []


@pytest.mark.django_db
def test_no_mail_server_at_all_is_a_temporary_failure(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    probe = SmtpServer()
    settings.EMAIL_HOST, settings.EMAIL_PORT = probe.server_address
    probe.server_close()  # nothing listens on this port now
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    row = _pending(UserFactory(), "Due")
    with time_machine.travel(START, tick=False):
        assert notifications.send(notification_id=row.id) is False
    row.refresh_from_db()
    assert row.email_state == Notification.EmailState.PENDING
    assert "Could not reach the mail server" in row.email_failure


@pytest.mark.django_db
def test_a_sender_that_dies_on_every_attempt_ends_failed_not_in_a_loop():
    row = _pending(UserFactory(), "Due")
    Notification.objects.filter(id=row.id).update(
        email_state=Notification.EmailState.SENDING, email_claimed_at=START,
        email_attempts=notifications.EMAIL_MAX_ATTEMPTS)
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        assert notifications.resend_stuck() == 0
    row.refresh_from_db()
    assert row.email_state == Notification.EmailState.FAILED
    assert "sender stopped" in row.email_failure


@pytest.mark.django_db
def test_one_poisoned_address_does_not_stop_other_peoples_weekly_digests(smtp):
    good, bad = UserFactory(email="digest@rt1.nhs.uk"), UserFactory()
    User.objects.filter(pk=bad.pk).update(email="bad@rt1.nhs.uk\r\nbcc: victim@example.com")
    for user in (bad, good):
        NotificationPreference.objects.create(user=user, email=NotificationPreference.Email.WEEKLY_DIGEST)
        NotificationFactory(recipient=user, email_state=Notification.EmailState.DIGEST)
    assert notifications.send_weekly_digests() == 1
    assert smtp.delivered_to() == ["digest@rt1.nhs.uk"]
    assert Notification.objects.get(recipient=bad).email_state == Notification.EmailState.FAILED
    assert notifications.send_weekly_digests() == 0


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_sends_the_rest_of_a_batch_whose_first_row_is_poisoned(celery_worker, same_org):
    poisoned, others = _poisoned_batch(same_org)
    notification_send_batch_task.delay([poisoned.id, *[n.id for n in others]])
    done = Notification.objects.filter(email_state__in=["sent", "failed"])
    wait_for(lambda: done.count() == 10, timeout=60)
    poisoned.refresh_from_db()
    assert poisoned.email_state == Notification.EmailState.FAILED
    assert "U+000D" in poisoned.email_failure
    assert set(Notification.objects.exclude(id=poisoned.id).values_list("email_state", flat=True)) == {"sent"}


# The undelivered-email page


@pytest.fixture
def undelivered(db):
    failed = NotificationFactory(kind="checkin-reminder", title=POISON, email_state="failed",
                                 email_failed_at=START, email_attempts=1,
                                 email_failure="Not sent: the subject holds U+000D (CARRIAGE RETURN)")
    waiting = NotificationFactory(kind="training", title="Course tomorrow", email_state="pending",
                                  email_attempts=2, email_next_attempt_at=START,
                                  email_failure="The mail server answered 451.")
    NotificationFactory(kind="training", title="Delivered fine", email_state="sent")
    return failed, waiting


def test_a_national_admin_sees_undelivered_email_with_its_reason(client_for, national_admin, undelivered):
    client = client_for(national_admin)
    page = client.get(reverse("undelivered_mail")).content.decode()
    assert "Not sent: the subject holds U+000D (CARRIAGE RETURN)" in page
    assert "Evil&lt;U+000D (CARRIAGE RETURN)&gt;&lt;U+000A (LINE FEED)&gt;Bcc" in page  # shown, not obeyed
    assert "Course tomorrow" in page and "Delivered fine" not in page
    assert reverse("undelivered_mail") in client.get(reverse("home")).content.decode()  # in their navigation


def test_the_undelivered_email_page_filters_by_kind_and_state(client_for, national_admin, undelivered):
    client = client_for(national_admin)
    by_kind = client.get(reverse("undelivered_mail"), {"kind": "training"}).content.decode()
    assert "Course tomorrow" in by_kind and "CARRIAGE RETURN" not in by_kind
    failed = client.get(reverse("undelivered_mail"), {"state": "failed"}).content.decode()
    assert "CARRIAGE RETURN" in failed and "Course tomorrow" not in failed
    nonsense = client.get(reverse("undelivered_mail"), {"state": "x", "kind": "<b>", "page": "99"})
    assert nonsense.status_code == 200


def test_the_undelivered_email_page_is_paginated(client_for, national_admin, django_assert_max_num_queries):
    for i in range(60):
        NotificationFactory(title=f"Subject number {i}", email_state="failed", email_failed_at=START)
    client = client_for(national_admin)
    with django_assert_max_num_queries(20):
        first = client.get(reverse("undelivered_mail")).content.decode()
    assert "60 undelivered emails" in first and first.count("Subject number ") == 50
    second = client.get(reverse("undelivered_mail"), {"page": 2}).content.decode()
    assert second.count("Subject number ") == 10


def test_nobody_but_a_national_admin_sees_undelivered_email(client_for, same_org_hr_admin, undelivered):
    client = client_for(same_org_hr_admin)
    assert client.get(reverse("undelivered_mail")).status_code == 404
    assert reverse("undelivered_mail") not in client.get(reverse("home")).content.decode()
