"""The deletions feed of every mirrored resource: named as the resource's route, behind the resource's
own read scope, and heard only by clients that could have listed the deleted row.

Each area adds its cases as DELETION_CASES in tests/<area>/isolation_cases.py: resource -> (kind,
builder), the builder deleting one of the same organisation's rows and returning its id. Kinds:
"list" (that organisation's client hears of it, another's never), "shared" (every client lists the
resource, so every client hears) and "national" (only a national body's client).
"""

import pytest
from django.urls import reverse

from leadership.access import deletion_feeds
from leadership.api.views import DeletionList
from leadership.models import ApiScope, Organisation
from tests import isolation_registry
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _deleted(row) -> str:
    public_id = str(row.public_id)
    row.delete()
    return public_id


CASES = {
    "people": ("list", lambda w: _deleted(PersonFactory(organisation=w["same_org"]))),
    "organisations": ("list", lambda w: _deleted(OrganisationFactory(parent=w["same_org"]))),
}
for _module in isolation_registry._modules():
    CASES |= getattr(_module, "DELETION_CASES", {})


@pytest.fixture
def world(same_org, same_org_manager, other_org_hr_admin):
    return isolation_registry.build_world({"same_org": same_org, "same_org_manager": same_org_manager})


def test_every_mirrored_resource_has_a_deletions_isolation_case():
    assert set(CASES) == set(deletion_feeds())


def test_each_feed_is_named_as_its_resource_and_needs_the_resources_read_scope():
    reverse("api:deletion-list")  # the root URLconf first: it registers the converters the API uses
    from leadership.api.urls import router

    viewsets = {prefix.replace("/", "-"): viewset for prefix, viewset, _ in router.registry}
    assert set(DeletionList().scopes_by_resource) == set(deletion_feeds())
    for resource, scope in DeletionList().scopes_by_resource.items():
        assert viewsets[resource].read_scope == scope, resource


def _ids(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("resource", sorted(deletion_feeds()))
def test_a_deletion_is_heard_only_where_the_row_could_be_listed(client, api_for, world, other_org, resource):
    kind, build = CASES[resource]
    deleted_id = build(world)
    url, params = reverse("api:deletion-list"), {"resource": resource, "page_size": 1000}
    scope = DeletionList().scopes_by_resource[resource]
    national_body = OrganisationFactory(ods_code="X29", kind=Organisation.Kind.NATIONAL_BODY)
    owner = national_body if kind == "national" else world["same_org"]

    assert deleted_id in _ids(api_for(owner, [scope]).get(url, params))
    other = api_for(other_org, [scope]).get(url, params)
    assert (deleted_id in _ids(other)) == (kind == "shared")
    other_scope = ApiScope.PEOPLE_READ if scope != ApiScope.PEOPLE_READ else ApiScope.TRAINING_READ
    assert api_for(owner, [other_scope]).get(url, params).status_code == 403
    assert client.get(url, params).status_code == 401


def test_an_unknown_resource_is_a_400(same_org_api):
    response = same_org_api.get(reverse("api:deletion-list"), {"resource": "training-providers"})
    assert response.status_code == 400
    assert "resource" in response.json()["errors"]
