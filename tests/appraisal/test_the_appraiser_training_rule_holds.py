"""R11 holds: an appraiser who has not completed the appraisal-skills course in three years cannot be
assigned, unless a national admin records an exception with a reason (audited). The pages say why and
link to the course."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from appraisal import services
from appraisal.models import Appraisal, AppraiserException
from leadership.models import Person
from tests.appraisal.conftest import user_with_person_for
from training.models import Course

pytestmark = pytest.mark.django_db


@pytest.fixture
def rita(same_org_manager):
    return user_with_person_for(Person.objects.get(first_name="Rita")).person


def test_a_line_manager_without_the_course_is_refused_on_the_page_which_links_to_the_course(
        client_for, cycle, same_org_manager, rita):
    course = Course.objects.get(code="appraisal-skills")  # the national catalogue's (migration 0002)
    url = reverse("appraisal:report_appraisal_start", args=[rita.public_id])
    response = client_for(same_org_manager).post(url, {"cycle": str(cycle.public_id)})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"Morgan Manager has not completed the appraisal-skills course" in response.content
    assert reverse("training:course_detail", args=[course.public_id]).encode() in response.content
    assert not Appraisal.objects.exists()


def test_a_national_admins_exception_lets_the_appraiser_be_assigned_and_is_audited(
        client_for, national_admin, cycle, same_org_manager, rita):
    morgan = same_org_manager.person
    person_page = client_for(national_admin).get(reverse("person_detail", args=[morgan.public_id]))
    url = reverse("appraisal:appraiser_exception_new", args=[morgan.public_id])
    assert url.encode() in person_page.content

    response = client_for(national_admin).post(url, {"reason": "Appointed last week; booked on May's run"})
    assert response.status_code == 302
    exception = AppraiserException.objects.get(person=morgan)
    assert exception.reason == "Appointed last week; booked on May's run"
    assert exception.recorded_by == national_admin
    event = exception.events.get()
    assert event.pgh_context.metadata["user"] == national_admin.pk

    appraisal = services.appraisal_start(actor=same_org_manager, cycle=cycle, appraisee=rita)
    assert appraisal.appraiser == morgan


def test_only_a_national_admin_records_an_exception_and_only_with_a_reason(
        client_for, national_admin, same_org_hr_admin, same_org_manager):
    morgan = same_org_manager.person
    url = reverse("appraisal:appraiser_exception_new", args=[morgan.public_id])
    assert client_for(same_org_hr_admin).post(url, {"reason": "Because"}).status_code == 404
    with pytest.raises(PermissionDenied):
        services.appraiser_exception_record(actor=same_org_hr_admin, person=morgan, reason="Because")
    with pytest.raises(ValidationError):
        services.appraiser_exception_record(actor=national_admin, person=morgan, reason="  ")
    assert not AppraiserException.objects.exists()
