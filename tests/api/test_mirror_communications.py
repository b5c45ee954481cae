"""Mirroring broadcasts and board threads: a full pull, then updated_since plus the deletions feed,
equals a fresh pull after creates, updates and deletes. Broadcasts carry read rates for the client's
own organisations only, with small numbers hidden for the trusts under an ICB."""

import pytest
from django.urls import reverse

from communications import services
from communications.models import Board, BoardThread, BroadcastCategory
from leadership.models import OrganisationKind, Role
from tests.api.mirror import Mirror
from tests.factories import OrganisationFactory, user_with_person

pytestmark = pytest.mark.django_db(transaction=True)
COMMS = ["communications:read"]


@pytest.fixture
def nhs():
    national = OrganisationFactory(ods_code="X24", kind=OrganisationKind.NATIONAL_BODY)
    icb = OrganisationFactory(ods_code="QZ1", kind=OrganisationKind.ICB)
    trust = OrganisationFactory(ods_code="RZ1", parent=icb)
    elsewhere = OrganisationFactory(ods_code="RZ9")
    return {
        "admin": user_with_person(national, role=Role.NATIONAL_ADMIN),
        "national": national,
        "icb": icb,
        "trust": trust,
        "elsewhere": elsewhere,
        "trust_hr": user_with_person(trust, role=Role.HR_ADMIN),
    }


def _national(nhs, **audience):
    return services.broadcast_send(
        actor=nhs["admin"],
        sender_organisation=nhs["national"],
        title="News",
        body="Body",
        category=BroadcastCategory.ACTION_REQUIRED,
        **audience,
    )


def _local(nhs, title="Local"):
    return services.broadcast_send(
        actor=nhs["trust_hr"],
        sender_organisation=nhs["trust"],
        title=title,
        body="Ours",
        category=BroadcastCategory.NEWS,
    )


def test_a_broadcast_mirror_stays_exact(api_for, nhs):
    everyone, theirs = _national(nhs, everyone=True), _national(nhs, organisations=[nhs["elsewhere"]])
    own, doomed_own, doomed_everyone = _local(nhs), _local(nhs, "Doomed"), _national(nhs, everyone=True)
    mirror = Mirror(api_for(nhs["trust"], COMMS), "broadcasts", "api:broadcast-list")
    assert set(mirror.rows) == {str(b.public_id) for b in (everyone, own, doomed_own, doomed_everyone)}
    assert str(theirs.public_id) not in mirror.rows

    services.broadcast_withdraw(actor=nhs["trust_hr"], broadcast=own)
    _local(nhs, "New")
    doomed = {str(doomed_own.public_id), str(doomed_everyone.public_id)}
    doomed_own.delete()  # from the Django admin
    doomed_everyone.delete()
    theirs.delete()  # never this client's business

    assert mirror.catch_up() == doomed
    mirror.assert_exact()


def test_rates_are_the_clients_own_exact_and_hidden_when_small_for_an_icb(api_for, nhs):
    staff = [user_with_person(nhs["trust"]) for _ in range(6)]
    action = _national(nhs, organisation_kinds=[OrganisationKind.NHS_TRUST])
    for user in staff[:2]:
        services.broadcast_acknowledge(actor=user, broadcast=action)
    url = reverse("api:broadcast-detail", args=[action.public_id])

    [trust_rate] = api_for(nhs["trust"], COMMS).get(url).json()["rates"]
    assert trust_rate == {
        "organisation": "RZ1",
        "audience": 7,
        "read": 2,
        "acknowledged": 2,
        "read_hidden": None,
        "acknowledged_hidden": None,
    }
    [icb_view] = api_for(nhs["icb"], COMMS).get(url).json()["rates"]
    assert icb_view["read"] is None and icb_view["read_hidden"] == "rate"
    assert api_for(nhs["elsewhere"], COMMS).get(url).json()["rates"] == []


def test_a_board_mirror_stays_exact_and_never_shows_a_hidden_post(api_for, nhs):
    services.boards_ensure()
    board = Board.objects.get(slug="holding-to-account")
    writer, moderator = nhs["trust_hr"], nhs["admin"]
    kept = services.thread_create(actor=writer, board=board, title="Kept", body="Kept text")
    doomed = services.thread_create(actor=writer, board=board, title="Doomed", body="Doomed text")
    mirror = Mirror(api_for(nhs["elsewhere"], COMMS), "boards", "api:board-thread-list")
    assert set(mirror.rows) == {str(kept.public_id), str(doomed.public_id)}

    reply = services.reply_create(actor=moderator, thread=kept, body="A reply")
    services.post_moderate(actor=moderator, post=reply, hide=True, reason="Off topic")
    services.thread_create(actor=moderator, board=board, title="Fresh", body="Fresh text")
    doomed_id = str(doomed.public_id)
    BoardThread.objects.filter(pk=doomed.pk).delete()

    assert mirror.catch_up() == {doomed_id}
    mirror.assert_exact()
    assert [post["body"] for post in mirror.rows[str(kept.public_id)]["posts"]] == ["Kept text"]
