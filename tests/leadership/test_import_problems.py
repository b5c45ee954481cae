"""An import's result page stays small: the first hundred problems, counts by column, and a CSV of all."""

import csv
import io

import pytest
from django.urls import reverse

from leadership import people_import
from leadership.models import PeopleImport, Person
from tests.factories import PeopleImportFactory
from training import records_import
from training.models import TrainingImport, TrainingRecord

pytestmark = pytest.mark.django_db

STAFF_HEADER = "Employee Number,First Name,Last Name,Organisation Code,Band,Work Email\n"
TRAINING_HEADER = "Employee number,Organisation code,Course code,Title,Provider,Status,Date,Hours,Cost\n"


def _staff_file(bad_bands: int, bad_emails: int) -> bytes:
    rows = [f"{n},Ann,Lee,RT1,Z,\n" for n in range(1, bad_bands + 1)]
    rows += [f"{n},Bo,Ray,RT1,5,not-an-email\n" for n in range(10_001, 10_001 + bad_emails)]
    return (STAFF_HEADER + "".join(rows)).encode()


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_a_staff_file_of_3000_bad_rows_shows_100_counts_them_by_column_and_offers_all_as_csv(
        client_for, same_org, same_org_hr_admin):
    job = PeopleImport.objects.create(organisation=same_org, uploaded_by=same_org_hr_admin,
                                      file_name="staff.csv", content=_staff_file(2_990, 10))
    people_import.run(import_id=job.id)
    client = client_for(same_org_hr_admin)

    page = client.get(reverse("people_import_detail", args=[job.public_id]))

    assert page.status_code == 200
    errors = page.context["errors"]
    assert (errors.total, len(errors.first)) == (3_000, 100)
    assert [(k["kind"], k["count"], k["first_line"]) for k in errors.by_kind] == [
        ("Band", 2_990, 2), ("Work Email", 10, 2_992)]
    body = page.content.decode()
    assert "The first 100 of 3,000 rejected rows" in body
    assert body.count("is not a recognised value.") == 100  # the page lists no more than that
    assert len(page.content) < 100_000
    rows = _csv(client.get(reverse("people_import_errors", args=[job.public_id])))
    assert rows[0] == ["Line", "Column", "Problem"]
    assert len(rows) == 3_001
    assert rows[1] == ["2", "Band", "'Z' is not a recognised value."]
    assert rows[-1] == ["3001", "Work Email", "'not-an-email' is not an email address."]
    assert not Person.objects.filter(first_name__in=["Ann", "Bo"]).exists()


def test_a_training_file_of_3000_bad_rows_shows_100_and_offers_all_as_csv(client_for, same_org,
                                                                          same_org_hr_admin):
    content = TRAINING_HEADER + "".join(f"X{n},RT1,,Course,,Completed,2025-01-10,,\n" for n in range(3_000))
    job = TrainingImport.objects.create(organisation=same_org, uploaded_by=same_org_hr_admin,
                                        file_name="training.csv", content=content.encode())
    records_import.run(import_id=job.id)
    client = client_for(same_org_hr_admin)

    page = client.get(reverse("training:import_detail", args=[job.public_id]))

    errors = page.context["errors"]
    assert (errors.total, len(errors.first)) == (3_000, 100)
    assert [(k["kind"], k["count"]) for k in errors.by_kind] == [("Employee number", 3_000)]
    assert page.content.decode().count("No person with employee number") == 100
    rows = _csv(client.get(reverse("training:import_errors", args=[job.public_id])))
    assert len(rows) == 3_001
    assert rows[-1] == ["3001", "Employee number", "No person with employee number X2999 in RT1."]
    assert TrainingRecord.objects.count() == 0


def test_a_small_rejected_import_lists_every_problem_without_a_first_of(client_for, same_org,
                                                                        same_org_hr_admin):
    job = PeopleImport.objects.create(organisation=same_org, uploaded_by=same_org_hr_admin,
                                      file_name="staff.csv", content=_staff_file(3, 0))
    people_import.run(import_id=job.id)

    page = client_for(same_org_hr_admin).get(reverse("people_import_detail", args=[job.public_id]))

    assert len(page.context["errors"].first) == 3
    assert "Rejected rows" in page.content.decode()
    assert "The first" not in page.content.decode()


def test_the_problems_csv_neutralises_formulas(client_for, same_org, same_org_hr_admin):
    job = PeopleImportFactory(organisation=same_org, uploaded_by=same_org_hr_admin, status="rejected",
                              row_errors=[{"line": 2, "column": "first_name", "column_label": "=1+1",
                                           "reason": "=HYPERLINK(\"https://evil.example\")"}])

    rows = _csv(client_for(same_org_hr_admin).get(reverse("people_import_errors", args=[job.public_id])))

    assert rows[1] == ["2", "'=1+1", "'=HYPERLINK(\"https://evil.example\")"]


def test_a_succeeded_import_has_an_empty_problems_csv(client_for, same_org, same_org_hr_admin):
    job = PeopleImportFactory(organisation=same_org, uploaded_by=same_org_hr_admin)

    rows = _csv(client_for(same_org_hr_admin).get(reverse("people_import_errors", args=[job.public_id])))

    assert rows == [["Line", "Column", "Problem"]]


@pytest.mark.parametrize("route", ["people_import_errors", "training:import_errors"])
def test_another_organisations_hr_admin_gets_404_for_the_problems_csv(client_for, same_org,
                                                                      same_org_hr_admin,
                                                                      other_org_hr_admin, route):
    model = TrainingImport if route.startswith("training") else PeopleImport
    job = model.objects.create(organisation=same_org, uploaded_by=same_org_hr_admin, file_name="f.csv",
                               status="rejected", row_errors=[{"line": 2, "column": "x", "reason": "Secret"}])

    response = client_for(other_org_hr_admin).get(reverse(route, args=[job.public_id]))

    assert response.status_code == 404
