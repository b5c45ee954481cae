"""Every return is reviewed on a schedule (yearly by default); reviews due and overdue go through the
notification outbox exactly once; the quarterly report sums decisions and hours saved."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from governance import access, reminders, selectors, services
from leadership.models import Notification
from tests.governance import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def pinned():
    with time_machine.travel(date(2026, 3, 10), tick=False):
        yield date(2026, 3, 10)


def test_a_new_return_is_first_reviewed_a_year_after_it_is_recorded(pinned, same_org, same_org_hr_admin):
    created = services.data_return_create(
        actor=same_org_hr_admin,
        organisation=same_org,
        title="Sickness absence",
        requesting_body="nhs_digital",
        purpose="Absence rates",
        legal_basis="Directions",
        frequency="monthly",
        items=factories.items("Sickness"),
        staff_roles="Analyst",
        hours_per_return=Decimal("2.5"),
    )
    assert created.next_review_due == date(2027, 3, 10)
    assert created.hours_per_year == Decimal("30.0")  # 2.5 hours x 12 returns


def test_a_review_sets_the_next_one_an_interval_after_it(pinned, same_org, same_org_hr_admin):
    data_return = factories.data_return(same_org, review_interval_months=6, next_review_due=date(2026, 3, 1))
    services.data_return_review(
        actor=same_org_hr_admin,
        data_return=data_return,
        reviewed_on=date(2026, 2, 28),
        still_needed=True,
        decision="keep",
        findings="Still used by the ICB",
    )
    assert data_return.next_review_due == date(2026, 8, 28)
    leap = factories.data_return(same_org, title="Leap", next_review_due=date(2024, 2, 29))
    services.data_return_review(
        actor=same_org_hr_admin,
        data_return=leap,
        reviewed_on=date(2024, 2, 29),
        still_needed=True,
        decision="keep",
        findings="Fine",
    )
    assert leap.next_review_due == date(2025, 2, 28)


def test_the_state_follows_the_date(pinned, same_org):
    today = pinned
    assert (
        selectors.review_state(factories.data_return(same_org, next_review_due=date(2026, 3, 9)), today)
        == "overdue"
    )
    assert (
        selectors.review_state(factories.data_return(same_org, next_review_due=date(2026, 3, 10)), today)
        == "due"
    )
    assert (
        selectors.review_state(factories.data_return(same_org, next_review_due=date(2026, 4, 9)), today)
        == "due"
    )
    assert selectors.review_state(
        factories.data_return(same_org, next_review_due=date(2026, 4, 10)), today
    ) == ("scheduled")
    assert (
        selectors.review_state(
            factories.data_return(same_org, next_review_due=date(2020, 1, 1), active=False), today
        )
        == "stopped"
    )


def test_stopping_a_return_ends_it_and_merging_needs_another_return(pinned, same_org, same_org_hr_admin):
    data_return = factories.data_return(same_org)
    with pytest.raises(Exception, match="Choose the other return"):
        services.data_return_review(
            actor=same_org_hr_admin,
            data_return=data_return,
            reviewed_on=pinned,
            still_needed=True,
            decision="merge",
            findings="Duplicate",
        )
    services.data_return_review(
        actor=same_org_hr_admin,
        data_return=data_return,
        reviewed_on=pinned,
        still_needed=False,
        decision="stop",
        findings="Nobody reads it",
        hours_saved_per_year=Decimal("72"),
    )
    data_return.refresh_from_db()
    assert not data_return.active


def test_reviews_due_and_overdue_are_announced_once_each_to_the_board_secretaries(
    pinned, same_org, same_org_board_secretary, same_org_hr_admin
):
    due = factories.data_return(same_org, title="Due soon", next_review_due=date(2026, 3, 30))
    factories.data_return(same_org, title="Later", next_review_due=date(2026, 6, 1))
    assert reminders.data_return_review_sweep() == 1
    assert reminders.data_return_review_sweep() == 0  # the key holds: exactly once
    notice = Notification.objects.get()
    assert (notice.recipient, notice.kind, notice.link) == (
        same_org_board_secretary,
        "data_return_review_due",
        reverse("governance:return_detail", args=[due.public_id]),
    )
    with time_machine.travel(date(2026, 3, 31), tick=False):
        assert reminders.data_return_review_sweep() == 1
        assert reminders.data_return_review_sweep() == 0
    assert Notification.objects.filter(kind="data_return_review_overdue").count() == 1


def test_a_reviewed_return_is_announced_again_only_at_its_next_due_date(
    pinned, same_org, same_org_board_secretary
):
    data_return = factories.data_return(same_org, next_review_due=date(2026, 3, 20))
    assert reminders.data_return_review_sweep() == 1
    services.data_return_review(
        actor=same_org_board_secretary,
        data_return=data_return,
        reviewed_on=pinned,
        still_needed=True,
        decision="keep",
        findings="Fine",
    )
    assert reminders.data_return_review_sweep() == 0
    with time_machine.travel(date(2027, 2, 20), tick=False):
        assert reminders.data_return_review_sweep() == 1


def test_the_quarterly_report_counts_decisions_and_hours_saved(
    pinned, same_org, same_org_hr_admin, client_for
):
    first = factories.data_return(same_org, title="First", hours="10", frequency="monthly")
    second = factories.data_return(same_org, title="Second", hours="4", frequency="quarterly")
    services.data_return_review(
        actor=same_org_hr_admin,
        data_return=first,
        reviewed_on=date(2026, 1, 15),
        still_needed=True,
        decision="simplify",
        findings="Fewer fields",
        hours_saved_per_year=Decimal("36"),
    )
    services.data_return_review(
        actor=same_org_hr_admin,
        data_return=second,
        reviewed_on=date(2025, 12, 31),
        still_needed=True,
        decision="keep",
        findings="Last quarter",
    )
    report = selectors.quarterly_report(access.data_returns(same_org_hr_admin), pinned, pinned)
    assert report.label == "2026 Q1"
    assert [r.data_return for r in report.reviews] == [first]
    assert dict(report.decisions)["Simplify"] == 1 and dict(report.decisions)["Keep as it is"] == 0
    assert report.hours_saved_per_year == Decimal("36")
    assert report.hours_per_year_total == Decimal("136")  # 10 x 12 + 4 x 4
    client = client_for(same_org_hr_admin)
    assert "Fewer fields" in client.get(reverse("governance:report") + "?quarter=2026-Q1").content.decode()
    assert (
        "Fewer fields" not in client.get(reverse("governance:report") + "?quarter=2025-Q4").content.decode()
    )
    assert client.get(reverse("governance:report") + "?quarter=2026-Q9").status_code == 404
    pdf = client.get(reverse("governance:report_pdf") + "?quarter=2026-Q1")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_sweep_task_is_scheduled_by_beat(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "governance.tasks.governance_sweep_task" in tasks
