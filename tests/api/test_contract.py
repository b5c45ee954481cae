"""The API keeps the contract its schema states: a request the schema allows is never a 400, and
every path under /api/, whatever its characters or method, answers JSON in the one error shape.

Walks every list and feed through the isolation cases, so a new list is checked without a line here.
"""

import base64
import json
import uuid
from datetime import UTC, datetime
from urllib.parse import quote, urlsplit

import pytest
from django.test import RequestFactory
from django.urls import resolve, reverse

from leadership.api import errors
from leadership.api.pagination import BAD_CURSOR, KeysetPagination
from tests.api.test_api_isolation import CASES, world  # noqa: F401  (world is a fixture)

pytestmark = pytest.mark.django_db

JSON = "application/json"


def _keyset_paginated(url: str) -> bool:
    """Whether the route behind the URL pages with our keyset cursor (list actions and feeds)."""
    match = resolve(urlsplit(url).path)
    actions = getattr(match.func, "actions", None)
    if actions is not None and actions.get("get") != "list":
        return False  # a detail, or an export, which streams every row and takes no cursor
    view = getattr(match.func, "cls", None) or match.func.view_class
    return issubclass(getattr(view, "pagination_class", None) or type(None), KeysetPagination)


def _with(url: str, query: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{query}"


@pytest.fixture
def lists(request, world):  # noqa: F811
    """(name, url, api client) for every paginated list and feed the isolation cases know."""
    found = []
    for name, (kind, url) in sorted(CASES.items()):
        if _keyset_paginated(url(world)):
            api = request.getfixturevalue("icb_api" if kind == "footprint" else "same_org_api")
            found.append((name, url(world), api))
    return found


def test_the_walk_finds_every_kind_of_paginated_route(lists):
    names = {name for name, _, _ in lists}
    # Every router list and every deletion feed, in every feature area.
    assert names == {name for name in CASES if name.endswith("-list") or "deletion" in name}
    assert {"api:person-list", "api:deletion-list", "api:training-record-deletions"} <= names


def test_an_empty_cursor_is_the_first_page_on_every_list_and_feed(lists):
    for name, url, api in lists:
        first = api.get(url)
        empty = api.get(_with(url, "cursor="))
        assert empty.status_code == first.status_code == 200, (name, empty.content)
        assert empty.json()["results"] == first.json()["results"], name


def test_an_empty_cursor_then_the_next_link_walks_every_row(same_org_api, world):  # noqa: F811
    url = reverse("api:person-list")
    everyone = {row["id"] for row in same_org_api.get(url, {"page_size": 1000}).json()["results"]}
    seen, page = [], same_org_api.get(url, {"cursor": "", "page_size": 1}).json()
    while True:
        seen += [row["id"] for row in page["results"]]
        if page["next"] is None:
            break
        page = same_org_api.get(page["next"]).json()
    assert len(everyone) > 1 and sorted(seen) == sorted(everyone)


def test_a_cursor_the_api_did_not_issue_is_a_json_404_on_every_list_and_feed(lists):
    forged = KeysetPagination.encode_cursor(datetime(2025, 1, 1, tzinfo=UTC), "not-a-uuid")
    for name, url, api in lists:
        response = api.get(_with(url, f"cursor={forged}"))
        assert response.status_code == 404, (name, response.content)
        assert response["Content-Type"] == JSON
        assert response.json() == {"detail": BAD_CURSOR, "errors": {}}


@pytest.mark.parametrize("cursor", [
    "garbage", "cD0yMDI0", "cD1ub3QtYS1kYXRl", "%00", " ", "\u202e", "😀",
    KeysetPagination.encode_cursor(datetime(2025, 1, 1, tzinfo=UTC), "not-a-uuid"),
    base64.b64encode(b"2025-01-01T00:00:00+00:00").decode(),
    base64.b64encode(f"2025-01-01T00:00:00|{uuid.uuid4()}".encode()).decode(),  # no offset: not ours
])
def test_a_forged_cursor_is_a_json_404_that_shows_nothing(same_org_api, world, cursor):  # noqa: F811
    response = same_org_api.get(reverse("api:person-list") + f"?cursor={quote(cursor, safe='%')}")
    assert response.status_code == 404
    assert response.json() == {"detail": BAD_CURSOR, "errors": {}}


ODD = ["\n", "a\nb", "\r", "\t", "\x00", "\x7f", "\u0085", "\u2028", "\u202e", "\u200b", "\ufeff", "😀",
       "\u0130", "\ufb00", "\u212a", "%", "..", "\\", "%ff", "%c0%af", "a b", "?"]


@pytest.mark.parametrize("odd", ODD, ids=[repr(odd) for odd in ODD])
@pytest.mark.parametrize("template", [
    "/api/v1/dashboards/footprints/{}/", "/api/v1/dashboards/organisations/{}/", "/api/v1/{}/",
    "/api/{}", "/api/v1/people/{}/x/",
])
def test_odd_characters_anywhere_under_api_answer_json(client, same_org_api, template, odd):
    encoded = odd if odd.startswith("%") and odd != "%" else quote(odd, safe="")
    path = template.format(encoded)
    for api in (client, same_org_api):
        response = api.get(path)
        assert response.status_code == 404, (path, response.status_code)
        assert response["Content-Type"] == JSON
        assert set(response.json()) == {"detail", "errors"}


@pytest.mark.parametrize("path", ["/api/", "/api/nothing", "/api/v1/", "/api/v1/people/x/y/z/",
                                  "/api/oauth/", "/api/v1/dashboards/footprints/"])
def test_an_unknown_api_path_is_a_json_404_for_anyone(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == JSON
    assert response.json() == {"detail": errors.NOT_FOUND, "errors": {}}


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE", "TRACE", "PROPFIND", "FOO"])
def test_any_method_on_an_unknown_api_path_is_a_json_404(client, method):
    response = client.generic(method, "/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"] == JSON


@pytest.mark.parametrize("method", ["PUT", "DELETE", "TRACE", "FOO"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_a_method_a_route_does_not_allow_is_a_json_405(same_org_api, world, name, method):  # noqa: F811
    response = same_org_api.generic(method, CASES[name][1](world))
    assert response.status_code == 405, response.content
    assert response["Content-Type"] == JSON
    assert set(response.json()) == {"detail", "errors"}


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "FOO"])
def test_the_token_endpoint_refuses_other_methods_with_a_json_405(client, method):
    response = client.generic(method, reverse("api:oauth_token"))
    assert response.status_code == 405
    assert response["Content-Type"] == JSON
    assert response["Allow"] == "POST, OPTIONS"
    assert set(response.json()) == {"detail", "errors"}


@pytest.mark.parametrize("name", ["api:schema", "api:docs"])
def test_the_schema_and_its_docs_answer_errors_in_json(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 401
    assert response["Content-Type"] == JSON
    assert set(response.json()) == {"detail", "errors"}


def test_a_server_error_under_api_is_json_and_a_page_elsewhere():
    api = errors.server_error(RequestFactory().get("/api/v1/people/"))
    assert api.status_code == 500 and api["Content-Type"] == JSON
    assert set(json.loads(api.content)) == {"detail", "errors"} and api["Cache-Control"] == "no-store"
    page = errors.server_error(RequestFactory().get("/people/"))
    assert page.status_code == 500 and page["Content-Type"].startswith("text/html")


def test_a_page_outside_api_keeps_the_html_404(client):
    response = client.get("/no-such-page/\u202e/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert b"Page not found" in response.content
