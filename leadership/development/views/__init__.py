"""Development pages, one module per URL group: the framework, a person's development (assessments
and needs), 360 feedback, and the 90-day cycle. Rows come from leadership.access; every form runs
through a service with leadership.web.submit."""

from leadership.development.views.cycle import (
    action_delete,
    action_edit,
    action_new,
    check_in,
    cycle_detail,
    cycle_review,
    my_cycle,
    organisation_cycle,
)
from leadership.development.views.feedback import feedback_round, invite_raters, rater_approvals, rater_form
from leadership.development.views.framework import (
    competency_edit,
    framework,
    framework_version,
    framework_versions,
    pathways,
)
from leadership.development.views.framework_edit import (
    competency_new,
    competency_remove,
    local_competencies,
    local_competency_edit,
    local_competency_new,
    local_competency_remove,
)
from leadership.development.views.pathway_pages import (
    pathway_delete,
    pathway_detail,
    pathway_edit,
    pathway_list,
    pathway_new,
    step_delete,
    step_edit,
    step_new,
)
from leadership.development.views.person import (
    my_development,
    need_edit,
    need_new,
    person_development,
    plan_aspiration,
    rate_person,
    self_assessment,
)

__all__ = [
    "action_delete", "action_edit", "action_new", "check_in", "competency_edit", "cycle_detail",
    "cycle_review", "feedback_round", "framework", "framework_version", "framework_versions",
    "invite_raters", "my_cycle", "my_development", "need_edit", "need_new", "organisation_cycle", "pathways",
    "person_development", "plan_aspiration", "rate_person", "rater_approvals", "rater_form",
    "self_assessment",
    # Pathways and the framework's competencies, kept from pages.
    "competency_new", "competency_remove", "local_competencies", "local_competency_edit",
    "local_competency_new", "local_competency_remove", "pathway_delete", "pathway_detail", "pathway_edit",
    "pathway_list", "pathway_new", "step_delete", "step_edit", "step_new",
]
