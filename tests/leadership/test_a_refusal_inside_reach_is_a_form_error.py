"""A rule broken inside the actor's reach is a form error in the NHS error summary, not a flash
message after a redirect: giving a revoked API client a new secret."""

import pytest
from django.urls import reverse

from leadership import api_clients
from leadership.models import ApiClient

pytestmark = pytest.mark.django_db


def test_rotating_a_revoked_client_shows_the_refusal_on_the_confirm_page(
    client_for, same_org_hr_admin, same_org
):
    client, _ = api_clients.api_client_create(actor=same_org_hr_admin, organisation=same_org,
                                              name="Workforce dashboard", scopes=["people:read"])
    api_clients.api_client_revoke(actor=same_org_hr_admin, client=client)
    old_secret_hash = ApiClient.objects.get(id=client.id).application.client_secret
    response = client_for(same_org_hr_admin).post(reverse("api_client_rotate", args=[client.public_id]))
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"A revoked client cannot be given a new secret." in response.content
    assert ApiClient.objects.get(id=client.id).application.client_secret == old_secret_hash
