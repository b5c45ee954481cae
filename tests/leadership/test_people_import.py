"""The ESR import: all rows or none, idempotent, every problem listed."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from pghistory.models import Events

from dashboards.models import Refresh
from leadership import people_import
from leadership.models import PeopleImport, Person
from tests.conftest import wait_for
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

HEADER = ("Employee Number,First Name,Last Name,Work Email,Job Title,Organisation Code,"
          "Line Manager Employee Number,Management Level,Band,Staff Group,Sector Background,"
          "CCG/ICB Roles\n")
GOOD_FILE = HEADER + (
    # The report comes before their manager: managers may appear after their reports.
    "1002,Amir,Khan,amir.khan@rt1.nhs.uk,Ward manager,RT1,1001,First-line,Band 7,"
    "Nursing and midwifery registered,NHS,\n"
    "1001,Beth,Jones,beth.jones@rt1.nhs.uk,Head of nursing,RT1,,middle,8b,nursing_midwifery,"
    "Private sector,\n"
    "1003,Cal,Obi,,Staff nurse,RT1,1002,Not a manager,5,Nursing and midwifery registered,,\n"
)


def run_import(content: str, organisation):
    return people_import.import_file(content.encode(), organisation, None, source="command")


def test_a_good_file_creates_everyone_with_their_managers(same_org):
    outcome = run_import(GOOD_FILE, same_org)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (3, 0, 0)
    amir = Person.objects.get(employee_number="1002")
    assert amir.line_manager.employee_number == "1001"
    assert (amir.management_level, amir.band) == ("first_line", "7")
    assert Person.objects.get(employee_number="1001").sector_background == "private"
    assert Person.objects.get(employee_number="1003").line_manager == amir


def test_reimporting_the_same_file_changes_nothing(same_org):
    run_import(GOOD_FILE, same_org)
    events_before = Events.objects.count()
    updated_before = list(Person.objects.order_by("id").values_list("updated_at", flat=True))
    outcome = run_import(GOOD_FILE, same_org)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 3)
    assert Events.objects.count() == events_before
    assert list(Person.objects.order_by("id").values_list("updated_at", flat=True)) == updated_before


def test_an_updated_file_updates_people_by_employee_number(same_org):
    run_import(GOOD_FILE, same_org)
    changed = GOOD_FILE.replace("Staff nurse,RT1,1002", "Senior staff nurse,RT1,1001")
    outcome = run_import(changed, same_org)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 1, 2)
    cal = Person.objects.get(employee_number="1003")
    assert cal.job_title == "Senior staff nurse"
    assert cal.line_manager.employee_number == "1001"
    update = Events.objects.tracks(cal).filter(pgh_label="update").get()
    assert update.pgh_context["source"] == "command"
    assert update.pgh_diff["job_title"] == ["Staff nurse", "Senior staff nurse"]


def test_a_file_full_of_bad_rows_lists_every_problem_and_changes_nothing(same_org):
    PersonFactory(organisation=same_org, employee_number="9000", first_name="Existing")
    bad = HEADER + (
        ",NoNumber,Person,,,RT1,,,,,,\n"                                   # line 2
        "2001,,Smith,not-an-email,,RT1,,Overlord,Band 12,Wizards,Moon,\n"  # line 3
        "2002,Dup,One,,,RT1,,,,,,\n"                                       # line 4
        "2002,Dup,Two,,,RT1,,,,,,\n"                                       # line 5
        "2003,Lost,Report,,,RT1,7777,,,,,\n"                               # line 6
        "2004,Loop,A,,,RT1,2005,,,,,\n"                                    # line 7
        "2005,Loop,B,,,RT1,2004,,,,,\n"                                    # line 8
        "2006,Self,Managed,,,RT1,2006,,,,,Chair;Emperor\n"                 # line 9
        "2007,Good,Row,,,RT1,9000,,,,,\n"                                  # line 10
    )
    before = Person.objects.count()
    outcome = run_import(bad, same_org)
    problems = {(e["line"], e["column"]) for e in outcome.row_errors}
    assert problems >= {
        (2, "employee_number"), (3, "first_name"), (3, "work_email"), (3, "management_level"),
        (3, "band"), (3, "staff_group"), (3, "sector_background"), (5, "employee_number"),
        (6, "line_manager_number"), (7, "line_manager_number"), (8, "line_manager_number"),
        (9, "line_manager_number"), (9, "commissioner_roles"),
    }
    assert not any(e["line"] == 10 for e in outcome.row_errors)
    assert all(e["reason"] for e in outcome.row_errors)
    assert Person.objects.count() == before


@pytest.mark.parametrize(("content", "message"), [
    (b"Name,Shoe size\nAmir,9\n", "Unexpected columns"),
    (b"Employee Number,First Name\n1,A\n", "Missing required column"),
    (HEADER.encode("utf-16"), "not a CSV file"),
    ("Employee Number,First Name,Last Name,Organisation Code\n1,Zoë,X,RT1\n".encode("latin-1"),
     "not UTF-8"),
    (b"", "empty"),
    (HEADER.encode(), "no rows"),
    (HEADER.encode() + b'1,"unclosed,Jones,,,RT1,,,,,,\n', "not valid CSV"),
    (HEADER.encode() + b"1,A,B,,,RT9,,,,,,\n", "RT9"),
])
def test_fatal_problems_reject_the_whole_file(same_org, content, message):
    with pytest.raises(people_import.FatalImportError, match=message):
        people_import.import_file(content, same_org, None, source="command")
    assert not Person.objects.exists()


def test_a_file_over_20_mb_is_refused(same_org, settings):
    settings.IMPORT_MAX_BYTES = 100
    with pytest.raises(people_import.FatalImportError, match="larger than"):
        run_import(GOOD_FILE, same_org)


def test_the_command_imports_and_reports_problems(same_org, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_text(GOOD_FILE)
    call_command("import_people", str(good), org="rt1")
    assert "3 created" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "1004,,X,,,RT1,,,,,,\n")
    with pytest.raises(CommandError, match="Nothing was imported: 1 problem"):
        call_command("import_people", str(bad), org="RT1")
    assert "line 2, first_name" in capsys.readouterr().err


def test_running_a_finished_import_again_does_nothing(same_org):
    job = PeopleImport.objects.create(organisation=same_org, file_name="x.csv",
                                      content=GOOD_FILE.encode())
    people_import.run(import_id=job.id)
    people_import.run(import_id=job.id)
    job.refresh_from_db()
    assert (job.status, job.created_count, job.content) == ("succeeded", 3, b"")
    assert Person.objects.count() == 3


def test_another_organisations_hr_admin_cannot_open_the_import_page(client_for, same_org,
                                                                    other_org_hr_admin):
    response = client_for(other_org_hr_admin).get(reverse("people_import_new", args=["RT1"]))
    assert response.status_code == 404


@pytest.mark.django_db(transaction=True)
def test_upload_page_runs_the_import_on_the_real_worker(celery_worker, client_for,
                                                        same_org_hr_admin, same_org):
    client = client_for(same_org_hr_admin)
    upload = __import__("io").BytesIO(GOOD_FILE.encode())
    upload.name = "staff.csv"
    response = client.post(reverse("people_import_new", args=["RT1"]), {"file": upload})
    job = PeopleImport.objects.get()
    assert response.url == reverse("people_import_detail", args=[job.public_id])
    wait_for(lambda: PeopleImport.objects.get(id=job.id).finished)
    job.refresh_from_db()
    assert (job.status, job.created_count) == (PeopleImport.Status.SUCCEEDED, 3)
    page = client.get(reverse("people_import_detail", args=[job.public_id]))
    assert page.status_code == 200
    event = Events.objects.tracks(Person.objects.get(employee_number="1001")).get()
    assert event.pgh_context["user"] == same_org_hr_admin.pk
    assert event.pgh_context["import_id"] == job.id
    # The import asks the worker to refresh the dashboards; wait for it, which also keeps the test's
    # teardown (a TRUNCATE of every table) from racing the refresh's writes.
    wait_for(lambda: Refresh.objects.exists())
