"""API actors: OAuth clients bound to the fixed cast's organisations, and bearer-token test clients."""

import base64

import pytest
from django.test import Client
from django.urls import reverse

from leadership.api_clients import api_client_create
from leadership.models import ApiScope

ALL_SCOPES = list(ApiScope.values)


def request_token(client_id: str, secret: str, scope: str | None = None):
    """POST to the token endpoint with HTTP Basic client authentication, as a trust's system would."""
    credentials = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    data = {"grant_type": "client_credentials", **({"scope": scope} if scope else {})}
    return Client().post(reverse("api:oauth_token"), data, HTTP_AUTHORIZATION=f"Basic {credentials}")


def bearer_client(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def make_api_client():
    """make_api_client(organisation, scopes) -> (ApiClient, secret)."""

    def make(organisation, scopes=None, name="Workforce dashboard"):
        return api_client_create(actor=None, organisation=organisation, scopes=scopes or ALL_SCOPES,
                                 name=name)

    return make


@pytest.fixture
def api_for(make_api_client):
    """api_for(organisation, scopes) -> a test client holding a fresh token for a new client there."""

    def sign_in(organisation, scopes=None):
        client, secret = make_api_client(organisation, scopes)
        response = request_token(client.application.client_id, secret)
        assert response.status_code == 200, response.content
        return bearer_client(response.json()["access_token"])

    return sign_in


@pytest.fixture
def same_org_api(api_for, same_org):
    return api_for(same_org)


@pytest.fixture
def other_org_api(api_for, other_org):
    return api_for(other_org)


@pytest.fixture
def icb_api(api_for, icb):
    return api_for(icb)


def pytest_configure(config):
    config.addinivalue_line("markers", "schemathesis: fuzzes the API with schemathesis against a live server")
