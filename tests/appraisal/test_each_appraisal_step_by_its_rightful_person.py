"""The appraisal state machine: each step by its rightful person only, then read-only."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from appraisal import selectors, services
from appraisal.models import Appraisal, AppraisalCycle, Objective, ScorecardTemplate
from leadership.models import ManagementLevel, Person
from tests.appraisal.conftest import complete
from tests.appraisal.factories import complete_appraisal_skills
from tests.factories import user_with_person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with time_machine.travel(date(2026, 6, 1), tick=False):
        yield


@pytest.fixture
def rita_user(same_org_manager):
    from tests.appraisal.conftest import user_with_person_for

    return user_with_person_for(Person.objects.get(first_name="Rita"))


@pytest.fixture
def appraisal(cycle, same_org_manager, rita_user):
    complete_appraisal_skills(same_org_manager.person)
    return services.appraisal_start(actor=same_org_manager, cycle=cycle, appraisee=rita_user.person)


def test_the_line_manager_is_the_appraiser_by_default(appraisal, same_org_manager):
    assert appraisal.appraiser == same_org_manager.person
    assert appraisal.state == Appraisal.State.DRAFT
    assert appraisal.countersigner is None


def test_a_stranger_cannot_start_an_appraisal(cycle, other_org_hr_admin, rita_user):
    with pytest.raises(PermissionDenied):
        services.appraisal_start(actor=other_org_hr_admin, cycle=cycle, appraisee=rita_user.person)


def test_a_whole_appraisal_runs_from_draft_to_signed_off(appraisal, same_org_manager, rita_user):
    appraisal = complete(appraisal, appraiser=same_org_manager, appraisee=rita_user, rating=3)
    assert appraisal.state == Appraisal.State.SIGNED_OFF
    assert appraisal.overall_score == Decimal("3.00")
    assert appraisal.band == "Meets"
    assert selectors.latest_band(rita_user.person) == "Meets"


def test_agreed_needs_flow_into_the_development_plan(appraisal, same_org_manager, rita_user):
    appraisal = complete(appraisal, appraiser=same_org_manager, appraisee=rita_user)
    need = appraisal.agreed_needs.get()
    from leadership.models import DevelopmentNeed

    assert need.development_need_id is not None
    assert DevelopmentNeed.objects.get(public_id=need.development_need_id).plan.person == rita_user.person


def _objectives(appraisal, actor):
    for perspective in appraisal.template.perspectives.all():
        services.objective_save(
            actor=actor,
            appraisal=appraisal,
            perspective=perspective,
            title="T",
            measure="M",
            target="X",
            weight=100,
        )


def test_only_the_appraiser_records_agreed_objectives(
    appraisal, same_org_manager, rita_user, same_org_hr_admin
):
    _objectives(appraisal, rita_user)
    for wrong in (rita_user, same_org_hr_admin):
        with pytest.raises(PermissionDenied):
            services.objectives_agree(actor=wrong, appraisal=appraisal)
    services.objectives_agree(actor=same_org_manager, appraisal=appraisal)
    assert appraisal.state == Appraisal.State.OBJECTIVES_AGREED


def test_objectives_in_a_perspective_must_weigh_100(appraisal, same_org_manager):
    perspectives = list(appraisal.template.perspectives.all())
    for perspective in perspectives:
        services.objective_save(
            actor=same_org_manager,
            appraisal=appraisal,
            perspective=perspective,
            title="T",
            measure="M",
            target="X",
            weight=60,
        )
    with pytest.raises(ValidationError, match="add up to 100; they add up to 60"):
        services.objectives_agree(actor=same_org_manager, appraisal=appraisal)


def test_each_later_step_refuses_the_wrong_person_and_the_wrong_moment(
    appraisal, same_org_manager, rita_user
):
    _objectives(appraisal, same_org_manager)
    with pytest.raises(ValidationError, match="Draft"):
        services.self_review_submit(actor=rita_user, appraisal=appraisal, text="x", actuals={})
    services.objectives_agree(actor=same_org_manager, appraisal=appraisal)
    actuals = {str(o.public_id): "Done" for o in appraisal.objectives.all()}
    with pytest.raises(PermissionDenied):
        services.self_review_submit(actor=same_org_manager, appraisal=appraisal, text="x", actuals=actuals)
    services.self_review_submit(actor=rita_user, appraisal=appraisal, text="x", actuals=actuals)
    ratings = {str(o.public_id): 4 for o in appraisal.objectives.all()}
    competencies = {code: 2 for code, _ in selectors.competencies_for_level(appraisal.level)}
    with pytest.raises(PermissionDenied):
        services.appraiser_review_submit(
            actor=rita_user, appraisal=appraisal, text="x", ratings=ratings, competency_ratings=competencies
        )
    services.appraiser_review_submit(
        actor=same_org_manager,
        appraisal=appraisal,
        text="x",
        ratings=ratings,
        competency_ratings=competencies,
    )
    with pytest.raises(PermissionDenied):
        services.meeting_record(
            actor=rita_user, appraisal=appraisal, meeting_on=date(2026, 5, 1), notes="", needs=[]
        )
    with pytest.raises(ValidationError):
        services.appraisal_sign(actor=rita_user, appraisal=appraisal)
    services.meeting_record(
        actor=same_org_manager, appraisal=appraisal, meeting_on=date(2026, 5, 1), notes="", needs=[]
    )
    services.appraisal_sign(actor=rita_user, appraisal=appraisal)
    assert appraisal.state == Appraisal.State.MEETING_HELD  # one signature is not sign-off
    with pytest.raises(ValidationError, match="already signed"):
        services.appraisal_sign(actor=rita_user, appraisal=appraisal)
    services.appraisal_sign(actor=same_org_manager, appraisal=appraisal)
    assert appraisal.state == Appraisal.State.SIGNED_OFF
    assert appraisal.band == "Exceeds"


def test_a_signed_off_appraisal_is_read_only_and_takes_addenda(
    appraisal, same_org_manager, rita_user, same_org_hr_admin
):
    appraisal = complete(appraisal, appraiser=same_org_manager, appraisee=rita_user)
    objective = appraisal.objectives.first()
    with pytest.raises(ValidationError):
        services.objective_save(
            actor=same_org_manager,
            appraisal=appraisal,
            perspective=objective.perspective,
            title="Changed",
            measure="M",
            target="X",
            weight=100,
            objective=objective,
        )
    assert Objective.objects.get(pk=objective.pk).title != "Changed"
    services.addendum_add(actor=rita_user, appraisal=appraisal, text="A correction to the actuals.")
    services.addendum_add(actor=same_org_hr_admin, appraisal=appraisal, text="HR note.")
    assert appraisal.addenda.count() == 2


def test_a_senior_appraisal_uses_the_locked_national_template_and_is_countersigned(
    cycle, senior_chain, same_org_hr_admin
):
    # Even when the organisation has a template that (wrongly) tried to cover senior levels.
    with pytest.raises(ValidationError):
        services.template_create(
            actor=same_org_hr_admin,
            organisation=cycle.organisation,
            name="Ours",
            levels=[ManagementLevel.SENIOR],
            perspectives=[("All", 100)],
        )
    director, senior, chief = senior_chain["director"], senior_chain["senior"], senior_chain["chief"]
    complete_appraisal_skills(director.person)
    appraisal = services.appraisal_start(actor=same_org_hr_admin, cycle=cycle, appraisee=senior.person)
    assert appraisal.template.locked and appraisal.template.organisation is None
    assert appraisal.countersigner == chief.person
    appraisal = complete(appraisal, appraiser=director, appraisee=senior)
    with pytest.raises(PermissionDenied):
        services.appraisal_countersign(actor=director, appraisal=appraisal)
    services.appraisal_countersign(actor=chief, appraisal=appraisal)
    assert appraisal.state == Appraisal.State.COUNTERSIGNED


def test_organisations_cannot_change_the_national_template(same_org_hr_admin):
    national = selectors.national_template()
    with pytest.raises(PermissionDenied):
        services.template_revise(
            actor=same_org_hr_admin,
            template=national,
            name="Mine",
            perspectives=[("All", 100)],
            competency_ratings=False,
        )


def test_an_appraisal_keeps_the_template_version_it_started_with(
    cycle, same_org_hr_admin, same_org_manager, rita_user
):
    template = services.template_create(
        actor=same_org_hr_admin,
        organisation=cycle.organisation,
        name="Staff",
        levels=[ManagementLevel.NONE],
        perspectives=[("Patients", 50), ("People", 50)],
    )
    complete_appraisal_skills(same_org_manager.person)
    appraisal = services.appraisal_start(actor=same_org_manager, cycle=cycle, appraisee=rita_user.person)
    assert appraisal.template == template
    revised = services.template_revise(
        actor=same_org_hr_admin,
        template=template,
        name="Staff",
        perspectives=[("Patients", 70), ("People", 30)],
        competency_ratings=True,
    )
    assert revised.version == 2 and revised.family == template.family
    appraisal.refresh_from_db()
    assert appraisal.template == template
    assert ScorecardTemplate.objects.get(pk=template.pk).current is False


@pytest.mark.parametrize(
    "weights, message",
    [([60, 30], "add up to 90"), ([60, 50], "add up to 110"), ([0, 100], "between 1 and 100")],
)
def test_template_weights_must_sum_to_100(same_org, same_org_hr_admin, weights, message):
    with pytest.raises(ValidationError, match=message):
        services.template_create(
            actor=same_org_hr_admin,
            organisation=same_org,
            name="Bad",
            levels=[ManagementLevel.NONE],
            perspectives=[("A", weights[0]), ("B", weights[1])],
        )


def test_an_untrained_appraiser_cannot_be_assigned_and_hr_assign_a_trained_one(
    cycle, same_org_manager, same_org_hr_admin, rita_user
):
    with pytest.raises(ValidationError, match="Morgan Manager has not completed the appraisal-skills course"):
        services.appraisal_start(actor=same_org_manager, cycle=cycle, appraisee=rita_user.person)
    assert not Appraisal.objects.exists()
    trained = user_with_person(cycle.organisation, first_name="Tina", last_name="Trained")
    _complete_appraisal_skills(trained.person, date.today())
    appraisal = services.appraisal_start(actor=same_org_hr_admin, cycle=cycle, appraisee=rita_user.person,
                                         appraiser=trained.person)
    with pytest.raises(ValidationError):
        services.appraisal_reassign(actor=same_org_hr_admin, appraisal=appraisal,
                                    appraiser=same_org_manager.person)
    with pytest.raises(PermissionDenied):
        services.appraisal_reassign(actor=same_org_manager, appraisal=appraisal, appraiser=trained.person)
    assert Appraisal.objects.get().appraiser == trained.person


def _complete_appraisal_skills(person, on):
    from training.models import Course, TrainingRecord

    course = Course.objects.get(code="appraisal-skills")
    TrainingRecord.objects.create(
        person=person,
        organisation=person.organisation,
        course=course,
        title=course.title,
        status=TrainingRecord.Status.COMPLETED,
        on=on,
        hours=6,
    )


def test_the_appraisal_course_counts_for_three_years(same_org):
    person = user_with_person(same_org).person
    _complete_appraisal_skills(person, date(2023, 5, 1))
    assert selectors.appraiser_trained(person, date(2026, 4, 30))
    assert not selectors.appraiser_trained(person, date(2026, 6, 1))


def test_one_appraisal_per_person_per_cycle(appraisal, cycle, same_org_manager, rita_user):
    with pytest.raises(ValidationError, match="already has an appraisal"):
        services.appraisal_start(actor=same_org_manager, cycle=cycle, appraisee=rita_user.person)


def test_cycles_are_annual_by_default(same_org, same_org_hr_admin):
    cycle = services.cycle_create(
        actor=same_org_hr_admin, organisation=same_org, name="2027/28", opens_on=date(2027, 4, 1)
    )
    assert cycle.closes_on == date(2028, 3, 31)
    assert isinstance(cycle, AppraisalCycle)
