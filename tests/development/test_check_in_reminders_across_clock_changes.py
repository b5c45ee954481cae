"""Reminder timing in UK local time across the clock changes, and a sweep that never doubles."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.management import call_command

from leadership.development import reminders, services
from leadership.models import CheckIn, Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def utc(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def lee(same_org_manager):
    lee = same_org_manager.person.reports.get(first_name="Lee")
    lee.user = UserFactory()
    lee.save()
    return lee


def _cycle_with_day_30_on(lee, due_on: date):
    from datetime import timedelta

    with time_machine.travel(utc(2025, 1, 1, 12), tick=False):
        return services.cycle_start(actor=lee.user, person=lee, focus="F",
                                    starts_on=due_on - timedelta(days=30))


def test_reminders_fall_at_8_am_uk_time_in_summer_and_in_winter():
    assert reminders.reminder_at(date(2025, 7, 10), 2) == utc(2025, 7, 10, 7)   # BST
    assert reminders.reminder_at(date(2025, 12, 10), 2) == utc(2025, 12, 10, 8)  # GMT


def test_a_week_ahead_reminder_across_the_spring_change_is_sent_at_8_bst(lee):
    # The check-in is due Friday 4 April 2025; 7 days before is 28 March, still GMT; the day
    # before is 3 April, in BST (clocks went forward on 30 March).
    cycle = _cycle_with_day_30_on(lee, date(2025, 4, 4))
    with time_machine.travel(utc(2025, 3, 28, 7, 59), tick=False):
        assert reminders.sweep() == 0
    with time_machine.travel(utc(2025, 3, 28, 8, 0), tick=False):
        reminders.sweep()
    assert Notification.objects.filter(key__contains="checkin-30:due-in-7-days").count() == 1
    with time_machine.travel(utc(2025, 4, 3, 6, 59), tick=False):
        reminders.sweep()
    assert not Notification.objects.filter(key__contains="due-tomorrow").exists()
    with time_machine.travel(utc(2025, 4, 3, 7, 0), tick=False):  # 08:00 BST
        reminders.sweep()
    (notification,) = Notification.objects.filter(key__contains="checkin-30:due-tomorrow")
    assert notification.recipient == lee.user
    assert notification.key == f"cycle:{cycle.public_id}:checkin-30:due-tomorrow:user:{lee.user.public_id}"


def test_across_the_autumn_change_the_local_date_decides(lee):
    # Due Monday 27 October 2025; clocks went back on Sunday 26 October.
    _cycle_with_day_30_on(lee, date(2025, 10, 27))
    with time_machine.travel(utc(2025, 10, 26, 7, 30), tick=False):  # 07:30 GMT on the day before
        reminders.sweep()
    assert not Notification.objects.filter(key__contains="due-tomorrow").exists()
    with time_machine.travel(utc(2025, 10, 26, 8, 0), tick=False):
        reminders.sweep()
    assert Notification.objects.filter(key__contains="due-tomorrow").count() == 1


def test_on_the_day_overdue_and_the_line_manager_after_seven_days(lee, same_org_manager):
    _cycle_with_day_30_on(lee, date(2025, 6, 2))
    for moment in (utc(2025, 6, 2, 7), utc(2025, 6, 3, 7), utc(2025, 6, 9, 7)):
        with time_machine.travel(moment, tick=False):
            reminders.sweep()
    keys = set(Notification.objects.filter(key__contains="checkin-30").values_list("key", flat=True))
    names = {key.split(":")[3] for key in keys}
    assert {"due-today", "overdue", "overdue-7-days"} <= names
    (manager_note,) = Notification.objects.filter(key__contains="overdue-7-days")
    assert manager_note.recipient == same_org_manager


def test_a_late_sweep_sends_only_the_latest_reminder_and_never_twice(lee):
    _cycle_with_day_30_on(lee, date(2025, 6, 2))
    with time_machine.travel(utc(2025, 6, 2, 12), tick=False):
        reminders.sweep()
        reminders.sweep()
        call_command("sweep_reminders")
    names = {k.split(":")[3] for k in Notification.objects.filter(key__contains="checkin-30")
             .values_list("key", flat=True)}
    assert names == {"due-today"}


def test_a_recorded_check_in_gets_no_more_reminders(lee):
    cycle = _cycle_with_day_30_on(lee, date(2025, 6, 2))
    check_in = cycle.check_ins.get(day=30)
    services.check_in_record(actor=lee.user, check_in=check_in, progress="Done early")
    with time_machine.travel(utc(2025, 6, 12, 12), tick=False):
        reminders.sweep()
    assert not Notification.objects.filter(key__contains="checkin-30").exists()
    assert CheckIn.objects.get(id=check_in.id).next_reminder_at is None


def test_the_sweeps_sql_writes_the_words_and_link_of_each_reminder(lee, same_org_manager):
    """Titles, bodies and links are built in the sweep's INSERT ... SELECT: they read as Python wrote them."""
    from django.urls import reverse

    cycle = _cycle_with_day_30_on(lee, date(2025, 6, 2))
    # After a gap: only the latest of the person's own, and the line manager's.
    with time_machine.travel(utc(2025, 6, 9, 7), tick=False):
        assert reminders.sweep() >= 1
    own = Notification.objects.get(recipient=lee.user, key__contains="checkin-30")
    manager = Notification.objects.get(recipient=same_org_manager, key__contains="checkin-30")
    assert own.key == f"cycle:{cycle.public_id}:checkin-30:overdue:user:{lee.user.public_id}"
    assert own.title == "Your day 30 check-in is overdue"
    assert own.body == 'The day 30 check-in of the 90-day cycle "F" is due on 2 June 2025.'
    assert own.link == reverse("development:check_in", args=[cycle.public_id, 30])
    assert own.kind == "checkin-reminder" and own.email_state == Notification.EmailState.PENDING
    assert manager.title == f"{lee.full_name}'s day 30 check-in is 7 days overdue"
    assert manager.link == own.link
    check_in = cycle.check_ins.get(day=30)
    assert check_in.reminder_stage == len(reminders.MILESTONES) and check_in.next_reminder_at is None
