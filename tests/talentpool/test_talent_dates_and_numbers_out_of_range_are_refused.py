"""Dates and numbers in range: talent reviews, the graduate scheme, secondments and senior contracts
refuse what they cannot hold with a ValidationError and write nothing; the pages never answer 500."""

import itertools
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadership.dates import OUT_OF_RANGE
from talentpool import services
from talentpool.models import (
    GraduateCohort,
    GraduateSchemeSettings,
    GraduateTrainee,
    Placement,
    ReviewPlacement,
    Secondment,
    SeniorContract,
    TalentReview,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

PROPERTY = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
ANY_DATE = st.one_of(
    st.dates(), st.sampled_from([date(2028, 2, 29), date(9999, 12, 1), date(9999, 12, 31), date.min])
)
ANY_INT = st.one_of(
    st.integers(), st.sampled_from([2**31, 2**31 - 1, 2**15, 2**63, 0, -1, 1, 3, 240, 241, 2026])
)
titles = itertools.count()


def counts(*models) -> dict:
    return {model.__name__: model.objects.count() for model in models}


@PROPERTY
@given(
    starts_on=ANY_DATE,
    months=ANY_INT,
    next_assessment_due=ANY_DATE,
    ends_on=st.none() | ANY_DATE,
    next_appraisal_due=st.none() | ANY_DATE,
)
def test_a_senior_contract_on_any_dates_and_term_is_registered_or_refused_without_a_row(
    national_admin, same_org, starts_on, months, next_assessment_due, ends_on, next_appraisal_due
):
    before = counts(SeniorContract)
    try:
        contract = services.senior_contract_create(
            actor=national_admin, person=PersonFactory(organisation=same_org), post="Chief executive",
            starts_on=starts_on, minimum_term_months=months, next_assessment_due=next_assessment_due,
            ends_on=ends_on, next_appraisal_due=next_appraisal_due,
        )
    except ValidationError:
        assert counts(SeniorContract) == before
    else:
        assert 1 <= months <= 240 and contract.minimum_term_ends_on > contract.starts_on


@PROPERTY
@given(assessed_on=ANY_DATE, next_assessment_due=ANY_DATE)
def test_a_contract_assessment_on_any_dates_is_recorded_or_changes_nothing(
    national_admin, same_org, assessed_on, next_assessment_due
):
    contract = SeniorContract.objects.create(
        person=PersonFactory(organisation=same_org), organisation=same_org, post="CEO",
        starts_on=date(2024, 1, 1), minimum_term_months=36, minimum_term_ends_on=date(2027, 1, 1),
        next_assessment_due=date(2026, 1, 1),
    )
    try:
        services.senior_contract_assessed(
            actor=national_admin, contract=contract, assessed_on=assessed_on,
            next_assessment_due=next_assessment_due,
        )
    except ValidationError:
        contract.refresh_from_db()
        assert (contract.last_assessed_on, contract.next_assessment_due) == (None, date(2026, 1, 1))


@PROPERTY
@given(baseline=ANY_INT)
def test_any_graduate_baseline_is_saved_or_refused_leaving_the_old_one(national_admin, baseline):
    before = GraduateSchemeSettings.current().baseline_2015_intake
    try:
        services.graduate_baseline_set(actor=national_admin, baseline_2015_intake=baseline)
    except ValidationError:
        assert GraduateSchemeSettings.current().baseline_2015_intake == before
    else:
        assert GraduateSchemeSettings.current().baseline_2015_intake == baseline <= 100_000


@PROPERTY
@given(intake_year=ANY_INT)
def test_a_cohort_of_any_intake_year_is_created_or_refused_without_a_row(national_admin, intake_year):
    before = counts(GraduateCohort)
    try:
        services.cohort_create(actor=national_admin, intake_year=intake_year, pathway="general_management")
    except ValidationError:
        assert counts(GraduateCohort) == before and not 2000 <= intake_year <= 2100


@PROPERTY
@given(starts_on=ANY_DATE, ends_on=ANY_DATE)
def test_placements_and_secondments_on_any_dates_are_recorded_or_refused_without_a_row(
    national_admin, same_org, same_org_hr_admin, starts_on, ends_on
):
    cohort, _ = GraduateCohort.objects.get_or_create(intake_year=2026, pathway="general_management")
    trainee = GraduateTrainee.objects.create(cohort=cohort, person=PersonFactory(organisation=same_org))
    before = counts(Placement, Secondment)
    try:
        services.placement_add(
            actor=national_admin, trainee=trainee, host=same_org, starts_on=starts_on, ends_on=ends_on,
            supervisor="Sam",
        )
    except ValidationError:
        assert counts(Placement, Secondment) == before
    before = counts(Placement, Secondment)
    try:
        services.secondment_create(
            actor=same_org_hr_admin, person=trainee.person, direction="out", external_sector="private",
            external_organisation="Acme", starts_on=starts_on, ends_on=ends_on, purpose="Learn",
        )
    except ValidationError:
        assert counts(Placement, Secondment) == before


@PROPERTY
@given(held_on=ANY_DATE, potential=ANY_INT, performance=st.none() | ANY_INT)
def test_a_talent_review_and_its_grid_take_any_input_or_refuse_it_without_a_row(
    same_org, same_org_hr_admin, held_on, potential, performance
):
    before = counts(TalentReview)
    try:
        services.talent_review_create(
            actor=same_org_hr_admin, organisation=same_org, title=f"Review {next(titles)}", held_on=held_on
        )
    except ValidationError:
        assert counts(TalentReview) == before
    review = TalentReview.objects.create(organisation=same_org, title=f"Review {next(titles)}",
                                         held_on=date(2026, 4, 1))
    try:
        services.review_place(
            actor=same_org_hr_admin, review=review, person=PersonFactory(organisation=same_org),
            potential=potential, performance=performance,
        )
    except ValidationError:
        assert not review.placements.exists()
    else:
        assert ReviewPlacement.objects.get(review=review).potential in (1, 2, 3)


def _contract_form(same_org_manager, **fields):
    return {
        "organisation": same_org_manager.person.organisation.ods_code,
        "employee_number": same_org_manager.person.employee_number,
        "post": "Chief executive",
        "starts_on": "2028-02-29",
        "minimum_term_months": "12",
        "next_assessment_due": "2028-09-01",
        **fields,
    }


def test_a_contract_starting_on_29_february_reaches_its_minimum_term_on_28_february(
    client_for, national_admin, same_org_manager
):
    response = client_for(national_admin).post(
        reverse("talentpool:contract_new"), _contract_form(same_org_manager)
    )
    assert response.status_code == 302
    assert SeniorContract.objects.get().minimum_term_ends_on == date(2029, 2, 28)


@pytest.mark.parametrize(
    "fields",
    [
        {"starts_on": "9999-12-01"},
        {"next_assessment_due": "0001-01-01"},
        {"next_appraisal_due": "2101-01-01"},
    ],
)
def test_a_contract_with_a_date_out_of_range_is_a_form_error_and_no_row(
    client_for, national_admin, same_org_manager, fields
):
    response = client_for(national_admin).post(
        reverse("talentpool:contract_new"), _contract_form(same_org_manager, **fields)
    )
    assert response.status_code == 200
    assert OUT_OF_RANGE in response.content.decode()
    assert not SeniorContract.objects.exists()


@pytest.mark.parametrize("baseline", [str(2**31), "100001", "0", "-5"])
def test_a_graduate_baseline_out_of_range_is_a_form_error_and_the_old_one_stays(
    client_for, national_admin, baseline
):
    before = GraduateSchemeSettings.current().baseline_2015_intake
    response = client_for(national_admin).post(
        reverse("talentpool:graduate_national"), {"baseline_2015_intake": baseline}
    )
    assert response.status_code == 200
    assert GraduateSchemeSettings.current().baseline_2015_intake == before
