"""HR admins create, rotate and revoke their organisation's API clients; the secret is shown once."""

import pytest
from django.urls import reverse

from leadership.models import ApiClient, SecurityEvent
from tests.api.conftest import request_token

pytestmark = pytest.mark.django_db


def create(client, **data):
    return client.post(reverse("api_client_list", args=["RT1"]),
                       {"name": "Workforce dashboard", "scopes": ["people:read"], **data})


def test_hr_admin_creates_a_client_and_sees_the_secret_once(client_for, same_org_hr_admin):
    client = client_for(same_org_hr_admin)
    response = create(client)
    secret = response.context["secret"]
    api_client = ApiClient.objects.get()
    assert (api_client.organisation.ods_code, api_client.scopes) == ("RT1", ["people:read"])
    assert secret in response.content.decode()
    assert request_token(api_client.application.client_id, secret).status_code == 200
    assert secret not in client.get(reverse("api_client_list", args=["RT1"])).content.decode()
    assert SecurityEvent.objects.filter(kind="api_client_created", actor=same_org_hr_admin).exists()


def test_a_client_needs_a_name_and_a_scope(client_for, same_org_hr_admin):
    response = create(client_for(same_org_hr_admin), name="", scopes=[])
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "scopes"}
    assert not ApiClient.objects.exists()


def test_an_unknown_scope_is_refused(client_for, same_org_hr_admin):
    response = create(client_for(same_org_hr_admin), scopes=["people:write"])
    assert "scopes" in response.context["form"].errors
    assert not ApiClient.objects.exists()


def test_rotating_asks_first_then_gives_a_new_secret_and_ends_the_old_one(client_for, same_org_hr_admin):
    client = client_for(same_org_hr_admin)
    old_secret = create(client).context["secret"]
    api_client = ApiClient.objects.get()
    url = reverse("api_client_rotate", args=[api_client.public_id])
    assert "a new secret?" in client.get(url).content.decode()
    new_secret = client.post(url).context["secret"]
    client_id = api_client.application.client_id
    assert request_token(client_id, old_secret).status_code == 401
    assert request_token(client_id, new_secret).status_code == 200
    assert SecurityEvent.objects.filter(kind="api_client_rotated", actor=same_org_hr_admin).exists()


def test_revoking_asks_first_then_stops_the_client(client_for, same_org_hr_admin):
    client = client_for(same_org_hr_admin)
    secret = create(client).context["secret"]
    api_client = ApiClient.objects.get()
    url = reverse("api_client_revoke", args=[api_client.public_id])
    assert client.get(url).status_code == 200
    api_client.refresh_from_db()
    assert not api_client.revoked
    client.post(url)
    api_client.refresh_from_db()
    assert api_client.revoked
    assert request_token(api_client.application.client_id, secret).status_code == 401


def test_a_manager_cannot_manage_api_clients(client_for, same_org_manager):
    response = create(client_for(same_org_manager))
    assert response.status_code == 404
    assert not ApiClient.objects.exists()
