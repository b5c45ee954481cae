"""Names and ids refuse control, line-break, invisible and direction-changing characters, everywhere.

One rule (leadership/validators.py) on the model fields, so the admin's forms and DRF serializers
refuse such text, and the staff and training imports give a per-row error and import nothing.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework import serializers

from leadership import people_import, services
from leadership.admin import PersonAdminForm
from leadership.models import Organisation, Person
from leadership.validators import forbidden_character_error, validate_plain_text
from tests.factories import PersonFactory
from training import records_import
from training.models import TrainingRecord

pytestmark = pytest.mark.django_db

HOSTILE = {
    "line break": "Evil\r\nBcc: victim@example.com",
    "line feed": "Evil\nBcc: victim@example.com",
    "right-to-left override": "12\u202e345",
    "zero-width space": "123\u200b45",
    "zero-width joiner": "Ann\u200de",
    "left-to-right isolate": "Ann\u2066e",
    "word joiner": "Ann\u2060e",
    "byte order mark": "\ufeffAnne",
    "tab": "Ann\te",
    "null": "Ann\x00e",
    "escape": "Ann\x1b[31me",
    "line separator": "Ann\u2028e",
    "soft hyphen (Cf)": "Ann\u00ade",
}


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
def test_the_validator_refuses_hidden_characters_and_names_them(value):
    with pytest.raises(ValidationError) as refused:
        validate_plain_text(value)
    message = refused.value.messages[0]
    assert "U+" in message and "position" in message
    assert not any(c in message for c in "\r\n\u202e\u200b\ufeff")  # the message never holds the character


@pytest.mark.parametrize("value", ["Siobhán", "O'Brien-Smith", "José María", "Zoë", "李 小龙", "محمد",
                                   "A&E lead (band 8a)", "12345"])
def test_ordinary_names_in_any_script_pass(value):
    validate_plain_text(value)
    assert forbidden_character_error(value) is None


def test_a_crlf_name_is_refused_by_the_person_service_and_nothing_is_saved(same_org):
    with pytest.raises(ValidationError) as refused:
        services.person_create(actor=None, organisation=same_org, employee_number="E1",
                               first_name="Evil\r\nBcc: victim@example.com", last_name="Row")
    assert "first_name" in refused.value.message_dict
    assert not Person.objects.filter(employee_number="E1").exists()


def test_the_admin_person_form_refuses_a_bidi_employee_number(same_org):
    form = PersonAdminForm(data={
        "organisation": same_org.pk, "employee_number": "12\u202e345", "first_name": "Ann",
        "last_name": "Lee", "management_level": "none", "sector_background": "nhs", "active": "on",
    })
    assert not form.is_valid()
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE)" in form.errors["employee_number"][0]


def test_the_admin_refuses_an_organisation_name_with_a_line_break(client_for, national_admin, same_org):
    national_admin.is_staff = True
    national_admin.save(update_fields=["is_staff"])
    url = reverse("admin:leadership_organisation_change", args=[same_org.pk])
    response = client_for(national_admin).post(url, {
        "ods_code": "RT1", "name": "Same\r\nBcc: victim@example.com", "kind": same_org.kind, "active": "on",
    })
    assert response.status_code == 200
    assert b"U+000D" in response.content
    same_org.refresh_from_db()
    assert same_org.name == "Same Hospitals NHS Trust"


class PersonIn(serializers.ModelSerializer):
    """What any writing API for people would build: DRF copies the model fields' validators."""

    class Meta:
        model = Person
        fields = ["employee_number", "first_name", "last_name", "work_email", "job_title"]


@pytest.mark.parametrize("field,value", [
    ("employee_number", "123\u200b45"), ("first_name", "Evil\r\nBcc: victim@example.com"),
    ("last_name", "Lee\u202e"), ("job_title", "Nurse\ufeff"), ("work_email", "ann\u200b@rt1.nhs.uk"),
])
def test_an_api_serializer_of_people_refuses_hidden_characters(field, value):
    data = {"employee_number": "E1", "first_name": "Ann", "last_name": "Lee"} | {field: value}
    serializer = PersonIn(data=data)
    assert not serializer.is_valid()
    assert field in serializer.errors


