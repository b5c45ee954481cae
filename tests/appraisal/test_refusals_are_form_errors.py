"""A refusal inside the actor's reach is a form error in the NHS error summary, and nothing is written.

The wrong person in an appraisal, or the right person at the wrong moment, stays on the page with the
service's reason; a person who may not see the appraisal still gets 404.
"""

import pytest
from django.urls import reverse

from appraisal import services
from appraisal.models import Addendum, Appraisal, Objective
from leadership.models import Notification, Person
from tests.appraisal.conftest import signed_off_appraisal, user_with_person_for
from tests.appraisal.factories import complete_appraisal_skills
from tests.factories import user_with_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def rita_user(same_org_manager):
    return user_with_person_for(Person.objects.get(first_name="Rita"))


@pytest.fixture
def draft(cycle, same_org_manager, rita_user):
    complete_appraisal_skills(same_org_manager.person)
    return services.appraisal_start(actor=same_org_manager, cycle=cycle, appraisee=rita_user.person)


def _objectives(appraisal, appraiser, weight=100):
    for perspective in appraisal.template.perspectives.all():
        services.objective_save(
            actor=appraiser, appraisal=appraisal, perspective=perspective, title=f"Goal {perspective.name}",
            measure="M", target="T", weight=weight,
        )


def _refused(response, reason: str) -> str:
    page = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-summary" in page and reason in page
    return page


def test_the_wrong_person_taking_a_step_sees_why_in_the_error_summary(
    client_for, draft, rita_user, same_org_manager
):
    """
    GIVEN a draft with its objectives set, waiting for the appraiser to agree them
    WHEN the appraisee posts the step
    THEN the step page shows the refusal and whose step it is, and the appraisal stays in draft
    """
    _objectives(draft, same_org_manager)
    response = client_for(rita_user).post(reverse("appraisal:appraisal_step", args=[draft.public_id]))
    page = _refused(response, "Only the appraiser records that objectives are agreed")
    assert "This step is for Morgan Manager." in page
    draft.refresh_from_db()
    assert draft.state == Appraisal.State.DRAFT


def test_agreeing_objectives_that_do_not_weigh_100_is_a_form_error(client_for, draft, same_org_manager):
    _objectives(draft, same_org_manager, weight=60)
    notified = Notification.objects.count()
    response = client_for(same_org_manager).post(reverse("appraisal:appraisal_step", args=[draft.public_id]))
    _refused(response, "they add up to 60")
    draft.refresh_from_db()
    assert draft.state == Appraisal.State.DRAFT
    assert Notification.objects.count() == notified


def test_signing_twice_is_a_form_error(client_for, draft, rita_user, same_org_manager):
    Appraisal.objects.filter(pk=draft.pk).update(state=Appraisal.State.MEETING_HELD)
    client = client_for(rita_user)
    step = reverse("appraisal:appraisal_step", args=[draft.public_id])
    assert client.post(step).status_code == 302
    signed_at = Appraisal.objects.get(pk=draft.pk).appraisee_signed_at
    _refused(client.post(step), "You have already signed.")
    assert Appraisal.objects.get(pk=draft.pk).appraisee_signed_at == signed_at


def test_someone_who_sees_the_appraisal_but_may_not_set_objectives_gets_a_form_error(
    client_for, draft, same_org_hr_admin
):
    perspective = draft.template.perspectives.first()
    data = {"perspective": perspective.id, "title": "HR's goal", "measure": "M", "target": "T", "weight": 100}
    response = client_for(same_org_hr_admin).post(
        reverse("appraisal:objective_new", args=[draft.public_id]), data
    )
    _refused(response, "Only the appraisee and the appraiser can set objectives.")
    assert not Objective.objects.filter(appraisal=draft).exists()


def test_changing_an_objective_after_agreement_is_a_form_error(client_for, draft, same_org_manager):
    _objectives(draft, same_org_manager)
    services.objectives_agree(actor=same_org_manager, appraisal=draft)
    objective = draft.objectives.first()
    data = {"perspective": objective.perspective_id, "title": "Changed", "measure": "M", "target": "T",
            "weight": 100}
    response = client_for(same_org_manager).post(
        reverse("appraisal:objective_edit", args=[objective.public_id]), data
    )
    _refused(response, "You cannot change the objectives now")
    assert Objective.objects.get(pk=objective.pk).title != "Changed"


def test_removing_an_objective_one_may_not_change_is_a_form_error(client_for, draft, same_org_manager,
                                                                  same_org_hr_admin):
    _objectives(draft, same_org_manager)
    objective = draft.objectives.first()
    url = reverse("appraisal:objective_delete", args=[objective.public_id])
    client = client_for(same_org_hr_admin)
    assert client.get(url).status_code == 200  # the confirm page: the refusal comes when it is posted
    _refused(client.post(url), "Only the appraisee and the appraiser can set objectives.")
    assert Objective.objects.filter(pk=objective.pk).exists()


def test_the_appraiser_removes_a_draft_objective(client_for, draft, same_org_manager):
    _objectives(draft, same_org_manager)
    objective = draft.objectives.first()
    url = reverse("appraisal:objective_delete", args=[objective.public_id])
    response = client_for(same_org_manager).post(url)
    assert response.status_code == 302
    assert not Objective.objects.filter(pk=objective.pk).exists()


def test_a_manager_above_the_appraisal_who_may_not_add_an_addendum_gets_a_form_error(
    client_for, cycle, same_org_manager
):
    """Morgan sees Indie's appraisal through the line (Indie reports to Lee, Lee to Morgan): not in it."""
    lee, indie = Person.objects.get(first_name="Lee"), Person.objects.get(first_name="Indie")
    appraisal = signed_off_appraisal(cycle, indie, lee)
    response = client_for(same_org_manager).post(
        reverse("appraisal:addendum_new", args=[appraisal.public_id]), {"text": "A note from above."}
    )
    _refused(response, "Only the people in the appraisal and HR admins add addenda.")
    assert not Addendum.objects.exists()


def test_a_stranger_posting_a_step_still_gets_404(client_for, draft, same_org, same_org_manager):
    _objectives(draft, same_org_manager)
    stranger = user_with_person(same_org, first_name="Stan")
    response = client_for(stranger).post(reverse("appraisal:appraisal_step", args=[draft.public_id]))
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.state == Appraisal.State.DRAFT
