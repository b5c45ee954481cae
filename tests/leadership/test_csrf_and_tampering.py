"""Unsafe requests need a CSRF token, and ids in a write cannot point at another organisation."""

import io

import pytest
from django.test import Client
from django.urls import reverse

from leadership.models import PeopleImport
from tests.sign_in import post_sign_in

pytestmark = pytest.mark.django_db


def signed_in_csrf_client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_sign_in_without_a_csrf_token_is_refused(same_org_manager):
    client = Client(enforce_csrf_checks=True)
    response = post_sign_in(client, same_org_manager.email)
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_sign_out_without_a_csrf_token_is_refused(same_org_manager):
    client = signed_in_csrf_client(same_org_manager)
    assert client.post("/accounts/logout/").status_code == 403
    assert client.session.get("_auth_user_id") == str(same_org_manager.pk)


def test_import_upload_without_a_csrf_token_is_refused(client_for, same_org_hr_admin):
    client_for(same_org_hr_admin)  # enrols MFA
    client = signed_in_csrf_client(same_org_hr_admin)
    upload = io.BytesIO(b"Employee Number,First Name,Last Name,Organisation Code\n1,A,B,RT1\n")
    upload.name = "staff.csv"
    response = client.post(reverse("people_import_new", args=["RT1"]), {"file": upload})
    assert response.status_code == 403
    assert not PeopleImport.objects.exists()


def test_an_organisation_id_sent_with_an_upload_is_ignored(client_for, same_org_hr_admin, other_org):
    upload = io.BytesIO(b"Employee Number,First Name,Last Name,Organisation Code\n1,A,B,RT1\n")
    upload.name = "staff.csv"
    client_for(same_org_hr_admin).post(reverse("people_import_new", args=["RT1"]),
                                       {"file": upload, "organisation": other_org.pk,
                                        "organisation_id": other_org.pk})
    assert PeopleImport.objects.get().organisation.ods_code == "RT1"


@pytest.mark.parametrize("route", ["api_client_list", "api_client_rotate", "api_client_revoke",
                                   "notification_open"])
def test_every_other_unsafe_form_refuses_a_request_without_a_csrf_token(client_for, same_org_hr_admin,
                                                                       route):
    from leadership.api_clients import api_client_create
    from leadership.models import ApiClient, Notification
    from tests.factories import NotificationFactory

    client_for(same_org_hr_admin)  # enrols MFA
    api_client, _ = api_client_create(actor=None, organisation=same_org_hr_admin.person.organisation,
                                      scopes=["people:read"], name="Dashboard")
    notification = NotificationFactory(recipient=same_org_hr_admin)
    args = {"api_client_list": ["RT1"], "notification_open": [notification.public_id]}.get(
        route, [api_client.public_id])
    before = (ApiClient.objects.count(), list(ApiClient.objects.values_list("revoked_at", "updated_at")))
    response = signed_in_csrf_client(same_org_hr_admin).post(
        reverse(route, args=args), {"name": "Sneaky", "scopes": ["people:read"]})
    assert response.status_code == 403
    assert (ApiClient.objects.count(),
            list(ApiClient.objects.values_list("revoked_at", "updated_at"))) == before
    assert Notification.objects.get(id=notification.id).read_at is None
