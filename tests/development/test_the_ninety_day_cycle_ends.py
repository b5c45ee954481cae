"""The 90-day cycle ends: from day 90 the review is due and on the person's to-do list; 14 days after
its review date the cycle is "review overdue" and the line manager is told once, through the reminder
sweep; a cycle a whole cycle past its review date is closed, so none stays active for ever."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from leadership.development import presenters, reminders, services
from leadership.development.todo import development_todos
from leadership.models import ActionCycle, Notification
from tests.factories import user_with_person

pytestmark = pytest.mark.django_db
START = date(2025, 1, 6)  # day 90 (the review date) is 6 April 2025; 14 days on, 20 April (BST)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def boss(same_org, same_org_manager):
    boss = user_with_person(same_org, first_name="Bea", last_name="Boss")
    same_org_manager.person.line_manager = boss.person
    same_org_manager.person.save()
    return boss


@pytest.fixture
def cycle(same_org_manager, boss):
    with time_machine.travel(utc(2025, 1, 6, 9), tick=False):
        return services.cycle_start(actor=same_org_manager, person=same_org_manager.person,
                                    focus="Engage the team", starts_on=START)


def _sweep(at):
    with time_machine.travel(at, tick=False):
        return reminders.sweep()


def _review_notes(**filters):
    return Notification.objects.filter(key__contains=":review-", **filters)


def test_the_review_joins_the_persons_to_do_list_from_day_90(cycle, same_org_manager):
    with time_machine.travel(utc(2025, 4, 5, 12), tick=False):
        assert not [t for t in development_todos(same_org_manager) if "Review" in t.text]
    with time_machine.travel(utc(2025, 4, 6, 12), tick=False):
        (todo,) = [t for t in development_todos(same_org_manager) if "Review" in t.text]
        assert todo.text == "Review your 90-day cycle"
        assert todo.url == reverse("development:cycle_review", args=[cycle.public_id])
    with time_machine.travel(utc(2025, 4, 20, 12), tick=False):
        assert [t.text for t in development_todos(same_org_manager) if "Review" in t.text] == [
            "Review your 90-day cycle (overdue)"]


def test_the_cycle_reads_review_due_then_review_overdue(cycle):
    assert presenters.cycle_state(cycle, date(2025, 4, 5))["label"] == "Active: day 89"
    assert presenters.cycle_state(cycle, date(2025, 4, 6))["label"] == "Review due"
    assert presenters.cycle_state(cycle, date(2025, 4, 20))["label"] == "Review overdue"


def test_the_line_manager_is_told_once_when_the_review_is_14_days_overdue(cycle, boss):
    _sweep(utc(2025, 4, 20, 6, 59))  # 07:59 BST: not yet
    assert not _review_notes().exists()
    _sweep(utc(2025, 4, 20, 7, 0))  # 08:00 BST
    (note,) = _review_notes()
    assert note.recipient == boss and note.title == "Morgan Manager's 90-day cycle review is overdue"
    assert note.link == reverse("development:cycle_review", args=[cycle.public_id])
    _sweep(utc(2025, 4, 21, 7, 0))
    _sweep(utc(2025, 4, 22, 7, 0))
    assert _review_notes().count() == 1
    cycle.refresh_from_db()
    assert cycle.status == ActionCycle.Status.ACTIVE


def test_an_unreviewed_cycle_closes_a_whole_cycle_after_its_review_date(cycle, boss, same_org_manager):
    _sweep(utc(2025, 7, 5, 7, 0))  # day 90 + 90 days, 08:00 BST; the overdue reminder is sent on the way
    cycle.refresh_from_db()
    assert cycle.status == ActionCycle.Status.CLOSED and cycle.review_summary == reminders.LAPSED_SUMMARY
    assert cycle.review_reminder_at is None
    assert set(_review_notes().values_list("recipient__email", "key")) == {
        (boss.email, f"cycle:{cycle.public_id}:review-overdue:user:{boss.public_id}"),
        (boss.email, f"cycle:{cycle.public_id}:review-lapsed:user:{boss.public_id}"),
        (same_org_manager.email, f"cycle:{cycle.public_id}:review-lapsed:user:{same_org_manager.public_id}"),
    }
    assert not cycle.check_ins.filter(next_reminder_at__isnull=False).exists()


def test_the_review_closes_the_cycle_opens_the_next_and_stops_its_reminders(cycle, same_org_manager):
    with time_machine.travel(utc(2025, 4, 7, 12), tick=False):
        following = services.cycle_review(actor=same_org_manager, cycle=cycle, summary="Done",
                                          next_focus="Next")
    cycle.refresh_from_db()
    assert cycle.review_reminder_at is None and following.starts_on == date(2025, 4, 7)
    assert following.review_reminder_at == datetime(2025, 7, 20, 7, 0, tzinfo=UTC)  # 08:00 BST, day 104
    _sweep(utc(2025, 4, 30, 7, 0))
    assert not _review_notes().exists()
