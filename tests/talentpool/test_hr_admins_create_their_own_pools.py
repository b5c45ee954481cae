"""HR admins create their organisation's own pools."""

import pytest
from django.urls import reverse

from talentpool.models import TalentPool

pytestmark = pytest.mark.django_db


def test_an_hr_admin_creates_a_pool_of_their_own_and_a_duplicate_name_is_refused(
        client_for, same_org_hr_admin, same_org):
    client = client_for(same_org_hr_admin)
    url = reverse("talentpool:pool_new")
    data = {"organisation": same_org.pk, "name": "Aspiring ward managers", "description": "Band 6 to 7"}
    response = client.post(url, data)
    pool = TalentPool.objects.get(name="Aspiring ward managers")
    assert response.url == reverse("talentpool:pool_detail", args=[pool.public_id])
    assert pool.owner == same_org
    again = client.post(url, {**data, "name": "aspiring WARD managers"})
    assert again.status_code == 200 and "already exists" in again.content.decode()
    assert TalentPool.objects.filter(name__iexact="aspiring ward managers").count() == 1


def test_a_manager_without_an_hr_role_cannot_create_a_pool(client_for, same_org_manager):
    assert client_for(same_org_manager).get(reverse("talentpool:pool_new")).status_code == 404
