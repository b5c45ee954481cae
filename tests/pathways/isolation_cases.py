"""Career pathways and the framework's competencies, kept from pages (tests/isolation_registry.py)."""

from django.urls import reverse

from leadership.models import CareerPathway, Competency, PathwayStep
from tests.isolation_registry import NOT_IN_DEMO, STAFF, TRUST_ADMINS

PAGE_CASES = {
    "development:pathway_list": ("list", lambda w: reverse("development:pathway_list")),
    "development:pathway_new": ("list", lambda w: reverse("development:pathway_new")),
    "development:pathway_detail": ("object", lambda w: reverse("development:pathway_detail",
                                                               args=[w["local_pathway"].public_id])),
    "development:pathway_edit": ("object", lambda w: reverse("development:pathway_edit",
                                                             args=[w["local_pathway"].public_id])),
    "development:pathway_delete": ("object", lambda w: reverse("development:pathway_delete",
                                                               args=[w["local_pathway"].public_id])),
    "development:pathway_step_new": ("object", lambda w: reverse("development:pathway_step_new",
                                                                 args=[w["local_pathway"].public_id])),
    "development:pathway_step_edit": ("object", lambda w: reverse("development:pathway_step_edit",
                                                                  args=[w["local_pathway"].public_id, 1])),
    "development:pathway_step_delete": ("object", lambda w: reverse(
        "development:pathway_step_delete", args=[w["local_pathway"].public_id, 1])),
    "development:competency_new": ("national", lambda w: reverse("development:competency_new",
                                                                 args=[w["framework"].public_id])),
    "development:competency_remove": ("national", lambda w: reverse(
        "development:competency_remove", args=[w["framework"].public_id, "hlm-engaging-the-team"])),
    "development:local_competencies": ("object", lambda w: reverse("development:local_competencies",
                                                                   args=["RT1"])),
    "development:local_competency_new": ("object", lambda w: reverse("development:local_competency_new",
                                                                     args=["RT1"])),
    "development:local_competency_edit": ("object", lambda w: reverse(
        "development:local_competency_edit", args=["RT1", w["local_competency"].code])),
    "development:local_competency_remove": ("object", lambda w: reverse(
        "development:local_competency_remove", args=["RT1", w["local_competency"].code])),
    "training:pathway_courses": ("object", lambda w: reverse("training:pathway_courses",
                                                             args=[w["local_pathway"].public_id])),
}

REACHABLE_BY = {
    "development:pathway_list": TRUST_ADMINS,
    "development:pathway_new": TRUST_ADMINS,
    "development:pathway_detail": STAFF | {"national_admin"},
    "development:pathway_edit": TRUST_ADMINS,
    "development:pathway_delete": TRUST_ADMINS,
    "development:pathway_step_new": TRUST_ADMINS,
    "development:pathway_step_edit": TRUST_ADMINS,
    "development:pathway_step_delete": TRUST_ADMINS,
    "development:competency_new": NOT_IN_DEMO,  # the demo has no draft framework version
    "development:competency_remove": NOT_IN_DEMO,
    "development:local_competencies": {"hr_admin"},
    "development:local_competency_new": {"hr_admin"},
    "development:local_competency_edit": {"hr_admin"},
    "development:local_competency_remove": {"hr_admin"},
    "training:pathway_courses": TRUST_ADMINS,
}


def build_world(world: dict) -> None:
    framework = world["framework"]  # tests/development/isolation_cases.py puts the published one there
    organisation = world["same_org"]
    pathway = CareerPathway.objects.create(name="Same Hospitals ward leadership", organisation=organisation)
    PathwayStep.objects.create(pathway=pathway, order=1, title="Ward manager", management_level="first_line")
    local = Competency.objects.create(framework=framework, organisation=organisation, group="local",
                                      code="local-rt1-patient-flow", name="Same Hospitals patient flow",
                                      position=99)
    world.update(local_pathway=pathway, local_competency=local)
