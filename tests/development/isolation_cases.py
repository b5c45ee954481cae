"""Development routes for the page and API route walks (see tests/isolation_registry.py)."""

from datetime import date

from django.urls import reverse

from leadership.development import services
from leadership.models import Assessment, Person
from tests.development.factories import (
    ActionCycleFactory,
    AssessmentFactory,
    DevelopmentPlanFactory,
    FrameworkDraftFactory,
)
from tests.factories import PersonFactory
from tests.isolation_registry import NOT_IN_DEMO, STAFF, TRUST_ADMINS

# The 360 rater's page is reached by a signed token and needs no account; a wrong token is a 404
# (tests/development/test_360.py::test_a_wrong_or_used_token_is_404).
PUBLIC_ROUTES = {"development:rater_form"}


def _morgan(w):
    return w["same_org_manager"].person


PAGE_CASES = {
    "development:my_development": ("list", lambda w: reverse("development:my_development")),
    "development:framework": ("list", lambda w: reverse("development:framework") + "?level=senior"),
    "development:pathways": ("list", lambda w: reverse("development:pathways")),
    "development:organisation_cycle": ("object", lambda w: reverse("development:organisation_cycle",
                                                                   args=["RT1"])),
    "development:framework_versions": ("national", lambda w: reverse("development:framework_versions")),
    "development:framework_version": (
        "national",
        lambda w: reverse("development:framework_version", args=[w["framework"].public_id]),
    ),
    "development:competency_edit": (
        "national",
        lambda w: reverse(
            "development:competency_edit", args=[w["framework"].public_id, "hlm-engaging-the-team"]
        ),
    ),
    "development:self_assessment": ("list", lambda w: reverse("development:self_assessment")),
    "development:invite_raters": ("list", lambda w: reverse("development:invite_raters") + "?q=Lee"),
    "development:rater_approvals": ("list", lambda w: reverse("development:rater_approvals")),
    "development:feedback_round": (
        "object",
        lambda w: reverse("development:feedback_round", args=[w["feedback_round"].public_id]),
    ),
    "development:person_development": (
        "object",
        lambda w: reverse("development:person_development", args=[_morgan(w).public_id]),
    ),
    "development:rate_person": (
        "object",
        lambda w: reverse("development:rate_person", args=[w["lee"].public_id]),
    ),
    "development:need_new": (
        "object",
        lambda w: reverse("development:need_new", args=[_morgan(w).public_id]),
    ),
    "development:need_edit": (
        "object",
        lambda w: reverse("development:need_edit", args=[w["need"].public_id]),
    ),
    "development:plan_aspiration": (
        "object",
        lambda w: reverse("development:plan_aspiration", args=[_morgan(w).public_id]),
    ),
    "development:my_cycle": ("list", lambda w: reverse("development:my_cycle")),
    "development:cycle_detail": (
        "object",
        lambda w: reverse("development:cycle_detail", args=[w["cycle"].public_id]),
    ),
    "development:action_new": (
        "object",
        lambda w: reverse("development:action_new", args=[w["cycle"].public_id]),
    ),
    "development:check_in": (
        "object",
        lambda w: reverse("development:check_in", args=[w["cycle"].public_id, 30]),
    ),
    "development:cycle_review": (
        "object",
        lambda w: reverse("development:cycle_review", args=[w["cycle"].public_id]),
    ),
    "development:action_edit": (
        "object",
        lambda w: reverse("development:action_edit", args=[w["action"].public_id]),
    ),
    "development:action_delete": (
        "object",
        lambda w: reverse("development:action_delete", args=[w["action"].public_id]),
    ),
}

# The demo roles that open each page by following links (tests/isolation_registry.py, EVERYONE etc.).
REACHABLE_BY = {
    "development:my_development": STAFF,
    "development:framework": {"board_secretary", "hr_admin", "manager", "national_admin"},
    "development:pathways": STAFF,
    "development:organisation_cycle": TRUST_ADMINS,
    "development:framework_versions": {"national_admin"},
    "development:framework_version": {"national_admin"},
    "development:competency_edit": NOT_IN_DEMO,
    "development:self_assessment": STAFF,
    "development:invite_raters": STAFF,
    "development:rater_approvals": NOT_IN_DEMO,
    "development:feedback_round": {"manager"},
    "development:person_development": {"board_secretary", "hr_admin", "manager", "national_admin"},
    "development:rate_person": {"hr_admin", "manager"},
    "development:need_new": {"board_secretary", "hr_admin", "manager", "national_admin"},
    "development:need_edit": {"manager"},  # the demo's needs are the manager's team's
    "development:plan_aspiration": {"board_secretary", "hr_admin", "manager", "national_admin"},
    "development:my_cycle": STAFF,
    "development:cycle_detail": {"manager"},
    "development:action_new": {"manager"},
    "development:check_in": {"manager"},
    "development:cycle_review": {"manager"},
    "development:action_edit": {"manager"},
    "development:action_delete": {"manager"},
}

