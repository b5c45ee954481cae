"""Unsafe requests need a CSRF token, and ids in a write cannot point at another organisation."""

import io

import pytest
from django.test import Client
from django.urls import reverse

from leadership.models import PeopleImport
from tests.factories import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def signed_in_csrf_client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_sign_in_without_a_csrf_token_is_refused(same_org_manager):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": same_org_manager.email,
                                                "password": DEMO_PASSWORD})
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
