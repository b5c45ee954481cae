"""A rule broken inside the actor's reach is a form error in the NHS error summary, and nothing is
written: drafting a second framework version, rating someone you do not line-manage, recording or
commenting on someone else's check-in, and a 360 answer the service refuses."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from leadership.development import services
from leadership.models import Assessment, CompetencyFramework, Person
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_second_draft_is_refused_on_the_versions_page_not_in_a_flash(client_for, national_admin, framework):
    services.framework_draft_create(actor=national_admin)
    response = client_for(national_admin).post(reverse("development:framework_versions"))
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"There is already a draft" in response.content
    assert CompetencyFramework.objects.filter(status=CompetencyFramework.Status.DRAFT).count() == 1


def test_rating_someone_you_work_on_but_do_not_line_manage_is_a_form_error_not_a_404(
    client_for, same_org_hr_admin, same_org_manager, framework
):
    lee = Person.objects.get(first_name="Lee")  # in the HR admin's organisation, reporting to Morgan
    data = {f"rating_{c.id}": "3" for c in framework.competencies.all()}
    url = reverse("development:rate_person", args=[lee.public_id])
    response = client_for(same_org_hr_admin).post(url, data)
    assert response.status_code == 200
    assert b"Only the person&#x27;s line manager can rate them." in response.content
    assert not Assessment.objects.filter(person=lee).exists()


@pytest.fixture
def lees_check_in(same_org_manager):
    lee = Person.objects.get(first_name="Lee")
    lee.user = UserFactory()
    lee.save()
    cycle = services.cycle_start(actor=lee.user, person=lee, focus="Rotas", starts_on=date(2025, 1, 6))
    return cycle.check_ins.get(day=30)


def test_the_line_manager_recording_their_reports_progress_is_a_form_error_not_a_404(
    client_for, same_org_manager, lees_check_in
):
    url = reverse("development:check_in", args=[lees_check_in.cycle.public_id, 30])
    response = client_for(same_org_manager).post(url, {"progress": "Done for them"})
    assert response.status_code == 200
    assert b"Only the person records their own check-in." in response.content
    lees_check_in.refresh_from_db()
    assert lees_check_in.progress == "" and lees_check_in.recorded_at is None


def test_an_hr_admin_commenting_on_a_check_in_is_a_form_error_not_a_404(
    client_for, same_org_hr_admin, lees_check_in
):
    url = reverse("development:check_in", args=[lees_check_in.cycle.public_id, 30])
    response = client_for(same_org_hr_admin).post(url, {"comment": "Not mine to say"})
    assert response.status_code == 200
    assert b"Only the person&#x27;s line manager can comment." in response.content
    lees_check_in.refresh_from_db()
    assert lees_check_in.manager_comment == ""


def test_a_360_answer_the_service_refuses_is_a_form_error_not_a_404(
    client, monkeypatch, same_org_manager, framework
):
    """The round closing while the rater fills the form in is a race; the service's refusal is stood in."""
    rater = Person.objects.get(first_name="Rita")
    invitation = services.rater_invite(actor=same_org_manager, person=same_org_manager.person,
                                       framework=framework, relationship="peer", rater=rater)

    def closed_meanwhile(**kwargs):
        raise ValidationError("This 360 round has closed: late answers are not recorded.")

    monkeypatch.setattr(services, "rater_answer", closed_meanwhile)
    data = {f"rating_{c.id}": "3" for c in framework.competencies.all()}
    response = client.post(reverse("development:rater_form", args=[services.rater_token(invitation)]), data)
    assert response.status_code == 200
    assert b"late answers are not recorded" in response.content
