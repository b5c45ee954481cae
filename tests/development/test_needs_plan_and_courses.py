"""The plan: needs met, dropped or carried over with a note, the career aspiration, what was done; and
actions linked to a course chosen from the training catalogue (a registry training fills)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from leadership.development import courses, services
from leadership.models import Action, DevelopmentNeed
from tests.training.factories import CourseFactory, ProviderFactory, RunFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(same_org_manager, framework):
    return services.need_create(actor=same_org_manager, person=same_org_manager.person,
                                description="Negotiate budgets")


@pytest.fixture
def cycle(same_org_manager):
    return services.cycle_start(actor=same_org_manager, person=same_org_manager.person, focus="Budgets",
                                starts_on=timezone.localdate())


def test_a_need_is_carried_over_with_a_note_and_who_and_when_are_kept(need, same_org_manager, client_for):
    response = client_for(same_org_manager).post(
        reverse("development:need_edit", args=[need.public_id]),
        {"status": "carried_over", "note": "The budget round moved to next quarter."})
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.status == DevelopmentNeed.Status.CARRIED_OVER
    assert need.status_note == "The budget round moved to next quarter."
    assert need.status_changed_by == same_org_manager and need.status_changed_at is not None
    assert need.events.filter(pgh_label="update", status="carried_over").exists()  # the audit trail


def test_marking_a_need_met_without_a_note_is_a_form_error_and_writes_nothing(need, same_org_manager,
                                                                               client_for):
    response = client_for(same_org_manager).post(reverse("development:need_edit", args=[need.public_id]),
                                                 {"status": "met", "note": ""})
    assert response.status_code == 200 and "Add a note" in response.content.decode()
    need.refresh_from_db()
    assert need.status == DevelopmentNeed.Status.OPEN


def test_another_organisations_need_is_a_404(need, other_org_hr_admin, client_for):
    response = client_for(other_org_hr_admin).post(
        reverse("development:need_edit", args=[need.public_id]), {"status": "dropped", "note": "No"})
    assert response.status_code == 404
    need.refresh_from_db()
    assert need.status == DevelopmentNeed.Status.OPEN


def test_a_carried_over_need_still_counts_for_course_suggestions(need, same_org_manager, framework):
    from leadership.development import selectors

    need.competency = framework.competencies.get(code="basics-negotiation")
    need.save()
    services.need_set_status(actor=same_org_manager, need=need, status="carried_over", note="Next quarter")
    assert selectors.development_needs_competency_codes(same_org_manager.person) == {"basics-negotiation"}
    services.need_set_status(actor=same_org_manager, need=need, status="dropped", note="Not needed")
    assert selectors.development_needs_competency_codes(same_org_manager.person) == set()


def test_the_career_aspiration_is_written_and_changed(same_org_manager, client_for):
    client = client_for(same_org_manager)
    url = reverse("development:plan_aspiration", args=[same_org_manager.person.public_id])
    assert client.post(url, {"aspiration": "Become a service manager"}).status_code == 302
    assert client.post(url, {"aspiration": "Become a matron"}).status_code == 302
    same_org_manager.person.development_plan.refresh_from_db()
    assert same_org_manager.person.development_plan.aspiration == "Become a matron"
    page = client.get(reverse("development:my_development")).content.decode()
    assert "Become a matron" in page and "Change the career aspiration" in page


def test_the_plan_shows_what_was_done(same_org_manager, cycle, need, client_for):
    action = services.action_create(actor=same_org_manager, cycle=cycle, title="Sit with finance",
                                    due_on=timezone.localdate(), need=need)
    services.action_update(actor=same_org_manager, action=action, status="done")
    services.need_set_status(actor=same_org_manager, need=need, status="met", note="Drafted the budget")
    page = client_for(same_org_manager).get(reverse("development:my_development")).content.decode()
    done = page.split("What was done")[1]
    assert "Sit with finance" in done
    assert "Note: Drafted the budget" in page


def test_an_action_links_a_course_found_by_provider_and_shows_its_name_and_next_run(
        cycle, same_org_manager, client_for):
    provider = ProviderFactory(name="Northern Leadership College")
    course = CourseFactory(provider=provider, title="Coaching conversations")
    RunFactory(course=course, starts_on=timezone.localdate() + timedelta(days=40), cancelled=True)
    RunFactory(course=course, starts_on=timezone.localdate() + timedelta(days=50))
    CourseFactory(title="Unrelated finance course")
    client = client_for(same_org_manager)
    url = reverse("development:action_new", args=[cycle.public_id])
    found = client.get(url, {"course_q": "northern"}).content.decode()
    assert "Coaching conversations, Northern Leadership College" in found
    assert "Unrelated finance course" not in found and "1 course found" in found
    due = (timezone.localdate() + timedelta(days=60)).isoformat()
    response = client.post(url + "?course_q=northern", {
        "title": "Book the coaching course", "due_on": due, "course_id": str(course.public_id)})
    assert response.status_code == 302
    assert Action.objects.get(cycle=cycle).course_id == course.public_id
    page = client.get(reverse("development:cycle_detail", args=[cycle.public_id])).content.decode()
    next_run = timezone.localdate() + timedelta(days=50)
    assert ("Course: Coaching conversations, Northern Leadership College "
            f"(next run {next_run:%-d %B %Y})") in page


def test_the_course_search_finds_by_title(same_org_manager):
    CourseFactory(title="Coaching conversations")
    assert [c.title for c in courses.search(same_org_manager, "coaching CONV")] == ["Coaching conversations"]


def test_a_course_not_in_the_catalogue_is_a_form_error_and_writes_nothing(
        cycle, same_org_manager, client_for):
    due = (timezone.localdate() + timedelta(days=60)).isoformat()
    response = client_for(same_org_manager).post(
        reverse("development:action_new", args=[cycle.public_id]),
        {"title": "Book something", "due_on": due, "course_id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427"})
    assert response.status_code == 200
    assert "Choose a course from the search results" in response.content.decode()
    assert not Action.objects.filter(cycle=cycle).exists()


def test_the_service_refuses_a_course_id_the_catalogue_does_not_hold(cycle, same_org_manager):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="training catalogue"):
        services.action_create(actor=same_org_manager, cycle=cycle, title="x", due_on=timezone.localdate(),
                               course_id=CourseFactory.build().public_id)