API_CASES = {
    # The national framework is the same for everyone: another organisation reads it too.
    "api:competency-framework-list": ("list", lambda w: reverse("api:competency-framework-list")),
    "api:competency-framework-detail": (
        "list",
        lambda w: reverse("api:competency-framework-detail", args=[w["framework"].public_id]),
    ),
    "api:assessment-list": ("list", lambda w: reverse("api:assessment-list")),
    "api:assessment-detail": (
        "object",
        lambda w: reverse("api:assessment-detail", args=[w["assessment"].public_id]),
    ),
    "api:development-plan-list": ("list", lambda w: reverse("api:development-plan-list")),
    "api:development-plan-detail": (
        "object",
        lambda w: reverse("api:development-plan-detail", args=[w["need"].plan.public_id]),
    ),
    "api:action-cycle-list": ("list", lambda w: reverse("api:action-cycle-list")),
    "api:action-cycle-detail": (
        "object",
        lambda w: reverse("api:action-cycle-detail", args=[w["cycle"].public_id]),
    ),
}


def build_world(world: dict) -> None:
    from tests.development.conftest import ensure_default_framework

    framework = ensure_default_framework()
    user = world["same_org_manager"]
    morgan = user.person
    need = services.need_create(
        actor=user,
        person=morgan,
        description="Hold harder conversations",
        competency=framework.competencies.get(code="hlm-holding-to-account"),
    )
    cycle = services.cycle_start(
        actor=user, person=morgan, focus="Team engagement", starts_on=date(2025, 1, 6)
    )
    action = services.action_create(
        actor=user, cycle=cycle, title="Shadow a senior colleague", due_on=date(2025, 2, 1), need=need
    )
    ratings = {c.id: (2, "Led the rota review") for c in framework.competencies.all()}
    assessment = services.assessment_save(
        actor=user,
        person=morgan,
        kind=Assessment.Kind.SELF,
        framework=framework,
        ratings=ratings,
        submit=True,
    )
    world.update(
        feedback_round=_released_round(user, framework, morgan),
        framework=framework,
        need=need,
        cycle=cycle,
        action=action,
        assessment=assessment,
        lee=Person.objects.get(first_name="Lee", organisation=morgan.organisation),
    )


def _released_round(user, framework, morgan):
    """A 360 round of Morgan's, answered by three colleagues and released."""
    for i in range(3):
        colleague = PersonFactory(organisation=morgan.organisation, first_name=f"Rater{i}")
        invitation = services.rater_invite(actor=user, person=morgan, framework=framework,
                                           relationship="peer", rater=colleague)
        services.rater_answer(invitation=invitation, ratings={c.id: 3 for c in framework.competencies.all()})
    return services.feedback_round_close(actor=user, assessment=services.feedback_round_open(morgan))


def _deleted(row) -> str:
    public_id = str(row.public_id)
    row.delete()
    return public_id


def _cascaded(row) -> str:
    """The row goes with its person, as when a staff record is deleted."""
    public_id = str(row.public_id)
    row.person.delete()
    return public_id


# Resource -> (who hears of the deletion, builder): the builder deletes one of the same organisation's
# rows and returns its id. "list": that organisation's client only; "shared": every client.
DELETION_CASES = {
    "competency-frameworks": (
        "shared",
        lambda w: _deleted(FrameworkDraftFactory(name="Withdrawn draft", version=98)),
    ),
    "assessments": (
        "list",
        lambda w: _cascaded(AssessmentFactory(person__organisation=w["same_org"], framework=w["framework"])),
    ),
    "development-plans": (
        "list",
        lambda w: _deleted(DevelopmentPlanFactory(person__organisation=w["same_org"])),
    ),
    "action-cycles": (
        "list",
        lambda w: _cascaded(ActionCycleFactory(person__organisation=w["same_org"], focus="Doomed")),
    ),
}
