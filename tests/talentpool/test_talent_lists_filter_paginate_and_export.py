"""Talent reviews, succession plans, secondments, contracts, trainees and cohorts are paginated and
filterable; secondments and contracts export to CSV with the same filters; bad filters are form errors."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from talentpool import services
from talentpool.models import SuccessionPlan, TalentReview
from tests.factories import PersonFactory
from tests.query_counts import assert_queries_do_not_grow, page_opener
from tests.talentpool.factories import (
    GraduateCohortFactory,
    GraduateTraineeFactory,
    SecondmentFactory,
    SeniorContractFactory,
)

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_secondments_filter_by_direction_and_export_what_is_shown(
    client_for, same_org_hr_admin, same_org, other_org
):
    SecondmentFactory(person=PersonFactory(organisation=same_org), external_organisation="Going Out Ltd")
    SecondmentFactory(person=PersonFactory(organisation=same_org), direction="in",
                      external_organisation="Coming In Trust")
    SecondmentFactory(person=PersonFactory(organisation=other_org), external_organisation="Foreign Ltd")
    client = client_for(same_org_hr_admin)
    page = client.get(reverse("talentpool:secondment_list"), {"direction": "in"})
    assert b"Coming In Trust" in page.content and b"Going Out Ltd" not in page.content
    rows = _csv(client.get(reverse("talentpool:secondment_export"), {"direction": "in"}))
    assert [row[6] for row in rows[1:]] == ["Coming In Trust"]
    everything = [row[6] for row in _csv(client.get(reverse("talentpool:secondment_export")))[1:]]
    assert sorted(everything) == ["Coming In Trust", "Going Out Ltd"]


def test_a_cancelled_secondment_is_found_by_its_state(client_for, same_org_hr_admin, same_org):
    kept = SecondmentFactory(person=PersonFactory(organisation=same_org), external_organisation="Kept Ltd")
    gone = SecondmentFactory(person=PersonFactory(organisation=same_org), external_organisation="Gone Ltd")
    services.secondment_cancel(actor=same_org_hr_admin, secondment=gone, reason="Host withdrew")
    page = client_for(same_org_hr_admin).get(reverse("talentpool:secondment_list"), {"state": "cancelled"})
    assert b"Gone Ltd" in page.content and kept.external_organisation.encode() not in page.content


def test_a_bad_filter_is_a_form_error_not_a_500(client_for, same_org_hr_admin, national_admin):
    response = client_for(same_org_hr_admin).get(reverse("talentpool:secondment_list"), {"direction": "up"})
    assert response.status_code == 200 and b"nhsuk-error-summary" in response.content
    response = client_for(national_admin).get(reverse("talentpool:graduate_national"), {"intake_year": "x"})
    assert response.status_code == 200 and b"nhsuk-error-summary" in response.content


def test_contracts_filter_by_state_and_export(client_for, national_admin, same_org):
    overdue = SeniorContractFactory(person=PersonFactory(organisation=same_org), post="Overdue director",
                                    next_assessment_due=date(2020, 1, 1))
    SeniorContractFactory(person=PersonFactory(organisation=same_org), post="Assessed director",
                          next_assessment_due=date(2099, 1, 1))
    client = client_for(national_admin)
    page = client.get(reverse("talentpool:contract_list"), {"state": "assessment_overdue"})
    assert b"Overdue director" in page.content and b"Assessed director" not in page.content
    rows = _csv(client.get(reverse("talentpool:contract_export"), {"state": "assessment_overdue"}))
    assert rows[0][4] == "Post" and [row[4] for row in rows[1:]] == [overdue.post]


def test_the_contract_export_is_for_national_admins_only(client_for, same_org_hr_admin):
    assert client_for(same_org_hr_admin).get(reverse("talentpool:contract_export")).status_code == 404


def test_reviews_filter_by_status_and_paginate(client_for, same_org_hr_admin, same_org):
    for number in range(30):
        TalentReview.objects.create(organisation=same_org, title=f"Review {number:02}",
                                    held_on=date(2025, 1, 1 + number % 28))
    TalentReview.objects.create(organisation=same_org, title="Decided one", held_on=date(2024, 1, 1),
                                status=TalentReview.Status.DECIDED)
    client = client_for(same_org_hr_admin)
    first = client.get(reverse("talentpool:review_list"))
    assert b"31 reviews" in first.content and b"Page 1 of 2" in first.content
    decided = client.get(reverse("talentpool:review_list"), {"status": "decided"})
    assert b"Decided one" in decided.content and b"Review 00" not in decided.content


def test_succession_plans_filter_to_posts_with_nobody_ready_now(client_for, same_org_hr_admin, same_org):
    covered = SuccessionPlan.objects.create(organisation=same_org, post="Covered post")
    SuccessionPlan.objects.create(organisation=same_org, post="Exposed post")
    services.succession_candidate_add(actor=same_org_hr_admin, plan=covered,
                                      person=PersonFactory(organisation=same_org), readiness="ready_now")
    page = client_for(same_org_hr_admin).get(reverse("talentpool:succession_list"), {"no_ready_now": "on"})
    assert b"Exposed post" in page.content and b"Covered post" not in page.content


def test_trainees_filter_by_cohort(client_for, same_org_hr_admin, same_org):
    finance = GraduateCohortFactory(intake_year=2024, pathway="finance")
    hr = GraduateCohortFactory(intake_year=2025, pathway="hr")
    GraduateTraineeFactory(cohort=finance, person=PersonFactory(organisation=same_org, last_name="Ledger"))
    GraduateTraineeFactory(cohort=hr, person=PersonFactory(organisation=same_org, last_name="Rota"))
    page = client_for(same_org_hr_admin).get(reverse("talentpool:graduate_list"), {"cohort": hr.public_id})
    assert b"Rota" in page.content and b"Ledger" not in page.content


def test_cohorts_filter_by_pathway(client_for, national_admin):
    GraduateCohortFactory(intake_year=2024, pathway="finance")
    GraduateCohortFactory(intake_year=2024, pathway="hr")
    page = client_for(national_admin).get(reverse("talentpool:graduate_national"), {"pathway": "hr"})
    assert b"2024 Human resources" in page.content and b"2024 Finance" not in page.content


def _reviews(organisation, shown):
    def add_rows(count):
        for _ in range(count):
            shown.append(f"Review {len(shown)}")
            TalentReview.objects.create(organisation=organisation, title=shown[-1], held_on=date(2025, 4, 1))
    return add_rows


def _plans(organisation, shown):
    def add_rows(count):
        for _ in range(count):
            shown.append(f"Post {len(shown):03}")
            SuccessionPlan.objects.create(organisation=organisation, post=shown[-1],
                                          holder=PersonFactory(organisation=organisation))
    return add_rows


def test_the_reviews_page_costs_the_same_for_more_rows(
    client_for, same_org_hr_admin, same_org, django_assert_num_queries
):
    shown = []
    assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=_reviews(same_org, shown),
        open_list=page_opener(client_for(same_org_hr_admin), reverse("talentpool:review_list"),
                              expect=lambda: shown[-1]))


def test_the_succession_page_costs_the_same_for_more_rows(
    client_for, same_org_hr_admin, same_org, django_assert_num_queries
):
    shown = []
    assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=_plans(same_org, shown),
        open_list=page_opener(client_for(same_org_hr_admin), reverse("talentpool:succession_list"),
                              expect=lambda: shown[-1]))
