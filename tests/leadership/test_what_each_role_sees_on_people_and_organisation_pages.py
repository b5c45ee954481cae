"""Pages through the test client: what each role sees, filters, exports, and query counts."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leadership.models import ManagementLevel
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_manager_home_shows_their_own_summary_and_team(client_for, same_org_manager):
    page = body(client_for(same_org_manager).get(reverse("home")))
    assert "Morgan Manager" in page
    assert "Lee Lead" in page and "Rita Report" in page


def test_hr_admin_home_shows_their_organisation_summary(client_for, same_org_hr_admin,
                                                       same_org_manager):
    page = body(client_for(same_org_hr_admin).get(reverse("home")))
    assert "Same Hospitals NHS Trust" in page


def test_my_team_lists_direct_reports_only(client_for, same_org_manager):
    page = body(client_for(same_org_manager).get(reverse("my_team")))
    assert "Lee Lead" in page and "Rita Report" in page
    assert "Indie Indirect" not in page


def test_people_search_filters_by_name_level_band_and_manager(client_for, same_org_hr_admin,
                                                             same_org_manager):
    client = client_for(same_org_hr_admin)
    url = reverse("people_list")
    assert "Rita Report" in body(client.get(url, {"q": "report"}))
    assert "Lee Lead" not in body(client.get(url, {"q": "report"}))
    levelled = body(client.get(url, {"management_level": ManagementLevel.FIRST_LINE}))
    assert "Lee Lead" in levelled and "Rita Report" not in levelled
    managed = body(client.get(url, {"line_manager": same_org_manager.person.public_id}))
    assert "Lee Lead" in managed and "Indie Indirect" not in managed


def test_people_search_with_bad_filters_shows_an_error_not_a_crash(client_for, same_org_hr_admin):
    response = client_for(same_org_hr_admin).get(reverse("people_list"),
                                                 {"band": "99", "line_manager": "nope"})
    assert response.status_code == 200
    assert "Select a valid choice" in body(response)


def test_people_list_paginates_with_a_constant_number_of_queries(client_for, same_org_hr_admin, same_org):
    client = client_for(same_org_hr_admin)
    client.get(reverse("people_list"))  # warm the session and the sign-in bookkeeping

    def queries_for_page(page: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("people_list"), {"page": page})
        assert response.status_code == 200
        return len(captured)

    PersonFactory.create_batch(3, organisation=same_org)
    few = queries_for_page(1)
    managers = PersonFactory.create_batch(5, organisation=same_org)
    for manager in managers:
        PersonFactory.create_batch(8, organisation=same_org, line_manager=manager)
    assert queries_for_page(1) == few
    assert queries_for_page(2) == few
    assert few <= 18  # session, user, grants, MFA, sessions, unread count, may invite, then count and page


def test_people_export_is_csv_with_formulas_neutralised(client_for, same_org_hr_admin, same_org):
    PersonFactory(organisation=same_org, first_name="=HYPERLINK(\"x\")", last_name="Zed")
    response = client_for(same_org_hr_admin).get(reverse("people_export"), {"q": "zed"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body(response))))
    assert rows[0][:3] == ["Employee number", "First name", "Last name"]
    assert rows[1][1] == "'=HYPERLINK(\"x\")"
    assert len(rows) == 2


def test_person_page_shows_details_reports_and_change_history(client_for, same_org_hr_admin,
                                                             same_org_manager):
    person = same_org_manager.person
    page = body(client_for(same_org_hr_admin).get(reverse("person_detail", args=[person.public_id])))
    assert "Morgan Manager" in page and "Lee Lead" in page
    assert "Change history" in page


def test_organisation_page_shows_hierarchy_and_import_link_for_hr_admin(
        client_for, same_org_hr_admin, same_org_manager):
    page = body(client_for(same_org_hr_admin).get(reverse("organisation_detail", args=["rt1"])))
    assert "NHS Test ICB" in page
    assert reverse("people_import_new", args=["RT1"]) in page


def test_manager_cannot_reach_the_import_page(client_for, same_org_manager):
    response = client_for(same_org_manager).get(reverse("people_import_new", args=["RT1"]))
    assert response.status_code == 404


def test_import_upload_with_a_wrong_file_type_is_refused_with_a_message(client_for,
                                                                        same_org_hr_admin):
    upload = io.BytesIO(b"\x89PNG...")
    upload.name = "photo.png"
    response = client_for(same_org_hr_admin).post(reverse("people_import_new", args=["RT1"]),
                                                  {"file": upload})
    assert response.status_code == 200
    assert "must be a CSV file" in body(response)


def test_pages_for_signed_in_users_are_not_cached(client_for, same_org_manager):
    response = client_for(same_org_manager).get(reverse("home"))
    assert response["Cache-Control"] == "no-store"
