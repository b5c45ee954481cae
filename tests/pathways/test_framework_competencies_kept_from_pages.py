"""A draft framework's competencies are added, removed and reordered by national admins; organisations'
HR admins add local competencies beside the published national ones; published versions never change."""

import pytest
from django.urls import reverse

from leadership.development import framework_services, services
from leadership.models import Competency, CompetencyFramework, Rating
from tests.development.factories import AssessmentFactory
from tests.isolation_registry import table_fingerprints

pytestmark = pytest.mark.django_db

LEVELS = ("first_line", "middle", "senior", "executive", "board")
BEHAVIOURS = {level: (2, f"Expected of a {level} manager") for level in LEVELS}


def _posted_behaviours():
    data = {}
    for level in LEVELS:
        data[f"expected_{level}"], data[f"behaviour_{level}"] = "3", f"Does it at {level}"
    return data


@pytest.fixture
def draft(national_admin, framework):
    return services.framework_draft_create(actor=national_admin)


def _national_codes(version):
    return list(version.competencies.filter(organisation=None).order_by("position", "name", "id")
                .values_list("code", flat=True))


def test_a_national_admin_adds_reorders_and_removes_competencies_in_a_draft(client_for, national_admin,
                                                                             draft):
    client = client_for(national_admin)
    added = client.post(reverse("development:competency_new", args=[draft.public_id]),
                        {"name": "Digital leadership", "description": "Leads with data", "group": "hlm",
                         **_posted_behaviours()})
    assert added.status_code == 302
    assert _national_codes(draft)[-1] == "hlm-digital-leadership"
    version = reverse("development:framework_version", args=[draft.public_id])
    client.post(version, {"code": "hlm-digital-leadership", "direction": "up"})
    assert _national_codes(draft)[-2] == "hlm-digital-leadership"
    first = _national_codes(draft)[0]
    refused = client.post(version, {"code": first, "direction": "up"})
    assert refused.status_code == 200 and "already the first" in refused.content.decode()
    remove = reverse("development:competency_remove", args=[draft.public_id, "hlm-digital-leadership"])
    client.post(remove, {})
    assert "hlm-digital-leadership" in _national_codes(draft)
    client.post(remove, {"confirm": "on"})
    assert "hlm-digital-leadership" not in _national_codes(draft)


def test_a_published_version_refuses_every_change_and_writes_nothing(client_for, national_admin, framework):
    client = client_for(national_admin)
    before = table_fingerprints()
    added = client.post(reverse("development:competency_new", args=[framework.public_id]),
                        {"name": "Digital leadership", "description": "x", "group": "hlm",
                         **_posted_behaviours()})
    assert "A published framework cannot be changed" in added.content.decode()
    code = _national_codes(framework)[1]
    moved = client.post(reverse("development:framework_version", args=[framework.public_id]),
                        {"code": code, "direction": "up"})
    assert "A published framework cannot be changed" in moved.content.decode()
    removed = client.post(reverse("development:competency_remove", args=[framework.public_id, code]),
                          {"confirm": "on"})
    assert "A published framework cannot be changed" in removed.content.decode()
    assert table_fingerprints() == before


def test_an_hr_admin_adds_a_local_competency_their_staff_see_and_others_do_not(
        client_for, same_org_hr_admin, same_org_manager, other_org_hr_admin, framework):
    client = client_for(same_org_hr_admin)
    url = reverse("development:local_competency_new", args=["RT1"])
    assert client.post(url, {"name": "Leading patient flow", "description": "Keeps patients moving",
                             **_posted_behaviours()}).status_code == 302
    local = Competency.objects.get(name="Leading patient flow")
    assert (local.framework, local.organisation.ods_code, local.group) == (framework, "RT1", "local")
    assert local.behaviours.count() == len(LEVELS)
    taken = client.post(url, {"name": "leading PATIENT flow", "description": "Again", **_posted_behaviours()})
    assert "already has a competency with this name" in taken.content.decode()
    assert "Leading patient flow" in client_for(same_org_manager).get(
        reverse("development:framework")).content.decode()
    assert "Leading patient flow" not in client_for(other_org_hr_admin).get(
        reverse("development:framework")).content.decode()
    assert client_for(other_org_hr_admin).get(
        reverse("development:local_competency_edit", args=["RT1", local.code])).status_code == 404


def test_a_rated_local_competency_stays_as_history(client_for, same_org_hr_admin, same_org_manager,
                                                   framework):
    local = framework_services.local_competency_create(
        actor=same_org_hr_admin, organisation=same_org_hr_admin.person.organisation, name="Patient flow",
        description="", behaviours=BEHAVIOURS)
    assessment = AssessmentFactory(person=same_org_manager.person, framework=framework)
    Rating.objects.create(assessment=assessment, competency=local, level=2)
    response = client_for(same_org_hr_admin).post(
        reverse("development:local_competency_remove", args=["RT1", local.code]), {"confirm": "on"})
    assert "stays as history" in response.content.decode()
    assert Competency.objects.filter(id=local.id).exists()


def test_local_competencies_move_on_to_a_newly_published_version(national_admin, same_org_hr_admin,
                                                                 framework):
    local = framework_services.local_competency_create(
        actor=same_org_hr_admin, organisation=same_org_hr_admin.person.organisation, name="Patient flow",
        description="", behaviours=BEHAVIOURS)
    draft = services.framework_draft_create(actor=national_admin)
    assert not draft.competencies.filter(code=local.code).exists()  # a draft holds national ones only
    services.framework_publish(actor=national_admin, framework=draft)
    carried = CompetencyFramework.objects.get(id=draft.id).competencies.get(code=local.code)
    assert carried.organisation_id == local.organisation_id and carried.behaviours.count() == len(LEVELS)
    # The old version keeps its own row, so ratings against it still read.
    assert Competency.objects.filter(id=local.id, framework=framework).exists()
