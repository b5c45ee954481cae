"""The demo fills every API list: the demo HR admin, signed in on the portal, finds at least one row in
each list resource the API router serves, so a newcomer trying the API sees what each one holds. The one
list access keeps from HR admins (the very senior manager contracts register) is filled for the demo
national admin instead, and stays empty for the HR admin."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from leadership.api.urls import router
from leadership.demo import DEMO_PASSWORD
from tests.sign_in import post_security_code, post_sign_in, totp_code

pytestmark = pytest.mark.django_db

HR_ADMIN = "hr.admin@demo.nhs.uk"
NATIONAL_ADMIN = "national.admin@demo.nhs.uk"
NATIONAL_ONLY = {"senior-contract"}  # talentpool.access.senior_contracts: national admins only
LISTS = sorted(basename for _, viewset, basename in router.registry if hasattr(viewset, "list"))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, seeded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def _signed_in(email: str, django_db_blocker) -> Client:
    client = Client()
    with django_db_blocker.unblock():
        assert post_sign_in(client, email, DEMO_PASSWORD).status_code == 302
        assert post_security_code(client, totp_code()).status_code == 302
    return client


@pytest.fixture(scope="module")
def hr_admin(demo, django_db_blocker):
    """Signed in once per module: a TOTP code is accepted once in its window."""
    return _signed_in(HR_ADMIN, django_db_blocker)


@pytest.fixture(scope="module")
def national_admin(demo, django_db_blocker):
    return _signed_in(NATIONAL_ADMIN, django_db_blocker)


def test_the_router_serves_the_lists_this_test_walks():
    assert {"person", "organisation", "training-enrolment", "secondment", "broadcast"} <= set(LISTS)


def _rows(client, basename) -> list:
    response = client.get(reverse(f"api:{basename}-list"))
    assert response.status_code == 200, response.content[:300]
    return response.json()["results"]


@pytest.mark.parametrize("basename", sorted(set(LISTS) - NATIONAL_ONLY))
def test_the_demo_hr_admin_finds_rows_in_every_api_list(hr_admin, basename):
    assert _rows(hr_admin, basename), f"the demo leaves /api/v1/ {basename} empty for its HR admin"


@pytest.mark.parametrize("basename", sorted(NATIONAL_ONLY))
def test_the_national_only_lists_have_rows_for_the_national_admin_and_none_for_the_hr_admin(
        national_admin, hr_admin, basename):
    assert _rows(national_admin, basename), f"the demo leaves /api/v1/ {basename} empty"
    assert _rows(hr_admin, basename) == []
