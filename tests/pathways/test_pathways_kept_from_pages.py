"""Career pathways kept from pages: national admins keep the national ones, HR admins their own
organisation's, with steps, the competencies each expects and the courses that help; every change is
audited and a refusal writes nothing."""

import pytest
from django.urls import reverse
from pghistory.models import Events

from leadership.development import pathway_services
from leadership.models import CareerPathway, PathwayStep
from tests.factories import OrganisationFactory, user_with_person
from tests.isolation_registry import table_fingerprints
from tests.query_counts import assert_queries_do_not_grow, page_opener
from tests.training.factories import CourseFactory
from training.models import PathwayCourse

pytestmark = pytest.mark.django_db


@pytest.fixture
def local_pathway(same_org_hr_admin, framework):
    return pathway_services.pathway_create(actor=same_org_hr_admin, name="Ward to board",
                                           organisation=same_org_hr_admin.person.organisation)


def test_an_hr_admin_adds_a_pathway_with_steps_and_the_history_says_who(client_for, same_org_hr_admin,
                                                                         framework):
    client = client_for(same_org_hr_admin)
    response = client.post(reverse("development:pathway_new"), {
        "name": "Therapies leadership", "description": "Our own route",
        "organisation": same_org_hr_admin.person.organisation_id})
    pathway = CareerPathway.objects.get(name="Therapies leadership")
    assert response.status_code == 302 and pathway.organisation == same_org_hr_admin.person.organisation
    url = reverse("development:pathway_step_new", args=[pathway.public_id])
    client.post(url, {"title": "Team lead", "management_level": "first_line"})
    client.post(url, {"title": "Service manager", "management_level": "middle",
                      "competency_codes": ["hlm-engaging-the-team", "hlm-leading-with-care"]})
    steps = list(pathway.steps.order_by("order").values_list("order", "title", "competency_codes"))
    assert steps == [(1, "Team lead", []),
                     (2, "Service manager", ["hlm-engaging-the-team", "hlm-leading-with-care"])]
    page = client.get(reverse("development:pathway_detail", args=[pathway.public_id])).content.decode()
    assert "Service manager" in page and "What step 2 expects" in page
    created = Events.objects.tracks(pathway).get(pgh_label="insert")
    assert created.pgh_context["user"] == same_org_hr_admin.pk


def test_steps_move_and_the_rest_close_up_when_one_is_removed(client_for, same_org_hr_admin, local_pathway):
    for title, level in [("One", "first_line"), ("Two", "middle"), ("Three", "senior")]:
        pathway_services.step_create(actor=same_org_hr_admin, pathway=local_pathway, title=title,
                                     management_level=level)
    client = client_for(same_org_hr_admin)
    detail = reverse("development:pathway_detail", args=[local_pathway.public_id])
    assert client.post(detail, {"order": 3, "direction": "up"}).status_code == 302
    titles = local_pathway.steps.order_by("order").values_list("title", flat=True)
    assert list(titles) == ["One", "Three", "Two"]
    refused = client.post(detail, {"order": 1, "direction": "up"})
    assert refused.status_code == 200 and "already the first" in refused.content.decode()
    remove = reverse("development:pathway_step_delete", args=[local_pathway.public_id, 1])
    assert "Confirm to continue" in client.post(remove, {}).content.decode()
    assert local_pathway.steps.count() == 3
    client.post(remove, {"confirm": "on"})
    steps = local_pathway.steps.order_by("order").values_list("order", "title")
    assert list(steps) == [(1, "Three"), (2, "Two")]


def test_a_pathway_is_removed_only_after_confirmation(client_for, same_org_hr_admin, local_pathway):
    client = client_for(same_org_hr_admin)
    url = reverse("development:pathway_delete", args=[local_pathway.public_id])
    assert "cannot be undone" in client.get(url).content.decode()
    client.post(url, {})
    assert CareerPathway.objects.filter(id=local_pathway.id).exists()
    assert client.post(url, {"confirm": "on"}).status_code == 302
    assert not CareerPathway.objects.filter(id=local_pathway.id).exists()
    assert Events.objects.filter(pgh_obj_model="leadership.CareerPathway", pgh_obj_id=local_pathway.id,
                                 pgh_label="delete").exists()


def test_an_hr_admin_cannot_change_a_national_pathway(client_for, same_org_hr_admin, framework):
    national = CareerPathway.objects.get(name="NHS general management")
    client = client_for(same_org_hr_admin)
    assert client.get(reverse("development:pathway_edit", args=[national.public_id])).status_code == 404
    page = client.get(reverse("development:pathway_detail", args=[national.public_id])).content.decode()
    assert "Add a step" not in page and "Team or service manager" in page
    with pytest.raises(Exception, match="national"):
        pathway_services.pathway_update(actor=same_org_hr_admin, pathway=national, name="Mine")


def test_a_national_admin_keeps_the_national_pathways(client_for, national_admin, framework):
    national = CareerPathway.objects.get(name="NHS general management")
    client = client_for(national_admin)
    response = client.post(reverse("development:pathway_edit", args=[national.public_id]),
                           {"name": "NHS general management", "description": "Revised wording"})
    assert response.status_code == 302
    national.refresh_from_db()
    assert national.description == "Revised wording"
    client.post(reverse("development:pathway_new"), {"name": "Estates leadership"})
    assert CareerPathway.objects.get(name="Estates leadership").organisation is None