def test_an_api_serializer_accepts_a_plain_person():
    assert PersonIn(data={"employee_number": "E1", "first_name": "Siobhán", "last_name": "Ní Bhriain",
                          "job_title": "Ward sister"}).is_valid()


def test_the_organisation_model_refuses_a_hidden_character_in_its_ods_code(icb):
    with pytest.raises(ValidationError) as refused:
        Organisation(ods_code="RT\u200b2", name="Trust", kind=Organisation.Kind.NHS_TRUST).full_clean()
    assert "ods_code" in refused.value.message_dict


STAFF_HEADER = "Employee Number,First Name,Last Name,Work Email,Job Title,Organisation Code\n"


def test_a_staff_file_with_a_crlf_name_is_rejected_whole_with_the_row_and_column(same_org):
    content = (STAFF_HEADER + "1001,Beth,Jones,,Head of nursing,RT1\n"
               '1002,"Evil\r\nBcc: victim@example.com",Row,,Nurse,RT1\n'
               "1003,Cal,Obi,,Staff nurse,RT1\n")
    outcome = people_import.import_file(content.encode(), same_org, None, source="command")
    assert not outcome.accepted
    assert [(e["line"], e["column"], e["column_label"]) for e in outcome.row_errors] == [
        (3, "first_name", "First Name")]
    assert "U+000D (CARRIAGE RETURN)" in outcome.row_errors[0]["reason"]
    assert not Person.objects.filter(organisation=same_org).exists()  # all or nothing (ADR 0002)


@pytest.mark.parametrize("column,cell", [
    ("employee_number", "12\u202e34"), ("employee_number", "1\u200b234"), ("last_name", "Obi\u2066"),
    ("work_email", "cal\ufeff@rt1.nhs.uk"), ("job_title", "Nurse\x07"), ("organisation_code", "RT\u200b1"),
])
def test_each_hidden_character_in_a_staff_row_is_that_rows_error(same_org, column, cell):
    values = {"employee_number": "1234", "first_name": "Cal", "last_name": "Obi",
              "work_email": "cal@rt1.nhs.uk", "job_title": "Nurse", "organisation_code": "RT1"}
    values[column] = cell
    content = STAFF_HEADER + "1001,Beth,Jones,,Head,RT1\n" + ",".join(values.values()) + "\n"
    outcome = people_import.import_file(content.encode(), same_org, None, source="command")
    errors = [(e["line"], e["column"]) for e in outcome.row_errors]
    assert (3, column) in errors
    assert all(not any(c in e["reason"] for c in "\u202e\u200b\u2066\ufeff\x07") for e in outcome.row_errors)
    assert not Person.objects.exists()


def test_a_staff_file_of_plain_names_in_any_script_is_imported(same_org):
    content = STAFF_HEADER + "1001,Siobhán,Ní Bhriain,,Ward sister,RT1\n1002,李,小龙,,Nurse,RT1\n"
    outcome = people_import.import_file(content.encode(), same_org, None, source="command")
    assert outcome.accepted and outcome.created == 2


TRAINING_HEADER = "Employee number,Organisation code,Course code,Title,Provider,Status,Date,Hours,Cost\n"


def test_a_training_file_with_hidden_characters_is_rejected_with_each_row_and_column(same_org):
    PersonFactory(organisation=same_org, employee_number="E1")
    content = (TRAINING_HEADER
               + "E1,RT1,,Coaching,Elsewhere Ltd,Completed,2025-01-10,,\n"
               + '"E1",RT1,,"Coaching\r\nBcc: victim@example.com",Elsewhere,Completed,2025-01-11,,\n'
               + "E1,RT1,,Mentoring,Else\u202ewhere,Completed,2025-01-12,,\n"
               + "E\u200b1,RT1,,Mentoring,Elsewhere,Completed,2025-01-13,,\n")
    outcome = records_import.import_file(content.encode(), same_org, None)
    assert sorted({(e["line"], e["column"]) for e in outcome.row_errors}) == [
        (3, "title"), (4, "provider_name"), (5, "employee_number")]
    assert any("U+200B (ZERO WIDTH SPACE)" in e["reason"] for e in outcome.row_errors if e["line"] == 5)
    assert not any("\u200b" in e["reason"] for e in outcome.row_errors)
    assert not TrainingRecord.objects.exists()
