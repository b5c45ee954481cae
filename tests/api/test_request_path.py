"""The fixed costs of an API request (issue 18, item 2): one Redis round trip for the throttle, and
no session, CSRF, sign-in or message work for a request that carries a bearer token."""

import pytest
import redis
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leadership.api.auth import ApiClientRateThrottle
from leadership.models import ApiClient

pytestmark = pytest.mark.django_db

PEOPLE = "api:person-list"


@pytest.fixture
def redis_commands(monkeypatch):
    """Every command this process sends to Redis, as (name, first key): the real server answers."""
    sent = []
    original = redis.Redis.execute_command

    def counted(self, *args, **options):
        sent.append(args)
        return original(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", counted)
    return sent


def throttle_key(client) -> str:
    return cache.make_and_validate_key(ApiClientRateThrottle.cache_format % {
        "scope": "api", "ident": f"client-{client.application_id}"})


def test_the_throttle_costs_one_redis_round_trip_a_request(api_for, same_org, redis_commands):
    api = api_for(same_org)
    key = throttle_key(ApiClient.objects.latest("created_at"))
    assert api.get(reverse(PEOPLE)).status_code == 200
    redis_commands.clear()
    assert api.get(reverse(PEOPLE)).status_code == 200
    touching_the_budget = [command for command in redis_commands if key in command]
    assert [command[0] for command in touching_the_budget] == ["EVALSHA"]


def test_the_budget_slides_and_retry_after_says_when_a_place_frees(api_for, same_org, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": "2/min"}}
    api = api_for(same_org)
    key = throttle_key(ApiClient.objects.latest("created_at"))
    cache.delete(ApiClientRateThrottle.cache_format % {
        "scope": "api", "ident": f"client-{ApiClient.objects.latest('created_at').application_id}"})
    assert [api.get(reverse(PEOPLE)).status_code for _ in range(3)] == [200, 200, 429]
    refused = api.get(reverse(PEOPLE))
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 60
    # A refused request takes no place: the log still holds the two that were let through.
    client = cache._cache.get_client(key)
    assert client.zcard(key) == 2
    # Once the oldest entry is over a minute old, one more request is let through.
    oldest_member, oldest_score = client.zrange(key, 0, 0, withscores=True)[0]
    client.zadd(key, {oldest_member: oldest_score - 61})
    assert api.get(reverse(PEOPLE)).status_code == 200


def test_a_bearer_request_reads_no_session_and_sets_no_cookie(api_for, same_org, same_org_hr_admin,
                                                              client_for):
    api = api_for(same_org)
    api.get(reverse(PEOPLE))  # the token is now cached
    # The same test client also holds a signed-in browser session: the bearer token alone counts.
    browser = client_for(same_org_hr_admin)
    api.cookies = browser.cookies
    with CaptureQueriesContext(connection) as queries:
        response = api.get(reverse(PEOPLE))
    assert response.status_code == 200 and not response.cookies
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "django_session" not in tables and "usersessions" not in tables
    assert "csrftoken" not in response.cookies and "messages" not in response.cookies


def test_a_bad_bearer_token_is_refused_even_beside_a_signed_in_session(api_for, same_org,
                                                                       same_org_hr_admin, client_for):
    browser = client_for(same_org_hr_admin)
    assert browser.get(reverse(PEOPLE)).status_code == 200  # the browser's own use of the API
    response = browser.get(reverse(PEOPLE), HTTP_AUTHORIZATION="Bearer not-a-token")
    assert response.status_code == 401
    assert browser.get(reverse(PEOPLE)).status_code == 200  # and the session is untouched


@pytest.mark.parametrize(("accept", "content_type"), [
    (None, "application/json"),
    ("*/*", "application/json"),
    ("application/json", "application/json"),
    ("text/csv", "text/csv; charset=utf-8"),
    ("text/html, application/json", "application/json"),
])
def test_content_negotiation_answers_each_accept_as_drf_would(api_for, same_org, accept, content_type):
    api = api_for(same_org)
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    response = api.get(reverse(PEOPLE), **headers)
    assert response.status_code == 200 and response["Content-Type"] == content_type
