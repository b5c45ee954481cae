"""Career pathways: where a manager stands, and how far they are from the next step."""

import pytest
from django.urls import reverse

from leadership.development import selectors, services
from leadership.models import Assessment, CareerPathway, ManagementLevel, PathwayStep

pytestmark = pytest.mark.django_db


def general_management(positions):
    return next(p for p in positions if p.pathway.name == "NHS general management")


def test_the_default_pathways_are_loaded_in_order():
    steps = PathwayStep.objects.filter(pathway__name="NHS general management").order_by("order")
    assert [s.management_level for s in steps] == ["first_line", "middle", "senior", "executive", "board"]


def test_a_middle_manager_sees_what_the_senior_step_needs_and_their_distance(same_org_manager):
    person = same_org_manager.person
    framework = selectors.published_framework()
    senior_needs = {b.competency.code: b.expected_level
                    for b in framework.competencies.get(code="hlm-holding-to-account").behaviours.all()
                    .filter(management_level="senior").select_related("competency")}
    services.assessment_save(actor=same_org_manager, person=person, framework=framework,
                             kind=Assessment.Kind.SELF,
                             ratings={framework.competencies.get(code="hlm-holding-to-account").id: (1, "")},
                             submit=False)
    position = general_management(selectors.pathway_positions(person, framework))
    assert position.current_step.management_level == ManagementLevel.MIDDLE
    assert position.next_step.management_level == ManagementLevel.SENIOR
    need = next(n for n in position.needs if n.competency.code == "hlm-holding-to-account")
    assert need.required == senior_needs["hlm-holding-to-account"]
    assert need.current == 1
    assert need.shortfall == need.required - 1
    assert position.unrated == len(position.needs) - 1


def test_a_step_can_name_only_some_competencies(same_org_manager):
    pathway = CareerPathway.objects.create(name="Finance leadership")
    PathwayStep.objects.create(pathway=pathway, order=1, title="Finance manager", management_level="middle")
    PathwayStep.objects.create(pathway=pathway, order=2, title="Deputy director of finance",
                               management_level="senior", competency_codes=["hlm-evaluating-information"])
    positions = selectors.pathway_positions(same_org_manager.person, selectors.published_framework())
    finance = next(p for p in positions if p.pathway == pathway)
    assert [n.competency.code for n in finance.needs] == ["hlm-evaluating-information"]


def test_the_pathways_page_shows_the_next_step(client_for, same_org_manager):
    page = client_for(same_org_manager).get(reverse("development:pathways")).content.decode()
    assert "Next step" in page and "Head of service or general manager" in page
    assert "You are here" in page
