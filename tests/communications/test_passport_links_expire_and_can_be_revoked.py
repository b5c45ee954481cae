"""A manager shares their leadership passport with another NHS trust by a time-limited link they can
revoke: the token is stored hashed, the link opens only for the receiving trust's staff, and an
expired or revoked link shows nothing of the passport."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from communications.models import PassportShare
from communications.models.passport import token_hash
from communications.passport import services
from tests.factories import PersonFactory, user_with_person

pytestmark = pytest.mark.django_db


def _share(client, person, recipient, days=7) -> str:
    """Create a link through the page; returns the link's path."""
    response = client.post(
        reverse("communications:passport_share", args=[person.public_id]),
        {"recipient": recipient.pk, "days": days},
    )
    assert response.status_code == 200, response.content
    return re.search(rb'/communications/passport/shared/[^/"]+/', response.content).group().decode()


def test_the_link_is_shown_once_and_only_its_hash_is_stored(client_for, same_org_manager, new_trust):
    path = _share(client_for(same_org_manager), same_org_manager.person, new_trust)
    token = path.rstrip("/").rsplit("/", 1)[1]
    share = PassportShare.objects.get()
    assert share.token_hash == token_hash(token) and token not in share.token_hash
    assert share.recipient == new_trust and share.created_by == same_org_manager
    assert timedelta(days=6, hours=23) < share.expires_at - timezone.now() <= timedelta(days=7)


def test_the_receiving_trusts_staff_open_it_and_nobody_else_does(
    client_for, same_org_manager, new_trust, new_trust_hr_admin, other_org_hr_admin
):
    path = _share(client_for(same_org_manager), same_org_manager.person, new_trust)
    response = client_for(new_trust_hr_admin).get(path)
    assert response.status_code == 200 and b"Morgan Manager" in response.content
    newcomer = user_with_person(new_trust, first_name="Staffy", last_name="Member")
    assert client_for(newcomer).get(path).status_code == 200
    assert client_for(other_org_hr_admin).get(path).status_code == 404
    assert client_for(new_trust_hr_admin).get(path[:-5] + "xxxx/").status_code == 404


def test_an_expired_link_shows_nothing_of_the_passport(
    client_for, same_org_manager, new_trust, new_trust_hr_admin
):
    path = _share(client_for(same_org_manager), same_org_manager.person, new_trust, days=3)
    with time_machine.travel(timezone.now() + timedelta(days=3, minutes=1)):
        response = client_for(new_trust_hr_admin).get(path)
    assert response.status_code == 410
    assert b"This passport link has expired" in response.content and b"Morgan" not in response.content


def test_a_link_still_opens_on_its_last_day(client_for, same_org_manager, new_trust, new_trust_hr_admin):
    path = _share(client_for(same_org_manager), same_org_manager.person, new_trust, days=3)
    with time_machine.travel(timezone.now() + timedelta(days=2, hours=23)):
        assert client_for(new_trust_hr_admin).get(path).status_code == 200


def test_the_manager_revokes_the_link_and_it_stops_working_at_once(
    client_for, same_org_manager, new_trust, new_trust_hr_admin
):
    client = client_for(same_org_manager)
    path = _share(client, same_org_manager.person, new_trust)
    share = PassportShare.objects.get()
    passport_page = client.get(reverse("communications:passport", args=[same_org_manager.person.public_id]))
    revoke_url = reverse("communications:passport_share_revoke", args=[share.public_id])
    assert revoke_url.encode() in passport_page.content
    assert client.post(revoke_url, {}).status_code == 200  # not confirmed: a form error, nothing done
    share.refresh_from_db()
    assert share.revoked_at is None
    assert client.post(revoke_url, {"confirm": "on"}).status_code == 302
    share.refresh_from_db()
    assert share.revoked_at is not None and share.revoked_by == same_org_manager
    response = client_for(new_trust_hr_admin).get(path)
    assert (
        response.status_code == 410 and b"revoked" in response.content and b"Morgan" not in response.content
    )


def test_another_trusts_hr_admin_cannot_revoke(client_for, same_org_manager, new_trust, new_trust_hr_admin):
    _share(client_for(same_org_manager), same_org_manager.person, new_trust)
    share = PassportShare.objects.get()
    url = reverse("communications:passport_share_revoke", args=[share.public_id])
    assert client_for(new_trust_hr_admin).post(url, {"confirm": "on"}).status_code == 404
    share.refresh_from_db()
    assert share.revoked_at is None


def test_a_link_for_ones_own_trust_or_too_long_is_a_form_error(
    client_for, same_org_manager, same_org, new_trust
):
    client = client_for(same_org_manager)
    url = reverse("communications:passport_share", args=[same_org_manager.person.public_id])
    own = client.post(url, {"recipient": same_org.pk, "days": 7})
    too_long = client.post(url, {"recipient": new_trust.pk, "days": 91})
    assert b"nhsuk-error-summary" in own.content and b"nhsuk-error-summary" in too_long.content
    assert not PassportShare.objects.exists()


def test_a_colleague_cannot_share_someone_elses_passport(client_for, same_org, new_trust):
    colleague = user_with_person(same_org, first_name="Nosy", last_name="Colleague")
    target = PersonFactory(organisation=same_org)
    response = client_for(colleague).get(reverse("communications:passport_share", args=[target.public_id]))
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.passport_share_create(actor=colleague, person=target, recipient=new_trust, days=7)
    assert not PassportShare.objects.exists()
