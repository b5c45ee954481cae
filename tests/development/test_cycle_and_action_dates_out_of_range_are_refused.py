"""Dates in range: a 90-day cycle and its actions take any date or refuse it without writing, so the
cycle's day-90 check-in and its end are always real dates; the pages never answer 500."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadership.dates import OUT_OF_RANGE
from leadership.development import services
from leadership.models import Action, ActionCycle, CheckIn
from tests.development.factories import ActionFactory
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

PROPERTY = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
ANY_DATE = st.one_of(
    st.dates(), st.sampled_from([date(9999, 12, 1), date(9999, 10, 3), date.min, date(2100, 12, 31)])
)


def counts() -> tuple[int, int, int]:
    return ActionCycle.objects.count(), CheckIn.objects.count(), Action.objects.count()


@PROPERTY
@given(starts_on=ANY_DATE)
def test_a_cycle_starting_on_any_date_opens_with_three_check_ins_or_is_refused_without_a_row(
    same_org, same_org_hr_admin, starts_on
):
    before = counts()
    try:
        cycle = services.cycle_start(
            actor=same_org_hr_admin, focus="Any", starts_on=starts_on,
            person=PersonFactory(organisation=same_org),
        )
    except ValidationError:
        assert counts() == before
    else:
        assert cycle.check_ins.count() == 3 and cycle.ends_on > cycle.starts_on


@PROPERTY
@given(due_on=ANY_DATE, new_due_on=ANY_DATE)
def test_an_action_due_on_any_date_is_added_and_moved_or_refused_without_a_change(
    same_org_manager, due_on, new_due_on
):
    person = same_org_manager.person
    cycle = ActionCycle.objects.filter(person=person, status=ActionCycle.Status.ACTIVE).first()
    cycle = cycle or services.cycle_start(
        actor=same_org_manager, focus="Any", starts_on=date(2026, 1, 5), person=same_org_manager.person
    )
    before = counts()
    try:
        services.action_create(actor=same_org_manager, cycle=cycle, title="Walk", due_on=due_on)
    except ValidationError:
        assert counts() == before
    action = ActionFactory(cycle=cycle, title="Kept", due_on=date(2026, 2, 1))
    try:
        services.action_update(actor=same_org_manager, action=action, status=action.status, due_on=new_due_on)
    except ValidationError:
        action.refresh_from_db()
        assert action.due_on == date(2026, 2, 1)


@pytest.mark.parametrize("starts_on", ["9999-12-01", "0001-01-01", "2101-01-01"])
def test_a_cycle_started_out_of_range_on_the_page_is_a_form_error_and_no_cycle(
    client_for, same_org_manager, framework, starts_on
):
    client = client_for(same_org_manager)
    response = client.post(reverse("development:my_cycle"), {"focus": "Far", "starts_on": starts_on})
    assert response.status_code == 200 and OUT_OF_RANGE in response.content.decode()
    assert not ActionCycle.objects.exists()
    assert client.get(reverse("development:my_cycle")).status_code == 200


def test_an_action_due_out_of_range_on_the_page_is_a_form_error(client_for, same_org_manager, framework):
    cycle = services.cycle_start(
        actor=same_org_manager, focus="Any", starts_on=date(2026, 1, 5), person=same_org_manager.person
    )
    response = client_for(same_org_manager).post(
        reverse("development:action_new", args=[cycle.public_id]), {"title": "Walk", "due_on": "9999-12-31"}
    )
    assert response.status_code == 200 and OUT_OF_RANGE in response.content.decode()
    assert not cycle.actions.exists()
