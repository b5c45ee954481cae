"""Client credentials: tokens carry only the client's scopes, last an hour, and die with the client."""

import hashlib

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oauth2_provider.models import AccessToken

from leadership.api.auth import token_cache_key
from leadership.api_clients import api_client_create, api_client_revoke, api_client_rotate
from leadership.models import SecurityEvent
from tests.api.conftest import bearer_client, request_token

pytestmark = pytest.mark.django_db

def people_url():
    return reverse("api:person-list")


def test_a_client_gets_a_bearer_token_with_its_own_scopes(make_api_client, same_org):
    client, secret = make_api_client(same_org, ["people:read", "organisations:read"])
    response = request_token(client.application.client_id, secret)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert set(body["scope"].split()) == {"people:read", "organisations:read"}
    assert "refresh_token" not in body


def test_a_token_lasts_at_most_one_hour(make_api_client, same_org):
    client, secret = make_api_client(same_org, ["people:read"])
    before = timezone.now()
    body = request_token(client.application.client_id, secret).json()
    assert body["expires_in"] <= 3600
    token = AccessToken.objects.get(application=client.application)
    assert (token.expires - before).total_seconds() <= 3600 + 5


def test_a_client_may_ask_for_fewer_scopes(make_api_client, same_org):
    client, secret = make_api_client(same_org, ["people:read", "organisations:read"])
    body = request_token(client.application.client_id, secret, scope="organisations:read").json()
    assert body["scope"] == "organisations:read"


def test_a_client_cannot_ask_for_a_scope_it_does_not_hold(make_api_client, same_org):
    client, secret = make_api_client(same_org, ["organisations:read"])
    response = request_token(client.application.client_id, secret, scope="organisations:read people:read")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"
    assert not AccessToken.objects.filter(application=client.application).exists()


def test_a_wrong_secret_gets_no_token(make_api_client, same_org):
    client, _ = make_api_client(same_org, ["people:read"])
    response = request_token(client.application.client_id, "not-the-secret")
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_the_secret_is_stored_hashed(make_api_client, same_org):
    client, secret = make_api_client(same_org, ["people:read"])
    client.application.refresh_from_db()
    assert secret not in client.application.client_secret
    assert client.application.client_secret.startswith(("pbkdf2", "md5", "argon2", "bcrypt", "scrypt"))


def test_tokens_are_not_stored_in_plain_text(make_api_client, same_org):
    client, secret = make_api_client(same_org, ["people:read"])
    issued = request_token(client.application.client_id, secret).json()["access_token"]
    assert not AccessToken.objects.filter(token=issued).exists()


def test_a_revoked_client_gets_no_token(make_api_client, same_org):
    client, secret = make_api_client(same_org, ["people:read"])
    api_client_revoke(actor=None, client=client)
    response = request_token(client.application.client_id, secret)
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_a_revoked_clients_tokens_stop_working(make_api_client, same_org):
    client, secret = make_api_client(same_org, ["people:read"])
    api = bearer_client(request_token(client.application.client_id, secret).json()["access_token"])
    assert api.get(people_url()).status_code == 200
    api_client_revoke(actor=None, client=client)
    response = api.get(people_url())
    assert response.status_code == 401
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.API_CLIENT_REVOKED).exists()


def test_a_token_of_a_revoked_client_is_refused_even_if_it_survived(make_api_client, same_org):
    """GIVEN a token that was somehow kept WHEN its client is marked revoked THEN it is refused."""
    client, secret = make_api_client(same_org, ["people:read"])
    api = bearer_client(request_token(client.application.client_id, secret).json()["access_token"])
    assert api.get(people_url()).status_code == 200  # the token is now in the cache
    client.revoked_at = timezone.now()
    client.save(update_fields=["revoked_at"])
    assert api.get(people_url()).status_code == 401


def test_rotating_the_secret_ends_old_tokens_and_the_old_secret(make_api_client, same_org):
    client, old_secret = make_api_client(same_org, ["people:read"])
    api = bearer_client(request_token(client.application.client_id, old_secret).json()["access_token"])
    assert api.get(people_url()).status_code == 200  # the token is now in the cache
    new_secret = api_client_rotate(actor=None, client=client)
    assert api.get(people_url()).status_code == 401
    assert request_token(client.application.client_id, old_secret).status_code == 401
    assert request_token(client.application.client_id, new_secret).status_code == 200


def test_an_expired_token_is_refused(make_api_client, same_org):
    client, secret = make_api_client(same_org, ["people:read"])
    api = bearer_client(request_token(client.application.client_id, secret).json()["access_token"])
    AccessToken.objects.filter(application=client.application).update(expires=timezone.now())
    response = api.get(people_url())
    assert response.status_code == 401
    assert "invalid_token" in response["WWW-Authenticate"]


def test_a_token_in_the_query_string_is_not_accepted(make_api_client, same_org):
    client, secret = make_api_client(same_org, ["people:read"])
    token = request_token(client.application.client_id, secret).json()["access_token"]
    assert Client().get(people_url(), {"access_token": token}).status_code == 401


def test_creating_a_client_is_a_security_event(make_api_client, same_org):
    client, secret = make_api_client(same_org, ["people:read"])
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.API_CLIENT_CREATED)
    assert "RT1" in event.detail and client.application.client_id in event.detail
    assert secret not in event.detail


def test_an_hr_admin_of_another_organisation_cannot_create_a_client(same_org, other_org_hr_admin):
    with pytest.raises(PermissionDenied):
        api_client_create(actor=other_org_hr_admin, organisation=same_org, scopes=["people:read"],
                          name="Intruder")


def test_the_token_endpoint_refuses_other_grants(make_api_client, same_org):
    client, secret = make_api_client(same_org, ["people:read"])
    response = Client().post(reverse("api:oauth_token"), {
        "grant_type": "password", "username": "x", "password": "y",
        "client_id": client.application.client_id, "client_secret": secret,
    })
    assert response.status_code in {400, 401}


def test_a_token_is_looked_up_in_the_database_once_then_read_from_redis(make_api_client, same_org):
    client, secret = make_api_client(same_org, ["people:read"])
    token = request_token(client.application.client_id, secret).json()["access_token"]
    api = bearer_client(token)
    with CaptureQueriesContext(connection) as first:
        assert api.get(people_url()).status_code == 200
    assert cache.get(token_cache_key(hashlib.sha256(token.encode()).hexdigest())) is not None
    with CaptureQueriesContext(connection) as second:
        assert api.get(people_url()).status_code == 200
    token_reads = [q for q in first.captured_queries + second.captured_queries
                   if "oauth2_provider_accesstoken" in q["sql"]]
    assert len(token_reads) == 1


def test_a_deleted_token_fails_on_the_very_next_request(make_api_client, same_org):
    """Deleting a token in any way (here as `cleartokens` does) forgets its cached copy at once."""
    client, secret = make_api_client(same_org, ["people:read"])
    api = bearer_client(request_token(client.application.client_id, secret).json()["access_token"])
    assert api.get(people_url()).status_code == 200
    AccessToken.objects.filter(application=client.application).delete()
    assert api.get(people_url()).status_code == 401
