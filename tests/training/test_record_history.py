"""A person's training page shows the change history of their training records: who, when, what."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from leadership.audit import audit_context
from tests.factories import PersonFactory
from tests.training.factories import CourseFactory
from training import services
from training.models import TrainingRecord

pytestmark = pytest.mark.django_db


def test_the_training_page_lists_each_change_with_who_made_it(client_for, same_org_hr_admin, same_org):
    person = PersonFactory(organisation=same_org, first_name="Hattie")
    course = CourseFactory(title="Coaching for managers")
    record = services.record_create(actor=same_org_hr_admin, person=person, course=course,
                                    status=TrainingRecord.Status.ATTENDED, on=date(2026, 3, 2))
    services.record_update(actor=same_org_hr_admin, record=record, status=TrainingRecord.Status.COMPLETED,
                           on=date(2026, 3, 3), hours=Decimal("7.5"))
    gone = services.record_create(actor=same_org_hr_admin, person=person, title="Fire safety refresher",
                                  status=TrainingRecord.Status.COMPLETED, on=date(2026, 1, 5))
    with audit_context(actor=same_org_hr_admin, source="page"):
        gone.delete()
    services.record_create(actor=same_org_hr_admin, person=PersonFactory(organisation=same_org),
                           title="A colleague's course", status=TrainingRecord.Status.COMPLETED,
                           on=date(2026, 1, 5))  # another person's records stay off this page

    page = client_for(same_org_hr_admin).get(reverse("training:person_training", args=[person.public_id]))

    assert page.status_code == 200
    history = page.context["history"]
    assert [row["what_label"] for row in history] == [
        "Deleted: Fire safety refresher", "Created: Fire safety refresher",
        "Updated: Coaching for managers", "Created: Coaching for managers"]
    assert {row["who"] for row in history} == {same_org_hr_admin.email}
    update = history[2]
    changes = {change["label"]: (change["before"], change["after"]) for change in update["changes"]}
    assert changes["Status"] == ("Attended", "Completed")
    assert changes["Hours"][1] == "7.5"
    html = page.content.decode()
    assert "Change history of these records" in html and "Deleted: Fire safety refresher" in html


def test_a_person_with_no_changes_gets_a_plain_sentence(client_for, same_org_hr_admin, same_org):
    person = PersonFactory(organisation=same_org)
    page = client_for(same_org_hr_admin).get(reverse("training:person_training", args=[person.public_id]))
    assert "No changes to this person's training records have been recorded yet." in page.content.decode()
