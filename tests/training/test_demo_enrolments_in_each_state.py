"""The training demo gives the demo manager's team an enrolment in every state, once."""

import pytest

from leadership.models import User
from tests.factories import PersonFactory
from training import demo
from training.models import Enrolment

pytestmark = pytest.mark.django_db


def test_the_demo_team_holds_an_enrolment_in_each_state_and_a_second_seed_adds_none(same_org):
    manager = PersonFactory(organisation=same_org)
    manager.user = User.objects.create_user(email=demo.DEMO_MANAGER_EMAIL, password=None)
    manager.save()
    for _ in range(4):
        PersonFactory(organisation=same_org, line_manager=manager)

    assert demo.seed()["enrolments"] == 6
    assert set(Enrolment.objects.values_list("status", flat=True)) == set(Enrolment.Status.values)
    waiting = Enrolment.objects.get(status=Enrolment.Status.WAITLISTED)
    assert waiting.run.enrolments.filter(status=Enrolment.Status.ENROLLED).count() == waiting.run.capacity
    assert Enrolment.objects.get(status=Enrolment.Status.CANCELLED).run.cancelled
    assert demo.seed()["enrolments"] == 0
    assert Enrolment.objects.count() == 6


def test_a_second_seed_ignores_other_records_of_the_same_course_and_day(same_org):
    """A benchmark's or an import's rows beside the demo's (two alike, other titles): nothing breaks."""
    from training.models import TrainingRecord

    PersonFactory(organisation=same_org)
    assert demo.seed()["records"] > 0
    record = TrainingRecord.objects.order_by("id").first()
    for title in (f"Bench {record.title}", f"Bench {record.title}", record.title):
        TrainingRecord.objects.create(person=record.person, organisation=record.organisation,
                                      course=record.course, on=record.on, title=title, provider_name="",
                                      status=record.status, source=TrainingRecord.Source.IMPORT)
    count = TrainingRecord.objects.count()

    assert demo.seed()["records"] == 0
    assert TrainingRecord.objects.count() == count
