"""A person's record: an HR admin adds one new starter and corrects a person's details on pages; every
rule the import and the services hold is a clear form error, and a refused change saves nothing."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from pghistory.models import Events

from leadership.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _details(**changes):
    data = {"employee_number": "E-900", "first_name": "Nia", "last_name": "Newstart",
            "work_email": "nia.newstart@rt1.example.nhs.uk", "job_title": "Ward manager", "line_manager": "",
            "management_level": "first_line", "band": "6", "staff_group": "nursing_midwifery",
            "professional_registration": "", "sector_background": "nhs", "commissioner_roles": []}
    return {**data, **changes}


def test_an_hr_admin_adds_a_new_starter(client_for, same_org_hr_admin, same_org_manager):
    client = client_for(same_org_hr_admin)
    page = client.get(reverse("organisation_detail", args=["RT1"])).content.decode()
    assert reverse("person_new", args=["RT1"]) in page
    form = client.get(reverse("person_new", args=["RT1"])).content.decode()
    assert "the next staff import overwrites it" in form
    manager = same_org_manager.person
    response = client.post(reverse("person_new", args=["RT1"]), _details(line_manager=str(manager.public_id)))
    assert response.status_code == 302
    person = Person.objects.get(employee_number="E-900")
    assert (person.organisation.ods_code, person.line_manager, person.band) == ("RT1", manager, "6")
    assert [e.pgh_context.get("user") for e in Events.objects.tracks(person)] == [same_org_hr_admin.pk]


def test_an_hr_admin_corrects_a_persons_details(client_for, same_org_hr_admin, same_org_manager):
    person = same_org_manager.person
    client = client_for(same_org_hr_admin)
    assert reverse("person_edit", args=[person.public_id]) in client.get(
        reverse("person_detail", args=[person.public_id])).content.decode()
    response = client.post(reverse("person_edit", args=[person.public_id]), _details(
        employee_number=person.employee_number, first_name="Morgana", last_name=person.last_name,
        commissioner_roles=["chair", "lay_member"]))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.first_name == "Morgana" and person.job_title == "Ward manager"
    assert person.commissioner_roles == ["chair", "lay_member"]


@pytest.mark.parametrize("case, field, error", [
    ("duplicate number", "employee_number", "Another person in this organisation has this number."),
    ("manager elsewhere", "line_manager", "Choose a person from the search results"),
    ("reports to own report", "line_manager", "A person cannot report to someone who reports to them."),
    ("control characters", "first_name", "Contains a control, line-break or invisible character"),
    ("bad band", "band", "Select a valid choice."),
])
def test_a_change_that_breaks_a_rule_is_a_form_error_and_saves_nothing(
        client_for, same_org_hr_admin, same_org, other_org, case, field, error):
    person = PersonFactory(organisation=same_org, employee_number="E-1", first_name="Pat", last_name="Person")
    report = PersonFactory(organisation=same_org, line_manager=person, employee_number="E-2")
    changes = {
        "duplicate number": {"employee_number": "E-2"},
        "manager elsewhere": {"line_manager": str(PersonFactory(organisation=other_org).public_id)},
        "reports to own report": {"line_manager": str(report.public_id)},
        "control characters": {"first_name": "Pat\u202e"},
        "bad band": {"band": "99"},
    }[case]
    before = list(Person.objects.order_by("pk").values())
    data = _details(**{"employee_number": "E-1", "first_name": "Pat", "last_name": "Person", **changes})
    response = client_for(same_org_hr_admin).post(reverse("person_edit", args=[person.public_id]), data)
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert f'id="id_{field}-error"' in html and escape(error) in html
    assert list(Person.objects.order_by("pk").values()) == before
    assert "Change Pat Person&#x27;s details" in html  # the page shows the stored name, not the refused one


def test_the_line_manager_is_searched_for_within_the_persons_organisation(
        client_for, same_org_hr_admin, same_org, other_org):
    """
    GIVEN a Quinn in the person's trust and another Quinn in a different trust
    WHEN the HR admin searches "quinn" for the line manager on the person's form
    THEN only their own trust's Quinn is offered, what was typed stays, and nothing is saved
    """
    person = PersonFactory(organisation=same_org, employee_number="E-1", first_name="Pat", last_name="Person")
    ours = PersonFactory(organisation=same_org, first_name="Quinn", last_name="Quartermain")
    theirs = PersonFactory(organisation=other_org, first_name="Quinn", last_name="Quartermaine")
    before = list(Person.objects.order_by("pk").values())
    data = _details(employee_number="E-1", first_name="Patricia", last_name="Person",
                    **{"line_manager-q": "quinn", "person_search": "line_manager"})
    response = client_for(same_org_hr_admin).post(reverse("person_edit", args=[person.public_id]), data)
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" not in html
    assert f'value="{ours.public_id}"' in html and str(theirs.public_id) not in html
    assert 'value="Patricia"' in html and 'value="quinn"' in html
    assert list(Person.objects.order_by("pk").values()) == before
