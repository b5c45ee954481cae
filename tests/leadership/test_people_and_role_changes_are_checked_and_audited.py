"""Writes: each service checks its rules and leaves an audit record of who, what and where."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pghistory.models import Events

from leadership import services
from leadership.audit import audit_context, person_history
from leadership.models import Organisation, Role, RoleAssignment
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_person_create_refuses_a_line_manager_from_another_organisation(same_org, other_org_person):
    with pytest.raises(ValidationError, match="same organisation"):
        services.person_create(actor=None, organisation=same_org, line_manager=other_org_person,
                               employee_number="1", first_name="A", last_name="B")
    assert not same_org.people.exists()


def test_person_update_refuses_a_loop_in_the_hierarchy(same_org_manager):
    manager = same_org_manager.person
    indirect = manager.reports.get(first_name="Lee").reports.get()
    with pytest.raises(ValidationError, match="reports to them"):
        services.person_update(actor=None, person=manager, line_manager=indirect)
    manager.refresh_from_db()
    assert manager.line_manager is None


def test_person_update_records_who_changed_what_and_from_where(same_org_hr_admin, same_org_manager):
    person = same_org_manager.person
    with audit_context(actor=same_org_hr_admin, source="page"):
        services.person_update(actor=same_org_hr_admin, person=person, job_title="Head of estates")
    latest = person_history(person)[0]
    assert latest["who"] == same_org_hr_admin.email
    assert latest["source"] == "page"
    assert {"label": "Job title", "before": "Service manager",
            "after": "Head of estates"} in latest["changes"]


def test_history_shows_names_and_labels_not_codes(same_org_manager):
    lee = same_org_manager.person.reports.get(first_name="Lee")
    rita = same_org_manager.person.reports.get(first_name="Rita")
    services.person_update(actor=None, person=rita, line_manager=lee, management_level="first_line")
    changes = {c["label"]: c for c in person_history(rita)[0]["changes"]}
    assert changes["Line manager"]["before"] == "Morgan Manager"
    assert changes["Line manager"]["after"] == "Lee Lead"
    assert changes["Management level"]["after"] == "First-line"
    assert person_history(rita)[-1]["what_label"] == "Created"


def test_bulk_updates_are_audited_too(same_org):
    people = PersonFactory.create_batch(3, organisation=same_org)
    before = Events.objects.filter(pgh_label="update").count()
    with audit_context(actor=None, source="command"):
        same_org.people.update(job_title="Matron")
    assert Events.objects.filter(pgh_label="update").count() == before + len(people)


def test_role_assign_is_idempotent_and_audited(same_org, same_org_hr_admin):
    user = UserFactory()
    first = services.role_assign(actor=same_org_hr_admin, user=user, organisation=same_org,
                                 role=Role.BOARD_SECRETARY)
    second = services.role_assign(actor=same_org_hr_admin, user=user, organisation=same_org,
                                  role=Role.BOARD_SECRETARY)
    assert first == second
    event = Events.objects.tracks(first).get()
    assert event.pgh_context["user"] == same_org_hr_admin.pk


def test_footprint_viewers_belong_to_footprints_only(same_org):
    with pytest.raises(ValidationError, match="ICB, CCG or region"):
        services.role_assign(actor=None, user=UserFactory(), organisation=same_org,
                             role=Role.FOOTPRINT_VIEWER)
    icb = OrganisationFactory(ods_code="QZ1", kind=Organisation.Kind.ICB)
    services.role_assign(actor=None, user=UserFactory(), organisation=icb,
                         role=Role.FOOTPRINT_VIEWER)
    assert RoleAssignment.objects.filter(role=Role.FOOTPRINT_VIEWER).count() == 1


def test_role_revoke_removes_access_at_once(client_for, same_org_hr_admin, same_org_manager):
    client = client_for(same_org_hr_admin)
    url = reverse("person_detail", args=[same_org_manager.person.public_id])
    assert client.get(url).status_code == 200
    services.role_revoke(actor=None, assignment=same_org_hr_admin.role_assignments.get())
    assert client.get(url).status_code == 404
