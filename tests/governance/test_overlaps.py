"""Overlap between data returns: shared items divided by the union of both returns' items."""

from decimal import Decimal

import pytest
from django.urls import reverse

from governance import access, selectors
from tests.governance import factories

pytestmark = pytest.mark.django_db


def test_the_share_is_shared_items_over_the_union():
    assert selectors.overlap_share({1, 2, 3}, {2, 3, 4}) == Decimal("0.5")  # 2 shared of 4
    assert selectors.overlap_share({1, 2}, {1, 2}) == Decimal(1)
    assert selectors.overlap_share({1}, {2}) == Decimal(0)
    assert selectors.overlap_share({1, 2, 3, 4}, {4}) == Decimal("0.25")
    assert selectors.overlap_share(set(), set()) == Decimal(0)


def test_returns_of_an_organisation_that_share_items_are_paired_with_their_share(
    same_org, other_org, same_org_hr_admin
):
    workforce = factories.data_return(
        same_org, title="Workforce", item_names=("Staff in post", "Vacancies", "Sickness")
    )
    vacancies = factories.data_return(
        same_org, title="Vacancies", item_names=("Vacancies", "Staff in post", "Turnover")
    )
    factories.data_return(same_org, title="Finance", item_names=("Income",))
    factories.data_return(other_org, title="Their workforce", item_names=("Staff in post", "Vacancies"))
    found = selectors.overlaps(access.data_returns(same_org_hr_admin))
    assert [(o.first, o.second, o.shared, o.share, o.percent) for o in found] == [
        (vacancies, workforce, ["Staff in post", "Vacancies"], Decimal("0.5"), 50)
    ]


def test_a_stopped_return_no_longer_overlaps(same_org, same_org_hr_admin):
    factories.data_return(same_org, title="A", item_names=("X", "Y"))
    factories.data_return(same_org, title="B", item_names=("X", "Y"), active=False)
    assert selectors.overlaps(access.data_returns(same_org_hr_admin)) == []


def test_the_overlaps_page_and_the_return_page_show_the_pair(client_for, same_org, same_org_hr_admin):
    first = factories.data_return(same_org, title="Monthly workforce", item_names=("A", "B", "C"))
    factories.data_return(same_org, title="Quarterly vacancies", item_names=("B", "C", "D", "E"))
    client = client_for(same_org_hr_admin)
    body = client.get(reverse("governance:overlap_list")).content.decode()
    assert "Quarterly vacancies" in body and "40%" in body  # 2 shared of 5
    detail = client.get(reverse("governance:return_detail", args=[first.public_id])).content.decode()
    assert "40% overlap (2 shared items: B, C)" in detail


def test_a_burden_assessment_shows_existing_returns_asking_for_the_same_items(
    client_for, same_org, same_org_hr_admin
):
    factories.data_return(same_org, title="Agency return", item_names=("Agency shifts", "Agency spend"))
    assessment = factories.assessment(same_org, item_names=("Agency shifts",))
    body = (
        client_for(same_org_hr_admin)
        .get(reverse("governance:assessment_detail", args=[assessment.public_id]))
        .content.decode()
    )
    assert "Agency return" in body and "already asks for Agency shifts" in body


def test_the_overlaps_page_costs_the_same_queries_for_many_returns(
    client_for, same_org, same_org_hr_admin, django_assert_max_num_queries
):
    for n in range(30):
        factories.data_return(same_org, title=f"Return {n}", item_names=("Shared", f"Own {n}"))
    client = client_for(same_org_hr_admin)
    with django_assert_max_num_queries(20):
        body = client.get(reverse("governance:overlap_list")).content.decode()
    assert body.count("50%") == 0 and "33%" in body  # 1 shared of 3
