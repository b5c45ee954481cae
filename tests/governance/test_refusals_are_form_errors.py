"""A refusal inside reach is a form error in the NHS error summary, and nothing is written."""

import pytest
from django.urls import reverse

from governance.models import DataReturn, DataReturnReview
from tests.governance import factories
from tests.isolation_registry import changed_tables, table_fingerprints

pytestmark = pytest.mark.django_db


def _refused(client, url, data):
    before = table_fingerprints()
    response = client.post(url, data)
    assert response.status_code == 200
    assert "nhsuk-error-summary" in response.content.decode()
    assert changed_tables(before, table_fingerprints()) == []
    return response.content.decode()


def test_stopping_a_return_still_needed_is_refused(client_for, same_org, same_org_board_secretary):
    data_return = factories.data_return(same_org)
    body = _refused(
        client_for(same_org_board_secretary),
        reverse("governance:return_review", args=[data_return.public_id]),
        {
            "reviewed_on": "2026-01-05",
            "still_needed": "yes",
            "decision": "stop",
            "findings": "x",
            "hours_saved_per_year": "0",
        },
    )
    assert "A return still needed cannot be stopped" in body
    assert not DataReturnReview.objects.exists()


def test_a_saving_larger_than_the_return_is_refused(client_for, same_org, same_org_board_secretary):
    data_return = factories.data_return(same_org, hours="2", frequency="yearly")
    body = _refused(
        client_for(same_org_board_secretary),
        reverse("governance:return_review", args=[data_return.public_id]),
        {
            "reviewed_on": "2026-01-05",
            "still_needed": "no",
            "decision": "simplify",
            "findings": "x",
            "hours_saved_per_year": "3",
        },
    )
    assert "the saving cannot be more" in body


def test_a_return_without_items_or_with_negative_hours_is_refused(client_for, same_org, same_org_hr_admin):
    data = {
        "organisation": "RT1",
        "title": "Empty",
        "requesting_body": "cqc",
        "purpose": "x",
        "legal_basis": "x",
        "frequency": "yearly",
        "staff_roles": "x",
        "hours_per_return": "1",
        "review_interval_months": "12",
    }
    client = client_for(same_org_hr_admin)
    assert "Choose or add the data items" in _refused(client, reverse("governance:return_new"), data)
    _refused(client, reverse("governance:return_new"), data | {"new_items": "Beds", "hours_per_return": "-1"})
    assert not DataReturn.objects.exists()


def test_a_decided_assessment_cannot_be_decided_again(client_for, same_org, same_org_hr_admin):
    assessment = factories.assessment(
        same_org, status="approved", decided_on="2026-01-05", approver_name="CEO"
    )
    factories.role(assessment)
    body = _refused(
        client_for(same_org_hr_admin),
        reverse("governance:assessment_decide", args=[assessment.public_id]),
        {
            "status": "rejected",
            "approver_name": "Someone",
            "decided_on": "2026-01-06",
            "decision_notes": "Changed our mind",
        },
    )
    assert "already decided" in body
