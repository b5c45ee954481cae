"""Records corrected after the fact: a data return edited and ended, a board position edited and its
term ended. Refusals are form errors that write nothing; every change records who made it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from pghistory.models import Events

from governance import access, selectors
from governance.models import BoardPosition, DataReturn
from leadership.dates import add_months, uk_today
from tests.governance import factories
from tests.isolation_registry import changed_tables, table_fingerprints

pytestmark = pytest.mark.django_db


def _refused(client, url, data) -> str:
    before = table_fingerprints()
    response = client.post(url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "nhsuk-error-summary" in body
    assert changed_tables(before, table_fingerprints()) == []
    return body


def _last_update(row):
    return Events.objects.tracks(row).filter(pgh_label="update").order_by("-pgh_id").first()


RETURN_FORM = {
    "title": "Workforce return (corrected)",
    "requesting_body": "other",
    "requesting_body_other": "Health Education England",
    "purpose": "Workforce planning",
    "legal_basis": "NHS Act 2006 s.13Z3",
    "frequency": "quarterly",
    "staff_roles": "Workforce analyst",
    "hours_per_return": "4.5",
    "review_interval_months": "12",
    "new_items": "Sickness absence",
}


# Data returns ------------------------------------------------------------------------------------


def test_a_return_is_corrected_and_the_change_records_who(client_for, same_org, same_org_board_secretary):
    data_return = factories.data_return(same_org)
    client = client_for(same_org_board_secretary)
    detail = client.get(reverse("governance:return_detail", args=[data_return.public_id])).content.decode()
    edit_url = reverse("governance:return_edit", args=[data_return.public_id])
    assert edit_url in detail
    assert "Workforce return" in client.get(edit_url).content.decode()  # the form starts from the record

    response = client.post(edit_url, RETURN_FORM)

    assert response.status_code == 302
    data_return.refresh_from_db()
    assert (data_return.title, data_return.frequency) == ("Workforce return (corrected)", "quarterly")
    assert data_return.requesting_body_label == "Health Education England"
    assert data_return.hours_per_return == Decimal("4.5")
    assert [item.name for item in data_return.items.all()] == ["Sickness absence"]
    assert _last_update(data_return).pgh_context["user"] == same_org_board_secretary.pk


def test_a_new_review_interval_reschedules_the_next_review(client_for, same_org, same_org_hr_admin):
    data_return = factories.data_return(same_org)
    created = data_return.created_at.date()
    client_for(same_org_hr_admin).post(
        reverse("governance:return_edit", args=[data_return.public_id]),
        RETURN_FORM | {"review_interval_months": "6"},
    )
    data_return.refresh_from_db()
    assert data_return.next_review_due == add_months(created, 6)


def test_a_correction_without_items_or_with_negative_hours_writes_nothing(
    client_for, same_org, same_org_board_secretary
):
    data_return = factories.data_return(same_org)
    client = client_for(same_org_board_secretary)
    url = reverse("governance:return_edit", args=[data_return.public_id])
    assert "Choose or add the data items" in _refused(client, url, RETURN_FORM | {"new_items": ""})
    _refused(client, url, RETURN_FORM | {"hours_per_return": "-1"})
    assert DataReturn.objects.get().title == "Workforce return"


def test_an_ended_return_leaves_reviews_overlaps_and_totals(client_for, same_org, same_org_board_secretary):
    today = uk_today()
    ending = factories.data_return(same_org, next_review_due=today)
    factories.data_return(same_org, title="Vacancy return", item_names=("Vacancies",), next_review_due=today)
    returns = DataReturn.objects.all()
    assert len(selectors.overlaps(returns)) == 1
    assert selectors.reviews_due(returns, today).count() == 2
    client = client_for(same_org_board_secretary)
    end_url = reverse("governance:return_end", args=[ending.public_id])
    detail_url = reverse("governance:return_detail", args=[ending.public_id])
    assert end_url in client.get(detail_url).content.decode()
    confirm = client.get(end_url).content.decode()
    assert "nhsuk-button--warning" in confirm

    response = client.post(end_url, {"ended_on": today.isoformat(), "reason": "Replaced by the ESR extract"})

    assert response.status_code == 302
    ending.refresh_from_db()
    assert (ending.active, ending.ended_on, ending.ended_by) == (False, today, same_org_board_secretary)
    assert selectors.overlaps(returns) == []
    assert list(selectors.reviews_due(returns, today)) == [DataReturn.objects.get(title="Vacancy return")]
    assert selectors.quarterly_report(returns, today, today).returns_total == 1
    event = _last_update(ending)
    assert event.pgh_context["user"] == same_org_board_secretary.pk
    assert event.pgh_context["reason"] == "Replaced by the ESR extract"
    detail = client.get(detail_url).content.decode()
    assert "Replaced by the ESR extract" in detail
    assert reverse("governance:return_review", args=[ending.public_id]) not in detail


def test_ending_a_return_is_refused_in_the_future_without_a_reason_or_twice(
    client_for, same_org, same_org_hr_admin
):
    data_return = factories.data_return(same_org)
    client = client_for(same_org_hr_admin)
    url = reverse("governance:return_end", args=[data_return.public_id])
    tomorrow = (uk_today() + timedelta(days=1)).isoformat()
    assert "cannot be ended in the future" in _refused(client, url, {"ended_on": tomorrow, "reason": "x"})
    _refused(client, url, {"ended_on": uk_today().isoformat(), "reason": ""})
    assert DataReturn.objects.get().active
    client.post(url, {"ended_on": uk_today().isoformat(), "reason": "No longer asked for"})
    assert "already ended" in _refused(client, url, {"ended_on": uk_today().isoformat(), "reason": "Again"})


def test_another_organisations_return_cannot_be_corrected_or_ended(client_for, same_org, other_org_hr_admin):
    data_return = factories.data_return(same_org)
    client = client_for(other_org_hr_admin)
    for name in ("governance:return_edit", "governance:return_end"):
        url = reverse(name, args=[data_return.public_id])
        data = RETURN_FORM | {"ended_on": uk_today().isoformat(), "reason": "x"}
        assert client.post(url, data).status_code == 404
    data_return.refresh_from_db()
    assert (data_return.title, data_return.active) == ("Workforce return", True)


# Board positions ---------------------------------------------------------------------------------

POSITION_FORM = {
    "kind": "non_executive",
    "title": "Senior independent director",
    "starts_on": "2024-04-01",
    "remuneration_per_year": "14000",
    "time_commitment": "4 days a month",
    "sector_of_origin": "private",
}


def test_a_position_is_corrected_and_the_change_records_who(client_for, same_org, same_org_hr_admin):
    position = factories.position(same_org)
    client = client_for(same_org_hr_admin)
    edit_url = reverse("governance:position_edit", args=[position.public_id])
    detail = client.get(reverse("governance:position_detail", args=[position.public_id])).content.decode()
    assert edit_url in detail

    assert client.post(edit_url, POSITION_FORM).status_code == 302

    position.refresh_from_db()
    assert position.title == "Senior independent director"
    assert position.remuneration_per_year == Decimal("14000")
    assert position.sector_of_origin == "private"
    assert _last_update(position).pgh_context["user"] == same_org_hr_admin.pk


def test_a_second_open_chair_or_a_term_ending_before_it_starts_is_refused(
    client_for, same_org, same_org_board_secretary, same_org_chair_user
):
    position = factories.position(same_org)
    client = client_for(same_org_board_secretary)
    url = reverse("governance:position_edit", args=[position.public_id])
    assert "already has a chair" in _refused(client, url, POSITION_FORM | {"kind": "chair"})
    assert "must end after it starts" in _refused(client, url, POSITION_FORM | {"ends_on": "2024-03-01"})
    assert BoardPosition.objects.get(pk=position.pk).title == "Non-executive director"


def test_the_chair_reads_the_board_but_cannot_correct_it(client_for, same_org, same_org_chair_user):
    position = factories.position(same_org)
    client = client_for(same_org_chair_user)
    detail = client.get(reverse("governance:position_detail", args=[position.public_id])).content.decode()
    assert reverse("governance:position_edit", args=[position.public_id]) not in detail
    body = _refused(client, reverse("governance:position_edit", args=[position.public_id]), POSITION_FORM)
    assert "Only the organisation&#x27;s board secretaries and HR admins" in body


def test_an_ended_chair_term_is_former_and_no_longer_chair(
    client_for, same_org, same_org_board_secretary, same_org_chair_user
):
    chair = BoardPosition.objects.get(kind="chair")
    ned = factories.position(same_org)
    assert access.is_chair(same_org_chair_user, same_org)
    client = client_for(same_org_board_secretary)
    end_url = reverse("governance:position_end", args=[chair.public_id])
    assert "nhsuk-button--warning" in client.get(end_url).content.decode()
    yesterday = uk_today() - timedelta(days=1)

    assert client.post(end_url, {"ends_on": yesterday.isoformat()}).status_code == 302

    chair.refresh_from_db()
    assert (chair.ends_on, chair.ended_by) == (yesterday, same_org_board_secretary)
    assert _last_update(chair).pgh_context["user"] == same_org_board_secretary.pk
    # A fresh user object, as on the next request: the chair lookup is cached per object.
    fresh = type(same_org_chair_user).objects.get(pk=same_org_chair_user.pk)
    assert not access.is_chair(fresh, same_org)
    assert not access.may_review_board_member(fresh, ned)
    detail = client.get(reverse("governance:position_detail", args=[chair.public_id])).content.decode()
    assert "Former" in detail
    assert end_url not in detail
    assert "already ended" in _refused(client, end_url, {"ends_on": yesterday.isoformat()})


def test_a_former_non_executive_is_not_flagged_overdue(same_org):
    position = factories.position(same_org, next_review_due=uk_today() - timedelta(days=30))
    today = uk_today()
    assert selectors.review_overdue(position, today)
    position.ends_on = today - timedelta(days=1)
    assert not selectors.review_overdue(position, today)


def test_a_term_cannot_end_before_it_starts(client_for, same_org, same_org_hr_admin):
    position = factories.position(same_org)
    body = _refused(
        client_for(same_org_hr_admin),
        reverse("governance:position_end", args=[position.public_id]),
        {"ends_on": "2024-03-01"},
    )
    assert "must end after it starts" in body
