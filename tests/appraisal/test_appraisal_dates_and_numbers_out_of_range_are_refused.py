"""Dates and numbers in range: appraisal cycles, calibration reviews and scorecards refuse what they
cannot hold with a ValidationError and write nothing; the pages answer 200 or 400, never 500."""

import itertools
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appraisal import services
from appraisal.models import AppraisalCycle, CalibrationReview, OrganisationScorecard, ScorecardMeasure
from leadership.dates import OUT_OF_RANGE
from leadership.models import Organisation

pytestmark = pytest.mark.django_db

PROPERTY = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
ANY_DATE = st.one_of(
    st.dates(), st.sampled_from([date(2028, 2, 29), date(9999, 6, 1), date(9999, 12, 31), date.min])
)
names = itertools.count()


def counts(*models) -> dict:
    return {model.__name__: model.objects.count() for model in models}


@PROPERTY
@given(opens_on=ANY_DATE, closes_on=st.none() | ANY_DATE)
def test_opening_a_cycle_on_any_dates_gives_a_cycle_in_range_or_a_validation_error_and_no_row(
    same_org, same_org_hr_admin, opens_on, closes_on
):
    before = counts(AppraisalCycle)
    try:
        cycle = services.cycle_create(
            actor=same_org_hr_admin, organisation=same_org, name=f"Cycle {next(names)}",
            opens_on=opens_on, closes_on=closes_on,
        )
    except ValidationError:
        assert counts(AppraisalCycle) == before
    else:
        assert date(1900, 1, 1) <= cycle.opens_on < cycle.closes_on


@PROPERTY
@given(held_on=ANY_DATE)
def test_a_calibration_review_on_any_date_is_held_or_refused_without_a_row(
    cycle, same_org_hr_admin, held_on
):
    before = counts(CalibrationReview)
    try:
        services.calibration_review_create(actor=same_org_hr_admin, cycle=cycle, held_on=held_on)
    except ValidationError:
        assert counts(CalibrationReview) == before


@PROPERTY
@given(
    period=ANY_DATE,
    target=st.decimals(allow_nan=True, allow_infinity=True),
    actual=st.none() | st.decimals(allow_nan=True, allow_infinity=True),
)
def test_a_scorecard_measure_of_any_period_and_size_is_saved_or_refused_without_a_row(
    same_org, same_org_hr_admin, period, target, actual
):
    before = counts(OrganisationScorecard, ScorecardMeasure)
    try:
        services.scorecard_measure_save(
            actor=same_org_hr_admin, organisation=same_org, period=period,
            perspective="Quality", name=f"Measure {next(names)}", target=target, actual=actual,
        )
    except ValidationError:
        assert counts(OrganisationScorecard, ScorecardMeasure) == before


def test_a_cycle_opened_on_29_february_with_no_closing_date_closes_the_day_before_its_anniversary(
    client_for, same_org, same_org_hr_admin
):
    response = client_for(same_org_hr_admin).post(
        reverse("appraisal:cycle_new", args=[same_org.ods_code]), {"name": "Leap", "opens_on": "2028-02-29"}
    )
    assert response.status_code == 302
    cycle = AppraisalCycle.objects.get(name="Leap")
    assert (cycle.opens_on, cycle.closes_on) == (date(2028, 2, 29), date(2029, 2, 27))


def test_a_cycle_opened_on_1_march_closes_on_the_last_day_of_february(same_org, same_org_hr_admin):
    cycle = services.cycle_create(
        actor=same_org_hr_admin, organisation=same_org, name="March", opens_on=date(2027, 3, 1)
    )
    assert cycle.closes_on == date(2028, 2, 29)


@pytest.mark.parametrize(
    "fields",
    [
        {"opens_on": "9999-06-01"},
        {"opens_on": "0001-01-01"},
        {"opens_on": "2026-04-01", "closes_on": "9999-12-31"},
    ],
)
def test_a_cycle_with_a_date_out_of_range_is_a_form_error_and_no_cycle(
    client_for, same_org, same_org_hr_admin, fields
):
    response = client_for(same_org_hr_admin).post(
        reverse("appraisal:cycle_new", args=[same_org.ods_code]), {"name": "Far", **fields}
    )
    assert response.status_code == 200
    assert OUT_OF_RANGE in response.content.decode()
    assert not AppraisalCycle.objects.filter(name="Far").exists()


@pytest.mark.parametrize("quarter", ["0001-01-01", "9999-12-31", "1899-12-31", "2026-02-30", "soon"])
def test_a_scorecard_quarter_that_is_unreadable_or_out_of_range_is_a_400_saying_why(
    client_for, same_org, same_org_hr_admin, quarter
):
    client = client_for(same_org_hr_admin)
    for url in (
        reverse("appraisal:scorecard", args=[same_org.ods_code]),
        reverse("appraisal:scorecard_measure_new", args=[same_org.ods_code]),
    ):
        response = client.get(url, {"quarter": quarter})
        assert response.status_code == 400
        assert "There is a problem with the quarter" in response.content.decode()


def test_a_measure_posted_with_an_out_of_range_quarter_is_not_saved_in_another_quarter(
    client_for, same_org, same_org_hr_admin
):
    response = client_for(same_org_hr_admin).post(
        reverse("appraisal:scorecard_measure_new", args=[same_org.ods_code]) + "?quarter=0001-01-01",
        {"perspective": "Quality", "name": "Falls", "target": "5", "actual": "4", "higher_is_better": ""},
    )
    assert response.status_code == 400
    assert not ScorecardMeasure.objects.exists()


def test_the_first_and_last_quarters_in_range_show_their_scorecards(client_for, same_org, same_org_hr_admin):
    client = client_for(same_org_hr_admin)
    for quarter in ("1900-01-01", "2100-12-31"):
        url = reverse("appraisal:scorecard", args=[same_org.ods_code])
        assert client.get(url, {"quarter": quarter}).status_code == 200


def test_a_footprints_scorecards_with_an_out_of_range_quarter_are_a_400(client_for, icb, same_org):
    from leadership.models import Role
    from tests.factories import user_with_person

    viewer = user_with_person(icb, role=Role.FOOTPRINT_VIEWER)
    url = reverse("appraisal:scorecard_footprint", args=[icb.ods_code])
    client = client_for(viewer)
    assert client.get(url).status_code == 200
    assert client.get(url, {"quarter": "0001-01-01"}).status_code == 400


def test_another_organisations_scorecard_is_404_whatever_the_quarter(
    client_for, other_org_hr_admin, same_org
):
    assert Organisation.objects.filter(ods_code=same_org.ods_code).exists()
    response = client_for(other_org_hr_admin).get(
        reverse("appraisal:scorecard", args=[same_org.ods_code]), {"quarter": "0001-01-01"}
    )
    assert response.status_code == 404