def test_a_bad_step_or_a_taken_name_is_a_form_error_and_writes_nothing(client_for, same_org_hr_admin,
                                                                       local_pathway):
    client = client_for(same_org_hr_admin)
    before = table_fingerprints()
    taken = client.post(reverse("development:pathway_new"), {
        "name": "ward to BOARD", "organisation": same_org_hr_admin.person.organisation_id})
    assert "There is already a pathway with this name" in taken.content.decode()
    unknown = client.post(reverse("development:pathway_step_new", args=[local_pathway.public_id]),
                          {"title": "Lead", "management_level": "none", "competency_codes": ["made-up"]})
    assert unknown.status_code == 200 and "nhsuk-error-summary" in unknown.content.decode()
    assert table_fingerprints() == before
    with pytest.raises(Exception, match="not competencies of the framework"):
        pathway_services.step_create(actor=same_org_hr_admin, pathway=local_pathway, title="Lead",
                                     management_level="middle", competency_codes=["made-up"])


def test_a_step_may_name_the_organisations_local_competency_but_not_anothers(same_org_hr_admin, framework,
                                                                             local_pathway):
    from leadership.development import framework_services
    behaviours = dict.fromkeys(("first_line", "middle", "senior", "executive", "board"), (2, "Does it"))
    own = framework_services.local_competency_create(
        actor=same_org_hr_admin, organisation=local_pathway.organisation, name="Patient flow",
        description="", behaviours=behaviours)
    other_admin = user_with_person(OrganisationFactory(ods_code="RT7"), role="hr_admin")
    theirs = framework_services.local_competency_create(
        actor=other_admin, organisation=other_admin.person.organisation, name="Estates", description="",
        behaviours=behaviours)
    step = pathway_services.step_create(actor=same_org_hr_admin, pathway=local_pathway, title="Flow lead",
                                        management_level="middle", competency_codes=[own.code])
    assert step.competency_codes == [own.code]
    with pytest.raises(Exception, match=theirs.code):
        pathway_services.step_create(actor=same_org_hr_admin, pathway=local_pathway, title="X",
                                     management_level="middle", competency_codes=[theirs.code])


def test_courses_that_help_are_chosen_from_the_catalogue_and_shown_on_the_pathway(
        client_for, same_org_hr_admin, local_pathway):
    wanted = CourseFactory(title="Leading through change")
    CourseFactory(title="Finance for managers")
    retired = CourseFactory(title="Old course", active=False)
    client = client_for(same_org_hr_admin)
    url = reverse("training:pathway_courses", args=[local_pathway.public_id])
    found = client.get(url, {"q": "through"}).content.decode()
    assert "Leading through change" in found and "Finance for managers" not in found
    assert client.post(url, {"add": str(wanted.public_id)}).status_code == 302
    assert client.post(url, {"add": str(retired.public_id)}).status_code == 404  # not in the catalogue
    detail_url = reverse("development:pathway_detail", args=[local_pathway.public_id])
    detail = client.get(detail_url).content.decode()
    assert "Leading through change" in detail and "Choose the courses that help" in detail
    again = client.post(url, {"add": str(wanted.public_id)})
    assert "already helps" in again.content.decode()
    client.post(url, {"remove": str(wanted.public_id)})
    assert not PathwayCourse.objects.filter(pathway=local_pathway).exists()


def test_staff_see_their_organisations_pathway_and_the_national_ones(client_for, same_org_manager,
                                                                      local_pathway, other_org_hr_admin):
    page = client_for(same_org_manager).get(reverse("development:pathways")).content.decode()
    assert "Ward to board" in page and "NHS general management" in page
    assert "Manage career pathways" not in page
    assert client_for(same_org_manager).get(
        reverse("development:pathway_detail", args=[local_pathway.public_id])).status_code == 200
    other = client_for(other_org_hr_admin).get(reverse("development:pathways")).content.decode()
    assert "Ward to board" not in other


def test_the_managed_list_is_filtered_paginated_and_costs_no_query_per_row(
        client_for, same_org_hr_admin, framework, django_assert_num_queries):
    organisation = same_org_hr_admin.person.organisation
    made = []

    def add_rows(count):
        for _ in range(count):
            pathway = CareerPathway.objects.create(name=f"Route {len(made):02}", organisation=organisation)
            PathwayStep.objects.create(pathway=pathway, order=1, title="Lead", management_level="middle")
            made.append(pathway)

    client = client_for(same_org_hr_admin)
    url = reverse("development:pathway_list")
    assert_queries_do_not_grow(django_assert_num_queries, add_rows=add_rows,
                               open_list=page_opener(client, url))
    add_rows(10)
    first = client.get(url).content.decode()
    assert "Route 00" in first and "Route 29" not in first and "Page 2 of 2" in first
    assert "Route 29" in client.get(url, {"page": 2}).content.decode()
    national = client_for(same_org_hr_admin).get(url, {"owner": "national"}).content.decode()
    assert "Route 00" not in national
