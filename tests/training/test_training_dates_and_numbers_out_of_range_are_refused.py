"""Dates and numbers in range: training records, course runs and providers, the records import and
the API's date filters refuse what they cannot hold, write nothing and never answer 500."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadership.dates import OUT_OF_RANGE
from tests.factories import PersonFactory
from tests.training.factories import CourseFactory, RecordFactory
from training import records_import, services
from training.models import CourseRun, Provider, TrainingRecord

pytestmark = pytest.mark.django_db

PROPERTY = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
ANY_DATE = st.one_of(st.dates(), st.sampled_from([date(9999, 12, 31), date.min, date(1900, 1, 1)]))
ANY_INT = st.one_of(st.integers(), st.sampled_from([2**31, 2**31 - 1, 2**63, 0, -1, 1]))
ANY_AMOUNT = st.none() | st.decimals(allow_nan=True, allow_infinity=True)
HEADER = "Employee number,Organisation code,Course code,Title,Provider,Status,Date,Hours,Cost\n"


@PROPERTY
@given(on=ANY_DATE, hours=ANY_AMOUNT, cost=ANY_AMOUNT)
def test_a_training_record_of_any_date_and_size_is_recorded_or_refused_without_a_row(
    same_org, same_org_hr_admin, on, hours, cost
):
    before = TrainingRecord.objects.count()
    try:
        record = services.record_create(
            actor=same_org_hr_admin, person=PersonFactory(organisation=same_org), status="completed", on=on,
            title="Coaching", hours=hours, cost=cost,
        )
    except ValidationError:
        assert TrainingRecord.objects.count() == before
    else:
        assert date(1900, 1, 1) <= record.on <= date(2100, 12, 31)


@PROPERTY
@given(on=ANY_DATE, hours=st.decimals(allow_nan=True, allow_infinity=True))
def test_a_training_record_changed_to_any_date_and_hours_is_saved_or_left_as_it_was(
    same_org, same_org_hr_admin, on, hours
):
    record = TrainingRecord.objects.create(
        person=PersonFactory(organisation=same_org), organisation=same_org, title="Coaching",
        status="completed", on=date(2025, 1, 10),
    )
    try:
        services.record_update(actor=same_org_hr_admin, record=record, status="completed", on=on, hours=hours)
    except ValidationError:
        record.refresh_from_db()
        assert (record.on, record.hours) == (date(2025, 1, 10), 0)


@PROPERTY
@given(starts_on=ANY_DATE, ends_on=ANY_DATE, capacity=ANY_INT, accredited_from=st.none() | ANY_DATE)
def test_course_runs_and_providers_of_any_dates_and_capacity_are_saved_or_refused_without_a_row(
    national_admin, starts_on, ends_on, capacity, accredited_from
):
    course = CourseFactory()
    before = (CourseRun.objects.count(), Provider.objects.count())
    try:
        services.run_save(
            actor=national_admin, course=course, starts_on=starts_on, ends_on=ends_on, place="Leeds",
            capacity=capacity,
        )
    except ValidationError:
        assert CourseRun.objects.count() == before[0]
    try:
        services.provider_save(
            actor=national_admin, name="Provider", kind=Provider.Kind.UNIVERSITY,
            accreditation_status=Provider.Status.ACCREDITED, accredited_from=accredited_from,
            accredited_until=ends_on,
        )
    except ValidationError:
        assert Provider.objects.count() == before[1]


def test_an_import_row_with_a_date_out_of_range_or_too_many_hours_is_a_row_error_and_nothing_is_written(
    same_org,
):
    PersonFactory(organisation=same_org, employee_number="E1")
    content = (
        HEADER + "E1,RT1,,Coaching,,Completed,0001-01-01,,\n"
        "E1,RT1,,Mentoring,,Completed,2025-01-10,500000,\n"
        "E1,RT1,,Leading,,Completed,01/01/1899,3,99999999\n"
    ).encode()
    outcome = records_import.import_file(content, same_org, None)
    assert not outcome.accepted and not TrainingRecord.objects.exists()
    assert {(e["line"], e["column"]) for e in outcome.row_errors} == {
        (2, "on"), (3, "hours"), (4, "on"), (4, "cost")
    }
    assert [e["reason"] for e in outcome.row_errors if e["line"] == 2] == [OUT_OF_RANGE]


def test_the_largest_hours_the_column_holds_are_imported(same_org):
    PersonFactory(organisation=same_org, employee_number="E1")
    outcome = records_import.import_file(
        (HEADER + "E1,RT1,,Coaching,,Completed,2025-01-10,99999.9,9999999.99\n").encode(), same_org, None
    )
    assert outcome.accepted and str(TrainingRecord.objects.get().hours) == "99999.9"


@pytest.mark.parametrize("on", ["9999-12-31", "0001-01-01"])
def test_a_record_dated_out_of_range_on_the_page_is_a_form_error(client_for, same_org, same_org_hr_admin, on):
    person = PersonFactory(organisation=same_org)
    response = client_for(same_org_hr_admin).post(
        reverse("training:record_new", args=[person.public_id]),
        {"title": "Coaching", "status": "completed", "on": on, "hours": "3"},
    )
    assert response.status_code == 200 and OUT_OF_RANGE in response.content.decode()
    assert not TrainingRecord.objects.exists()


def test_a_provider_accredited_until_9999_is_a_form_error(client_for, national_admin):
    response = client_for(national_admin).post(
        reverse("training:provider_new"),
        {"name": "Far", "kind": Provider.Kind.UNIVERSITY, "accreditation_status": Provider.Status.ACCREDITED,
         "accredited_from": "2020-01-01", "accredited_until": "9999-12-31"},
    )
    assert response.status_code == 200 and OUT_OF_RANGE in response.content.decode()
    assert not Provider.objects.filter(name="Far").exists()


@pytest.mark.parametrize(
    ("params", "every_row"),
    [
        ({"date_from": "0001-01-01"}, True),
        ({"date_to": "9999-12-31"}, True),
        ({"date_from": "9999-12-31"}, False),
        ({"updated_since": "2101-01-01T00:00:00Z"}, False),
        ({"updated_since": "1899-12-31T23:59:59-01:00"}, True),
    ],
)
def test_an_api_date_bound_out_of_range_counts_as_the_nearest_end_of_it(same_org_api, same_org, params,
                                                                         every_row):
    """Schema-valid bounds are never refused (the OpenAPI contract) and never overflow."""
    RecordFactory(person=PersonFactory(organisation=same_org))
    response = same_org_api.get(reverse("api:training-record-list"), params)
    assert response.status_code == 200
    assert len(response.json()["results"]) == (1 if every_row else 0)


def test_api_date_parameters_at_the_ends_of_the_range_are_accepted(same_org_api):
    response = same_org_api.get(
        reverse("api:training-record-list"),
        {"date_from": "1900-01-01", "date_to": "2100-12-31", "updated_since": "1900-01-01T00:00:00+14:00"},
    )
    assert response.status_code == 200


def test_the_schema_states_the_range_of_date_parameters(same_org_api):
    schema = same_org_api.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/v1/training/records/"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    for name in ("date_from", "date_to", "updated_since"):
        assert "1900" in parameters[name]["description"] and "2100" in parameters[name]["description"], name
