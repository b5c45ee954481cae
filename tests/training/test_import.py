"""The training-record CSV import: all or nothing, per-row errors, idempotent, run by the real worker."""

from datetime import date

import pytest
from django.urls import reverse

from leadership.people_import import FatalImportError
from tests.conftest import wait_for
from tests.factories import PersonFactory
from tests.training.factories import CourseFactory
from training import records_import
from training.models import Qualification, TrainingImport, TrainingRecord

pytestmark = pytest.mark.django_db

HEADER = "Employee number,Organisation code,Course code,Title,Provider,Status,Date,Hours,Cost\n"


@pytest.fixture
def staff(same_org):
    return [PersonFactory(organisation=same_org, employee_number=f"E{n}") for n in (1, 2)]


@pytest.fixture
def course():
    return CourseFactory(code="senior-q", qualification="Senior qualification", senior_qualification=True)


def good_file() -> bytes:
    return (
        HEADER + "E1,RT1,senior-q,,,Completed,2025-01-10,,\n"
        "E2,RT1,,Coaching for leaders,Elsewhere Ltd,completed,10/02/2025,3.5,£250\n"
    ).encode()


def test_a_good_file_creates_records_and_importing_it_again_changes_nothing(same_org, staff, course):
    outcome = records_import.import_file(good_file(), same_org, None)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (2, 0, 0)
    external = TrainingRecord.objects.get(person=staff[1])
    assert (external.title, external.on, str(external.hours), str(external.cost)) == (
        "Coaching for leaders",
        date(2025, 2, 10),
        "3.5",
        "250.00",
    )
    assert Qualification.objects.filter(person=staff[0], senior=True).exists()
    again = records_import.import_file(good_file(), same_org, None)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert TrainingRecord.objects.count() == 2


def test_a_changed_row_updates_the_matching_record(same_org, staff, course):
    records_import.import_file(good_file(), same_org, None)
    changed = good_file().replace(b"Completed,2025-01-10", b"Failed,2025-01-10")
    outcome = records_import.import_file(changed, same_org, None)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 1, 1)
    assert TrainingRecord.objects.get(person=staff[0]).status == "failed"


def test_bad_rows_reject_the_whole_file_with_a_reason_for_each(same_org, staff, course):
    content = (
        HEADER + "E1,RT1,senior-q,,,Completed,2025-01-10,,\n"
        "E9,RT1,,Something,,Completed,2025-01-10,,\n"
        "E2,RT1,nope,,,Passed,31/31/2025,-1,\n"
        "E2,RT1,,,,Completed,2025-01-10,,\n"
    ).encode()
    outcome = records_import.import_file(content, same_org, None)
    assert not outcome.accepted
    assert TrainingRecord.objects.count() == 0
    problems = {(e["line"], e["column"]) for e in outcome.row_errors}
    assert problems == {
        (3, "employee_number"),
        (4, "course_code"),
        (4, "status"),
        (4, "on"),
        (4, "hours"),
        (5, "title"),
    }


def test_another_organisations_rows_reject_the_file(same_org, staff):
    with pytest.raises(FatalImportError, match="RT9"):
        records_import.import_file((HEADER + "E1,RT9,,X,,Completed,2025-01-10,,\n").encode(), same_org, None)


def test_an_unknown_column_rejects_the_file(same_org):
    with pytest.raises(FatalImportError, match="Unexpected column"):
        records_import.import_file(b"Employee number,Shoe size\nE1,9\n", same_org, None)


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_the_upload_page_runs_the_import_on_the_worker(
    celery_worker, client_for, same_org_hr_admin, staff, course
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(same_org_hr_admin)
    response = client.post(
        reverse("training:import_new", args=["RT1"]),
        {"file": SimpleUploadedFile("training.csv", good_file())},
    )
    assert response.status_code == 302
    job = TrainingImport.objects.get()
    wait_for(lambda: TrainingImport.objects.get(id=job.id).finished)
    job.refresh_from_db()
    assert (job.status, job.created_count) == (TrainingImport.Status.SUCCEEDED, 2)
    assert b"Import complete" in client.get(reverse("training:import_detail", args=[job.public_id])).content
