"""An organisation's local competencies are rated beside the national ones in its people's self,
line-manager and 360 assessments, shown on the gap view and trend, and never reach another
organisation's people. Submitting needs every one of them rated: the service's rule, so any caller
is refused and nothing is written; the page shows the refusal. Part-saving stays possible."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from leadership.development import framework_services, presenters, selectors, services
from leadership.models import FRAMEWORK_LEVELS, Assessment, Rating
from tests.factories import PersonFactory, user_with_person

pytestmark = pytest.mark.django_db
SELF = Assessment.Kind.SELF


def _local(hr_admin, organisation, name):
    return framework_services.local_competency_create(
        actor=hr_admin, organisation=organisation, name=name, description=f"{name}, as we do it here.",
        behaviours={level.value: (2, f"Shows {name.lower()}") for level in FRAMEWORK_LEVELS})


@pytest.fixture
def ours(framework, same_org, same_org_hr_admin):
    return _local(same_org_hr_admin, same_org, "Leading patient flow")


@pytest.fixture
def theirs(framework, other_org, other_org_hr_admin):
    return _local(other_org_hr_admin, other_org, "Running the other trust's huddles")


def _national(framework):
    return list(framework.competencies.filter(organisation=None))


def _every(framework, person, level):
    return {c.id: (level, "") for c in selectors.assessed_competencies(framework, person)}


def test_a_person_is_assessed_on_the_national_and_their_own_organisations_local_competencies(
        framework, same_org_manager, ours, theirs):
    assessed = set(selectors.assessed_competencies(framework, same_org_manager.person))
    assert assessed == {*_national(framework), ours}
    assert theirs not in assessed


def test_a_self_assessment_rates_and_saves_the_local_competency_and_the_gap_view_and_trend_show_it(
        client_for, framework, same_org_manager, ours, theirs):
    client = client_for(same_org_manager)
    page = client.get(reverse("development:self_assessment")).content.decode()
    assert ours.name in page and f'name="rating_{ours.id}"' in page
    assert theirs.name not in page and f"rating_{theirs.id}" not in page
    data = {f"rating_{cid}": str(level) for cid, (level, _) in _every(framework, same_org_manager.person, 3)
            .items()}
    data[f"rating_{ours.id}"] = "1"
    response = client.post(reverse("development:self_assessment"), {**data, "submit": "on"})
    assert response.status_code == 302
    saved = Assessment.objects.get(person=same_org_manager.person, kind=SELF)
    assert saved.status == Assessment.Status.SUBMITTED
    assert Rating.objects.get(assessment=saved, competency=ours).level == 1
    row = next(r for r in selectors.gap_rows(same_org_manager.person, framework) if r.competency == ours)
    assert (row.expected, row.self_rating, row.below_expected) == (2, 1, True)
    trend = selectors.competency_trends(same_org_manager.person, framework)
    assert dict(trend.rows)[ours] == [1]
    assert theirs not in dict(trend.rows)
    overview = client.get(reverse("development:my_development")).content.decode()
    assert ours.name in overview and "(local)" in overview and theirs.name not in overview


def test_a_line_manager_rates_their_reports_local_competency(framework, same_org_manager, ours):
    lee = same_org_manager.person.reports.get(first_name="Lee")
    saved = services.assessment_save(actor=same_org_manager, person=lee, kind=Assessment.Kind.LINE_MANAGER,
                                     framework=framework, ratings=_every(framework, lee, 2), submit=True)
    assert saved.ratings.filter(competency=ours).exists()
    row = next(r for r in selectors.gap_rows(lee, framework) if r.competency == ours)
    assert row.manager_rating == 2


def test_another_organisations_local_competency_is_refused_and_nothing_is_written(
        framework, same_org_manager, ours, theirs):
    ratings = {**_every(framework, same_org_manager.person, 2), theirs.id: (2, "")}
    with pytest.raises(ValidationError):
        services.assessment_save(actor=same_org_manager, person=same_org_manager.person, kind=SELF,
                                 framework=framework, ratings=ratings, submit=False)
    assert not Assessment.objects.filter(person=same_org_manager.person).exists()
    assert not Rating.objects.filter(competency=theirs).exists()


def test_another_organisations_people_never_see_or_rate_our_local_competency(
        client_for, framework, other_org, ours):
    stranger = user_with_person(other_org, first_name="Sam", last_name="Stranger")
    assert ours not in set(selectors.assessed_competencies(framework, stranger.person))
    client = client_for(stranger)
    assert ours.name not in client.get(reverse("development:self_assessment")).content.decode()
    assert ours.name not in client.get(reverse("development:my_development")).content.decode()
    with pytest.raises(ValidationError):
        services.assessment_save(actor=stranger, person=stranger.person, kind=SELF, framework=framework,
                                 ratings={ours.id: (3, "")}, submit=False)


def test_submitting_with_a_competency_unrated_is_refused_by_the_service_naming_each_and_writes_nothing(
        framework, same_org_manager, ours):
    national = {c.id: (2, "") for c in _national(framework)}
    with pytest.raises(ValidationError) as refused:
        services.assessment_save(actor=same_org_manager, person=same_org_manager.person, kind=SELF,
                                 framework=framework, ratings=national, submit=True)
    assert refused.value.message_dict == {
        f"rating_{ours.id}": [f"Choose a rating for {ours.name}, or save to finish later"]}
    assert not Assessment.objects.filter(person=same_org_manager.person).exists()


def test_a_part_saved_round_is_submitted_once_the_rest_is_rated(framework, same_org_manager, ours):
    person = same_org_manager.person
    national = {c.id: (2, "") for c in _national(framework)}
    draft = services.assessment_save(actor=same_org_manager, person=person, kind=SELF, framework=framework,
                                     ratings=national, submit=False)
    assert draft.status == Assessment.Status.DRAFT
    submitted = services.assessment_save(actor=same_org_manager, person=person, kind=SELF,
                                         framework=framework, ratings={ours.id: (3, "")}, submit=True)
    assert submitted.id == draft.id and submitted.status == Assessment.Status.SUBMITTED
    assert submitted.ratings.count() == len(national) + 1


def test_a_refused_submit_leaves_a_part_saved_round_as_it_was(framework, same_org_manager, ours):
    person = same_org_manager.person
    first = _national(framework)[0]
    draft = services.assessment_save(actor=same_org_manager, person=person, kind=SELF, framework=framework,
                                     ratings={first.id: (2, "")}, submit=False)
    with pytest.raises(ValidationError):
        services.assessment_save(actor=same_org_manager, person=person, kind=SELF, framework=framework,
                                 ratings={first.id: (4, "Changed")}, submit=True)
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.DRAFT
    assert [(r.competency_id, r.level) for r in draft.ratings.all()] == [(first.id, 2)]


def test_the_page_shows_the_services_refusal_and_writes_nothing(
        client_for, framework, same_org_manager, ours):
    data = {f"rating_{c.id}": "2" for c in _national(framework)}
    response = client_for(same_org_manager).post(reverse("development:self_assessment"),
                                                 {**data, "submit": "on"})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Choose a rating for {ours.name}, or save to finish later" in page
    assert f'href="#id_rating_{ours.id}' in page or f"#id_rating_{ours.id}" in page  # the error summary links
    assert not Assessment.objects.filter(person=same_org_manager.person).exists()


def test_a_360_round_asks_raters_about_the_local_competency_and_releases_its_figure(
        client_for, framework, same_org, same_org_manager, ours, theirs):
    morgan = same_org_manager.person
    invitations = [services.rater_invite(
        actor=same_org_manager, person=morgan, framework=framework, relationship="peer",
        rater=PersonFactory(organisation=same_org, first_name=f"Rater{i}")) for i in range(3)]
    form = client_for(same_org_manager).get(
        reverse("development:rater_form", args=[services.rater_token(invitations[0])])).content.decode()
    assert ours.name in form and theirs.name not in form
    with pytest.raises(ValidationError):
        services.rater_answer(invitation=invitations[0], ratings={theirs.id: 3})
    for invitation in invitations:
        invitation.refresh_from_db()
        services.rater_answer(invitation=invitation,
                              ratings={c.id: 3 for c in selectors.assessed_competencies(framework, morgan)})
    released = services.feedback_round_close(actor=same_org_manager, assessment=invitations[0].assessment)
    _, rows = selectors.released_figures(released)
    assert ours in [row.competency for row in rows]
    assert next(r for r in selectors.gap_rows(morgan, framework) if r.competency == ours).feedback_360 == 3
    chart = presenters.trend_chart(selectors.competency_trends(morgan, framework))
    assert ours.code in [c["code"] for c in chart["competencies"]]
