"""The 90-day cycle: one active cycle, check-ins at 30/60/90, review with carry-over, comments."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from leadership.development import services
from leadership.models import Action, ActionCycle
from tests.development.factories import ActionCycleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(same_org_manager):
    return services.cycle_start(
        actor=same_org_manager,
        person=same_org_manager.person,
        focus="Engage the team",
        starts_on=date(2025, 1, 6),
    )


def test_a_cycle_has_check_ins_at_day_30_60_and_90(cycle):
    assert [(c.day, c.due_on) for c in cycle.check_ins.order_by("day")] == [
        (30, date(2025, 2, 5)),
        (60, date(2025, 3, 7)),
        (90, date(2025, 4, 6)),
    ]


def test_a_person_has_at_most_one_active_cycle(cycle, same_org_manager):
    with pytest.raises(ValidationError):
        services.cycle_start(
            actor=same_org_manager, person=same_org_manager.person, focus="Again", starts_on=date(2025, 2, 1)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionCycleFactory(person=cycle.person, focus="Raw", starts_on=date(2025, 2, 1))


def test_the_review_closes_the_cycle_and_carries_unfinished_actions_over(cycle, same_org_manager):
    done = services.action_create(actor=same_org_manager, cycle=cycle, title="Done", due_on=date(2025, 2, 1))
    services.action_update(actor=same_org_manager, action=done, status=Action.Status.DONE)
    services.action_create(actor=same_org_manager, cycle=cycle, title="Half way", due_on=date(2025, 3, 1))
    following = services.cycle_review(
        actor=same_org_manager,
        cycle=cycle,
        summary="Good progress",
        next_focus="Coaching",
        today=date(2025, 4, 6),
    )
    cycle.refresh_from_db()
    assert cycle.status == ActionCycle.Status.CLOSED and cycle.closed_at is not None
    assert not cycle.check_ins.filter(next_reminder_at__isnull=False).exists()
    assert following.previous == cycle and following.starts_on == date(2025, 4, 6)
    carried = list(following.actions.all())
    assert [a.title for a in carried] == ["Half way"]
    assert carried[0].carried_from.cycle == cycle and carried[0].due_on == date(2025, 4, 6)
    with pytest.raises(ValidationError):
        services.cycle_review(actor=same_org_manager, cycle=cycle, summary="", next_focus="")


def test_an_organisation_runs_its_own_cycle_beside_its_peoples(cycle, same_org, same_org_hr_admin):
    own = services.cycle_start(
        actor=same_org_hr_admin, organisation=same_org, focus="Training plan", starts_on=date(2025, 1, 6)
    )
    assert own.person is None and own.organisation == same_org
    with pytest.raises(ValidationError):
        services.cycle_start(
            actor=same_org_hr_admin, organisation=same_org, focus="Second", starts_on=date(2025, 1, 6)
        )


def test_only_the_line_manager_comments_on_a_check_in(cycle, same_org_manager, same_org_hr_admin):
    lee = same_org_manager.person.reports.get(first_name="Lee")
    from tests.factories import UserFactory

    lee.user = UserFactory()
    lee.save()
    lees = services.cycle_start(actor=lee.user, person=lee, focus="Rotas", starts_on=date(2025, 1, 6))
    check_in = lees.check_ins.get(day=30)
    services.check_in_record(actor=lee.user, check_in=check_in, progress="Rota drafted")
    services.check_in_comment(actor=same_org_manager, check_in=check_in, comment="Well done")
    with pytest.raises(PermissionDenied):
        services.check_in_comment(actor=same_org_hr_admin, check_in=check_in, comment="Nope")
    check_in.refresh_from_db()
    assert check_in.next_reminder_at is None and check_in.manager_comment == "Well done"


def test_a_manager_starts_a_cycle_adds_an_action_and_records_a_check_in_through_the_pages(
    client_for, same_org_manager, framework
):
    client = client_for(same_org_manager)
    response = client.post(
        reverse("development:my_cycle"), {"focus": "Visible leadership", "starts_on": "2025-01-06"}
    )
    cycle = ActionCycle.objects.get(person=same_org_manager.person)
    assert response.url == reverse("development:cycle_detail", args=[cycle.public_id])
    response = client.post(
        reverse("development:action_new", args=[cycle.public_id]),
        {"title": "Walk the wards weekly", "due_on": "2025-02-01"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("development:check_in", args=[cycle.public_id, 30]),
        {"progress": "Walked the wards four times"},
    )
    assert response.status_code == 302
    page = client.get(reverse("development:cycle_detail", args=[cycle.public_id])).content.decode()
    assert "Walk the wards weekly" in page and "Walked the wards four times" in page


def test_a_form_with_errors_shows_an_error_summary(client_for, same_org_manager):
    response = client_for(same_org_manager).post(reverse("development:my_cycle"), {"focus": ""})
    assert b"There is a problem" in response.content and b"Enter the focus of the cycle" in response.content


def test_deleting_an_action_asks_for_confirmation(client_for, cycle, same_org_manager):
    action = services.action_create(actor=same_org_manager, cycle=cycle, title="Go", due_on=date(2025, 2, 1))
    client = client_for(same_org_manager)
    url = reverse("development:action_delete", args=[action.public_id])
    assert b"Confirm to continue" in client.post(url, {}).content
    assert Action.objects.filter(id=action.id).exists()
    client.post(url, {"confirm": "on"})
    assert not Action.objects.filter(id=action.id).exists()


def test_an_hr_admin_runs_their_organisations_own_cycle_and_a_manager_cannot(client_for, same_org_hr_admin,
                                                                           same_org_manager, same_org):
    from leadership.models import ActionCycle

    url = reverse("development:organisation_cycle", args=["RT1"])
    assert client_for(same_org_manager).get(url).status_code == 404
    client = client_for(same_org_hr_admin)
    response = client.post(url, {"focus": "Management basics for new ward managers",
                                 "starts_on": "2026-01-05"})
    cycle = ActionCycle.objects.get(organisation=same_org, person__isnull=True)
    assert response.url == reverse("development:cycle_detail", args=[cycle.public_id])
    assert cycle.check_ins.count() == 3
    assert client.get(url).url == reverse("development:cycle_detail", args=[cycle.public_id])
