"""Regressions found in review: redirects, leavers, partial imports, bad input, stalled jobs."""

import time

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from leadership import people_import
from leadership.models import ManagementLevel, PeopleImport, Person, Role, SecurityEvent
from tests.factories import PersonFactory, RoleAssignmentFactory, UserFactory
from tests.sign_in import post_sign_in

pytestmark = pytest.mark.django_db
HEADER = "Employee Number,First Name,Last Name,Organisation Code"


def run_import(text: str, organisation):
    return people_import.import_file(text.encode(), organisation, None, source="command")


def test_admin_login_never_redirects_off_site(client, same_org_manager):
    client.force_login(same_org_manager)
    assert client.get("/admin/login/?next=https://evil.example/").status_code == 404  # not staff
    same_org_manager.is_staff = True
    same_org_manager.save()
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response.url == "/admin/"


def test_a_file_with_fewer_columns_leaves_the_other_fields_alone(same_org):
    lead = PersonFactory(organisation=same_org, employee_number="1")
    person = PersonFactory(organisation=same_org, employee_number="2", line_manager=lead,
                           band="8b", job_title="Matron", management_level=ManagementLevel.MIDDLE)
    outcome = run_import(f"{HEADER}\n2,Renamed,Person,RT1\n", same_org)
    assert outcome.updated == 1
    person.refresh_from_db()
    assert (person.first_name, person.band, person.job_title, person.line_manager) == (
        "Renamed", "8b", "Matron", lead)
    assert person.management_level == ManagementLevel.MIDDLE


def test_an_import_that_marks_a_leaver_ends_their_login(same_org, same_org_manager):
    person = same_org_manager.person
    client = Client()
    client.force_login(same_org_manager)
    run_import(f"{HEADER},Active\n{person.employee_number},Morgan,Manager,RT1,No\n", same_org)
    same_org_manager.refresh_from_db()
    assert not same_org_manager.is_active
    assert client.get(reverse("home")).status_code == 302
    assert SecurityEvent.objects.filter(kind="user_deactivated", user=same_org_manager).exists()


def test_a_leaver_is_nobodys_manager_any_more(same_org_manager):
    person = same_org_manager.person
    person.active = False
    person.save()
    from leadership import access

    assert not access.people(same_org_manager).exists()


def test_a_nul_byte_anywhere_rejects_the_file(same_org):
    padding = "".join(f"{n},A,B,RT1\n" for n in range(1000, 1400))
    with pytest.raises(people_import.FatalImportError, match="not a CSV file"):
        run_import(f"{HEADER}\n{padding}9999,Zero\x00,Byte,RT1\n", same_org)


def test_an_overlong_email_is_a_row_error_not_a_crash(same_org):
    outcome = run_import(f"{HEADER},Work Email\n1,A,B,RT1,{'a' * 250}@nhs.uk\n", same_org)
    assert [(e["line"], e["column"]) for e in outcome.row_errors] == [(2, "work_email")]


def test_a_stalled_running_import_is_taken_again_and_finished(same_org):
    job = PeopleImport.objects.create(organisation=same_org, file_name="x.csv",
                                      content=f"{HEADER}\n1,A,B,RT1\n".encode(),
                                      status=PeopleImport.Status.RUNNING)
    people_import.run(import_id=job.id)
    assert PeopleImport.objects.get(id=job.id).status == PeopleImport.Status.RUNNING  # still fresh
    with time_machine.travel(time.time() + 36 * 60, tick=False):
        people_import.run(import_id=job.id)
    job.refresh_from_db()
    assert (job.status, job.created_count, bytes(job.content)) == ("succeeded", 1, b"")


def test_resume_sends_again_imports_whose_task_was_lost(same_org, settings):
    job = PeopleImport.objects.create(organisation=same_org, file_name="x.csv",
                                      content=f"{HEADER}\n1,A,B,RT1\n".encode())
    assert people_import.resume_stalled() == 0
    with time_machine.travel(time.time() + 3 * 60, tick=False):
        from portal.celery import app

        app.conf.task_always_eager = True
        try:
            assert people_import.resume_stalled() == 1
        finally:
            app.conf.task_always_eager = False
    assert PeopleImport.objects.get(id=job.id).status == PeopleImport.Status.SUCCEEDED


def test_one_bad_filter_keeps_the_good_ones_and_refuses_a_wider_export(client_for, same_org_hr_admin,
                                                                         same_org_manager):
    client = client_for(same_org_hr_admin)
    page = client.get(reverse("people_list"), {"management_level": "first_line", "band": "zz"})
    names = {p.first_name for p in page.context["page"].object_list}
    assert names == {"Lee"}
    export = client.get(reverse("people_export"), {"management_level": "first_line", "band": "zz"})
    assert export.status_code == 302


def test_a_board_secretary_sees_no_report_they_may_not_read(client_for, same_org):
    secretary = UserFactory()
    RoleAssignmentFactory(user=secretary, organisation=same_org, role=Role.BOARD_SECRETARY)
    director = PersonFactory(organisation=same_org, management_level=ManagementLevel.EXECUTIVE)
    PersonFactory(organisation=same_org, line_manager=director, first_name="Hidden",
                  management_level=ManagementLevel.MIDDLE)
    page = client_for(secretary).get(reverse("person_detail", args=[director.public_id]))
    assert page.status_code == 200
    assert "Hidden" not in page.content.decode()


@pytest.mark.parametrize("path", ["/organisations/%00/", "/organisations/RT1%00/import/",
                                  "/organisations/a-b/api-clients/"])
def test_a_malformed_ods_code_is_404(client_for, same_org_hr_admin, path):
    assert client_for(same_org_hr_admin).get(path).status_code == 404


def test_a_password_typed_as_the_email_is_not_recorded(client):
    post_sign_in(client, "hunter2-secret", "whatever-12345")
    assert not SecurityEvent.objects.filter(email__contains="hunter2").exists()


def test_the_client_address_behind_a_trusted_proxy_is_taken_from_x_forwarded_for(rf, settings):
    from leadership.security import client_ip

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7", REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == "198.51.100.7"
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"


def test_deleting_a_manager_stamps_their_reports_for_delta_pulls(same_org_manager):
    lee = same_org_manager.person.reports.get(first_name="Lee")
    indie = lee.reports.get()
    before = indie.updated_at
    lee.delete()
    indie.refresh_from_db()
    assert indie.line_manager is None
    assert indie.updated_at > before


def test_a_save_that_sets_its_own_timestamp_keeps_it(same_org_manager):
    rita = same_org_manager.person.reports.get(first_name="Rita")
    rita.line_manager = None
    rita.save()
    stamped = Person.objects.get(id=rita.id).updated_at
    assert stamped == rita.updated_at  # the trigger only stamps writes that left updated_at alone
