"""Self and line-manager assessments come in rounds (history kept), can be saved part-done, and the gap
view draws each competency's trend over the rounds with the figures in a table beside it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from leadership.development import presenters, selectors, services
from leadership.models import Assessment, CompetencyFramework, Rating
from tests.development.factories import AssessmentFactory

pytestmark = pytest.mark.django_db
SELF = Assessment.Kind.SELF


def _all(framework, level):
    return {c.id: (level, "") for c in framework.competencies.filter(organisation=None)}


def _save(user, framework, level, submit=True, kind=SELF, person=None):
    return services.assessment_save(actor=user, person=person or user.person, kind=kind,
                                    framework=framework, ratings=_all(framework, level), submit=submit)


def test_a_new_round_keeps_the_submitted_one_as_history(framework, same_org_manager):
    first = _save(same_org_manager, framework, 2)
    second = services.assessment_round_start(actor=same_org_manager, person=same_org_manager.person,
                                             kind=SELF, framework=framework)
    _save(same_org_manager, framework, 3)
    assert (first.round_number, second.round_number) == (1, 2)
    assert set(Rating.objects.filter(assessment=first).values_list("level", flat=True)) == {2}
    assert set(Rating.objects.filter(assessment=second).values_list("level", flat=True)) == {3}
    gaps = selectors.gap_rows(same_org_manager.person, framework)
    assert {row.self_rating for row in gaps} == {3}  # the gap view reads the latest round


def test_a_new_round_waits_until_the_current_one_is_submitted(framework, same_org_manager):
    _save(same_org_manager, framework, 2, submit=False)
    with pytest.raises(ValidationError, match="finish it first"):
        services.assessment_round_start(actor=same_org_manager, person=same_org_manager.person,
                                        kind=SELF, framework=framework)
    assert Assessment.objects.filter(person=same_org_manager.person).count() == 1


def test_only_the_line_manager_starts_a_line_manager_round(framework, same_org_manager, same_org_hr_admin):
    lee = same_org_manager.person.reports.get(first_name="Lee")
    _save(same_org_manager, framework, 2, kind=Assessment.Kind.LINE_MANAGER, person=lee)
    with pytest.raises(Exception, match="line manager"):
        services.assessment_round_start(actor=same_org_hr_admin, person=lee,
                                        kind=Assessment.Kind.LINE_MANAGER, framework=framework)
    services.assessment_round_start(actor=same_org_manager, person=lee,
                                    kind=Assessment.Kind.LINE_MANAGER, framework=framework)
    assert list(Assessment.objects.filter(person=lee).values_list("round_number", flat=True)
                .order_by("round_number")) == [1, 2]


def test_a_save_after_a_new_framework_version_starts_a_new_round(framework, same_org_manager, national_admin):
    _save(same_org_manager, framework, 2)
    draft = services.framework_draft_create(actor=national_admin)
    services.framework_publish(actor=national_admin, framework=draft)
    later = _save(same_org_manager, CompetencyFramework.objects.get(id=draft.id), 3)
    assert later.round_number == 2 and later.framework_id == draft.id
    assert Assessment.objects.filter(person=same_org_manager.person, kind=SELF).count() == 2


def test_360_rounds_are_numbered_one_after_another(framework, same_org_manager):
    morgan = same_org_manager.person
    first = AssessmentFactory(person=morgan, kind=Assessment.Kind.FEEDBACK_360, assessor=None,
                              status=Assessment.Status.DRAFT, closed_at=timezone.now())
    colleague = morgan.reports.get(first_name="Lee")
    colleague.work_email = "lee@example.nhs.uk"
    colleague.save()
    invitation = services.rater_invite(actor=same_org_manager, person=morgan, framework=framework,
                                       relationship="report", rater=colleague)
    assert (first.round_number, invitation.assessment.round_number) == (1, 2)


def test_the_self_assessment_page_saves_part_done_ratings_as_a_draft(client_for, framework, same_org_manager):
    first, second = framework.competencies.filter(organisation=None).order_by("position")[:2]
    client = client_for(same_org_manager)
    response = client.post(reverse("development:self_assessment"),
                           {f"rating_{first.id}": "2", f"rating_{second.id}": "3"})
    assert response.status_code == 302
    draft = Assessment.objects.get(person=same_org_manager.person, kind=SELF)
    assert draft.status == Assessment.Status.DRAFT and draft.ratings.count() == 2
    page = client.get(reverse("development:self_assessment")).content.decode()
    assert "2 of 13 competencies rated" in page and "Save and finish later" in page


def test_submitting_with_competencies_unrated_is_a_form_error_and_writes_nothing(
        client_for, framework, same_org_manager):
    first = framework.competencies.filter(organisation=None).order_by("position").first()
    response = client_for(same_org_manager).post(reverse("development:self_assessment"),
                                                 {f"rating_{first.id}": "2", "submit": "on"})
    assert response.status_code == 200
    assert "or save to finish later" in response.content.decode()
    assert not Assessment.objects.filter(person=same_org_manager.person).exists()


def test_the_page_starts_a_new_round_after_a_submitted_one(client_for, framework, same_org_manager):
    _save(same_org_manager, framework, 2)
    client = client_for(same_org_manager)
    assert "Start a new round" in client.get(reverse("development:self_assessment")).content.decode()
    response = client.post(reverse("development:self_assessment"), {"start_round": "1"})
    assert response.status_code == 302
    assert list(Assessment.objects.filter(person=same_org_manager.person).order_by("round_number")
                .values_list("round_number", "status")) == [(1, "submitted"), (2, "draft")]


def test_the_gap_view_draws_each_competencys_trend_with_a_table_beside(
        client_for, framework, same_org_manager):
    first = _save(same_org_manager, framework, 1)
    Assessment.objects.filter(id=first.id).update(submitted_at=timezone.now() - timedelta(days=200))
    services.assessment_round_start(actor=same_org_manager, person=same_org_manager.person, kind=SELF,
                                    framework=framework)
    _save(same_org_manager, framework, 3)
    trend = selectors.competency_trends(same_org_manager.person, framework)
    assert [a.round_number for a in trend.rounds] == [1, 2]
    assert all(levels == [1, 3] for _, levels in trend.rows)
    chart = presenters.trend_chart(trend)
    dots = chart["competencies"][0]["series"][0]["dots"]
    assert dots[0]["y"] > dots[1]["y"]  # a higher rating is drawn higher up
    page = client_for(same_org_manager).get(reverse("development:my_development")).content.decode()
    assert "Ratings over time" in page and "<svg" in page and 'role="img"' in page
    assert "Self, round 1" in page and "Self, round 2" in page


def test_drafts_are_not_in_the_trend(framework, same_org_manager):
    _save(same_org_manager, framework, 2, submit=False)
    assert selectors.competency_trends(same_org_manager.person, framework).rounds == []
