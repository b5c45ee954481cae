"""Training records: outcomes, certificates, qualifications and senior-pool eligibility, ratings."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from leadership.models import Notification, Person
from tests.factories import PersonFactory
from tests.training.factories import CourseFactory, EvaluationFactory, RecordFactory
from training import selectors, services
from training.models import Qualification, TrainingRecord

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n"


@pytest.fixture
def senior_course():
    return CourseFactory(
        title="Accredited senior management qualification",
        qualification="Senior qualification",
        senior_qualification=True,
        levels=["senior"],
    )


def test_completing_the_senior_qualification_records_it_and_makes_the_person_eligible(
    same_org_hr_admin, same_org, senior_course
):
    person = PersonFactory(organisation=same_org, first_name="Sally")
    assert not selectors.senior_pool_eligible(person)
    services.record_create(
        actor=same_org_hr_admin,
        person=person,
        course=senior_course,
        status=TrainingRecord.Status.COMPLETED,
        on=date(2025, 3, 1),
    )
    assert Qualification.objects.get(person=person).senior
    assert selectors.senior_pool_eligible(person)
    assert list(selectors.senior_pool_eligible_people(Person.objects.all())) == [person]
    notice = Notification.objects.get(recipient=same_org_hr_admin, key__startswith="training:senior-pool")
    assert "Sally" in notice.title


def test_attending_or_failing_does_not_make_anyone_eligible(same_org_hr_admin, same_org, senior_course):
    person = PersonFactory(organisation=same_org)
    for status in (TrainingRecord.Status.ATTENDED, TrainingRecord.Status.FAILED):
        services.record_create(
            actor=same_org_hr_admin, person=person, course=senior_course, status=status, on=date(2025, 3, 1)
        )
    assert not selectors.senior_pool_eligible(person)
    assert not Notification.objects.filter(key__startswith="training:senior-pool").exists()


def test_appraisal_skills_count_from_the_date_given(same_org):
    course = CourseFactory(topics=["appraisal_skills"])
    person = PersonFactory(organisation=same_org)
    RecordFactory(person=person, course=course, on=date(2024, 6, 1))
    assert selectors.appraisal_skills_completed_since(person, date(2024, 1, 1))
    assert not selectors.appraisal_skills_completed_since(person, date(2024, 7, 1))


def test_an_hr_admin_cannot_record_training_for_another_organisation(other_org_hr_admin, same_org):
    with pytest.raises(PermissionDenied):
        services.record_create(
            actor=other_org_hr_admin,
            person=PersonFactory(organisation=same_org),
            title="External",
            status="completed",
            on=date(2025, 1, 1),
        )


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("evil.exe", PDF, "must be a PDF"),
        ("fake.pdf", b"MZ\x90\x00", "not a real PDF"),
        ("big.pdf", PDF + b"0" * (5 * 1024 * 1024), "smaller than 5 MB"),
    ],
)
def test_a_certificate_is_checked_for_type_and_size(name, content, error):
    with pytest.raises(ValidationError, match=error):
        services.certificate_check(SimpleUploadedFile(name, content))


def test_an_hr_admin_records_external_training_with_a_certificate_only_visible_through_access(
    client_for, same_org_hr_admin, same_org_manager, other_org_hr_admin
):
    person = same_org_manager.person
    client = client_for(same_org_hr_admin)
    response = client.post(
        reverse("training:record_new", args=[person.public_id]),
        {
            "title": "Negotiation masterclass",
            "provider_name": "Elsewhere",
            "status": "completed",
            "on": "2025-02-03",
            "hours": "3",
            "certificate": SimpleUploadedFile("cert.pdf", PDF),
        },
    )
    assert response.status_code == 302, response.content
    record = TrainingRecord.objects.get(person=person)
    assert record.certificate_name == "cert.pdf"
    url = reverse("training:record_certificate", args=[record.public_id])
    download = client_for(same_org_manager).get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert client_for(other_org_hr_admin).get(url).status_code == 404


def test_the_attendee_rates_a_completed_course_once(same_org_manager):
    record = RecordFactory(person=same_org_manager.person)
    services.evaluation_submit(actor=same_org_manager, record=record, content=5, delivery=4, relevance=3)
    with pytest.raises(ValidationError):
        services.evaluation_submit(actor=same_org_manager, record=record, content=5, delivery=4, relevance=3)


def test_nobody_else_can_rate_it(same_org_manager, same_org_hr_admin):
    record = RecordFactory(person=same_org_manager.person)
    with pytest.raises(PermissionDenied):
        services.evaluation_submit(actor=same_org_hr_admin, record=record, content=5, delivery=4, relevance=3)


def test_ratings_show_only_once_five_attendees_have_answered(client_for, same_org_manager):
    course = CourseFactory()
    for _ in range(4):
        EvaluationFactory(record=RecordFactory(course=course))
    assert not selectors.course_ratings(course).shown
    assert not selectors.provider_ratings(course.provider).shown
    page = client_for(same_org_manager).get(reverse("training:course_detail", args=[course.public_id]))
    assert b"once five attendees" in page.content
    EvaluationFactory(record=RecordFactory(course=course), content=2)
    ratings = selectors.course_ratings(course)
    assert ratings.shown and ratings.answers == 5 and str(ratings.content) == "3.6"
    assert selectors.provider_ratings(course.provider).shown
