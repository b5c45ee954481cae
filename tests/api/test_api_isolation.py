"""Every API route has an isolation case: anonymous gets 401, another organisation's client a 404 or a
list without foreign rows, and nothing can be changed. Mirrors tests/test_isolation.py for /api/.

When an /api/ route is added without a case here, test_every_api_route_has_an_isolation_case fails.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from leadership.models import Organisation
from tests import isolation_registry
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

# The token endpoint is where clients authenticate (tested in test_tokens.py); any other /api/ URL
# answers a JSON 404 to everyone (test_an_unknown_api_url_is_a_json_404).
PUBLIC = {"api:oauth_token", "api:not_found"}


def _api_routes(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if inner.startswith("api:") or str(entry.pattern).startswith("api/"):
                yield from _api_routes(entry, inner)
        elif isinstance(entry, URLPattern) and namespace.startswith("api:"):
            name = f"{namespace}{entry.name}"
            if name not in PUBLIC:
                yield name


# For each route: whether it is a list (another organisation gets 200 with no foreign rows) or an
# object (another organisation gets 404), and how to build its URL for the same organisation's data.
CASES = {
    "api:schema": ("list", lambda w: reverse("api:schema")),
    "api:docs": ("list", lambda w: reverse("api:docs")),
    "api:organisation-list": ("list", lambda w: reverse("api:organisation-list")),
    "api:organisation-detail": ("object", lambda w: reverse(
        "api:organisation-detail", args=[w["same_org"].public_id])),
    "api:organisation-export": ("list", lambda w: reverse("api:organisation-export")),
    "api:person-list": ("list", lambda w: reverse("api:person-list")),
    "api:person-export": ("list", lambda w: reverse("api:person-export")),
    "api:person-detail": ("object", lambda w: reverse(
        "api:person-detail", args=[w["same_org_manager"].person.public_id])),
    "api:deletion-list": ("list", lambda w: reverse("api:deletion-list") + "?resource=people"),
}
CASES |= isolation_registry.api_cases()
FOREIGN_MARKERS = ("Morgan", "Manager", "RT1", "Same Hospitals", "Gonewright", "QT1")


@pytest.fixture
def world(same_org, same_org_manager, other_org_hr_admin):
    deleted = PersonFactory(organisation=same_org, first_name="Delphine", last_name="Gonewright")
    deleted_id = str(deleted.public_id)
    deleted.delete()
    return isolation_registry.build_world(
        {"same_org": same_org, "same_org_manager": same_org_manager, "deleted_id": deleted_id})


def test_every_api_route_has_an_isolation_case():
    assert set(_api_routes()) == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_anonymous_gets_401_with_a_bearer_challenge(client, world, name):
    _, url = CASES[name]
    response = client.get(url(world))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_client_of_the_same_organisation_can_read_it(request, same_org_api, world, name):
    kind, url = CASES[name]
    # A "footprint" route belongs to the ICB above the same organisation, so the ICB's client reads it.
    api = request.getfixturevalue("icb_api") if kind == "footprint" else same_org_api
    assert api.get(url(world)).status_code == 200


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_garbage_token_gets_401(client, world, name):
    _, url = CASES[name]
    assert client.get(url(world), HTTP_AUTHORIZATION="Bearer not-a-token").status_code == 401


OWNED_KINDS = {"object", "footprint"}


@pytest.mark.parametrize("name", sorted(n for n, (kind, _) in CASES.items() if kind in OWNED_KINDS))
def test_another_organisations_client_gets_404_and_changes_nothing(other_org_api, world, name):
    _, url = CASES[name]
    before = isolation_registry.table_fingerprints()
    assert other_org_api.get(url(world)).status_code == 404
    for method in ("post", "put", "patch", "delete"):
        response = getattr(other_org_api, method)(url(world), {"organisation": "RT9"},
                                                  content_type="application/json")
        assert response.status_code in {404, 405}
    assert isolation_registry.changed_tables(before, isolation_registry.table_fingerprints()) == []


@pytest.mark.parametrize("name", sorted(n for n, (kind, _) in CASES.items() if kind == "list"))
def test_a_list_never_shows_another_organisations_row(other_org_api, world, name):
    _, url = CASES[name]
    response = other_org_api.get(url(world))
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content  # exports stream
    for foreign in (*FOREIGN_MARKERS, world["deleted_id"], str(world["same_org"].public_id)):
        assert foreign.encode() not in body, f"{name} shows {foreign}"


@pytest.mark.parametrize("name", sorted(n for n, (kind, _) in CASES.items() if kind == "list"))
def test_writes_to_a_list_are_refused(same_org_api, world, name):
    _, url = CASES[name]
    before = isolation_registry.table_fingerprints()
    response = same_org_api.post(url(world), {"organisation": "RT9", "first_name": "Mallory"},
                                 content_type="application/json")
    assert response.status_code == 405
    assert isolation_registry.changed_tables(before, isolation_registry.table_fingerprints()) == []


def test_a_signed_in_manager_sees_only_what_access_allows(client_for, same_org_manager, other_org_person):
    api = client_for(same_org_manager)
    names = {row["first_name"] for row in api.get(reverse("api:person-list")).json()["results"]}
    assert names == {"Morgan", "Lee", "Rita", "Indie"}
    assert api.get(reverse("api:person-detail", args=[other_org_person.public_id])).status_code == 404


def test_a_footprint_client_sees_the_organisations_under_it_but_only_its_own_staff(api_for, icb, same_org,
                                                                                 other_org):
    sibling = Organisation.objects.create(ods_code="RT2", name="Sibling NHS Trust",
                                          kind=Organisation.Kind.NHS_TRUST, parent=icb)
    old_ccg = Organisation.objects.create(ods_code="05X", name="Old CCG", kind=Organisation.Kind.CCG,
                                          active=False, dissolved_on="2022-06-30", successor=icb)
    PersonFactory(organisation=same_org, first_name="Sam")
    PersonFactory(organisation=sibling, first_name="Sib")
    PersonFactory(organisation=other_org, first_name="Otto")
    api = api_for(icb)
    codes = {row["ods_code"] for row in api.get(reverse("api:organisation-list")).json()["results"]}
    assert codes == {"QT1", "RT1", "RT2", old_ccg.ods_code}
    PersonFactory(organisation=icb, first_name="Ivy")
    names = {row["first_name"] for row in api.get(reverse("api:person-list")).json()["results"]}
    assert names == {"Ivy"}  # staff records stay with their employer, even for a footprint


def test_a_trust_client_sees_only_its_trust(api_for, same_org, other_org, icb):
    api = api_for(same_org)
    codes = {row["ods_code"] for row in api.get(reverse("api:organisation-list")).json()["results"]}
    assert codes == {"RT1"}
    assert api.get(reverse("api:organisation-detail", args=[icb.public_id])).status_code == 404


@pytest.mark.parametrize("path", ["/api/v1/nope/", "/api/v1/people/a/b/", "/api/v2/people/"])
def test_an_unknown_api_url_is_a_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert set(response.json()) == {"detail", "errors"}


@pytest.mark.parametrize("name", ["api:person-detail", "api:organisation-detail"])
@pytest.mark.parametrize("bad_id", ["0.5", "not-a-uuid", "%00"])
def test_a_malformed_id_is_a_json_404(same_org_api, name, bad_id):
    response = same_org_api.get(reverse(name, args=["x"]).replace("/x/", f"/{bad_id}/"))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
