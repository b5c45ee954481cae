"""Revising a scorecard template on its page: a new version for new appraisals, the old one kept."""

import pytest
from django.urls import reverse

from appraisal import selectors, services
from appraisal.models import ScorecardTemplate
from leadership.models import ManagementLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(same_org, same_org_hr_admin):
    return services.template_create(
        actor=same_org_hr_admin, organisation=same_org, name="Staff", levels=[ManagementLevel.NONE],
        perspectives=[("Patients", 50), ("People", 50)])


def revision(name="Staff 2027", weights=(70, 30), ratings=True) -> dict:
    data = {"name": name, "perspective_0": "Patients", "weight_0": weights[0],
            "perspective_1": "People", "weight_1": weights[1]}
    return data | ({"competency_ratings": "on"} if ratings else {})


def test_an_hr_admin_revises_their_template_into_a_new_version(client_for, same_org_hr_admin, template):
    client = client_for(same_org_hr_admin)
    listing = client.get(reverse("appraisal:template_list"))
    url = reverse("appraisal:template_revise", args=[template.public_id])
    assert url in listing.content.decode()
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="Patients"' in page.content.decode() and 'value="50"' in page.content.decode()

    response = client.post(url, revision(ratings=False))

    assert response.status_code == 302
    revised = ScorecardTemplate.objects.get(family=template.family, current=True)
    assert (revised.version, revised.name, revised.competency_ratings) == (2, "Staff 2027", False)
    assert [(p.name, p.weight) for p in revised.perspectives.order_by("position")] == [
        ("Patients", 70), ("People", 30)]
    assert revised.levels == template.levels
    template.refresh_from_db()
    assert template.current is False
    assert [(p.name, p.weight) for p in template.perspectives.order_by("position")] == [
        ("Patients", 50), ("People", 50)]


def test_weights_that_do_not_add_up_are_refused_and_change_nothing(client_for, same_org_hr_admin, template):
    url = reverse("appraisal:template_revise", args=[template.public_id])
    response = client_for(same_org_hr_admin).post(url, revision(weights=(60, 30)))
    assert response.status_code == 200
    assert "add up to 90" in response.content.decode()
    assert ScorecardTemplate.objects.filter(family=template.family).count() == 1
    template.refresh_from_db()
    assert template.current is True


def test_an_old_version_cannot_be_revised(client_for, same_org_hr_admin, template):
    services.template_revise(actor=same_org_hr_admin, template=template, name="Staff",
                             perspectives=[("All", 100)], competency_ratings=True)
    url = reverse("appraisal:template_revise", args=[template.public_id])
    assert client_for(same_org_hr_admin).get(url).status_code == 404


def test_the_national_template_is_for_national_admins_only(client_for, same_org_hr_admin, national_admin):
    national = selectors.national_template()
    url = reverse("appraisal:template_revise", args=[national.public_id])
    assert client_for(same_org_hr_admin).get(url).status_code == 404
    assert url not in client_for(same_org_hr_admin).get(reverse("appraisal:template_list")).content.decode()
    weights = [p.weight for p in national.perspectives.order_by("position")]
    data = {"name": national.name, "competency_ratings": "on"} | {
        key: value for i, p in enumerate(national.perspectives.order_by("position"))
        for key, value in ((f"perspective_{i}", p.name), (f"weight_{i}", p.weight))}
    assert sum(weights) == 100
    response = client_for(national_admin).post(url, data)
    assert response.status_code == 302
    revised = ScorecardTemplate.objects.get(family=national.family, current=True)
    assert revised.version == national.version + 1 and revised.locked
