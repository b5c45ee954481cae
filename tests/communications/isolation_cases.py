"""Isolation cases for communications' broadcasts and boards (see tests/isolation_registry.py).

The world's broadcast is the same organisation's own, to its own staff: another organisation never
sees it. Boards are NHS-wide, so their pages are lists every organisation opens: the world's thread is
written by someone in a third trust, and must never carry the same organisation's markers either.
"""

from django.urls import reverse
from django.utils import timezone

from communications import services
from communications.models import Board, BoardThread, Broadcast, BroadcastCategory
from tests.communications import handbook_isolation_cases as handbook
from tests.factories import OrganisationFactory, user_with_person
from tests.isolation_registry import EVERYONE, TRUST_ADMINS


def build_world(world: dict) -> None:
    # Written as the same organisation's HR admin would (not every world holds that user).
    broadcast = Broadcast.objects.create(
        sender_organisation=world["same_org"],
        title="Ward rota changes",
        body="Check the **new** rota.",
        category=BroadcastCategory.ACTION_REQUIRED,
        publish_at=timezone.now(),
    )
    broadcast.organisations.set([world["same_org"]])
    broadcast.reach.set([world["same_org"]])
    world["broadcast"] = broadcast
    services.boards_ensure()  # a transactional test before this one flushed the migration's boards
    third = OrganisationFactory(ods_code="RZ7", name="Third Valley NHS Trust")
    writer = user_with_person(third, first_name="Bea", last_name="Writer")
    thread = services.thread_create(
        actor=writer,
        board=Board.objects.get(slug="engaging-the-team"),
        title="Huddles that work",
        body="Ten minutes, standing up.",
        tags=["huddle"],
    )
    world["board_thread"] = thread
    world["board_post"] = thread.posts.get()
    handbook.build_world(world)


def _url(name, key=None):
    return lambda w: reverse(name, args=[w[key].public_id] if key else None)


PAGE_CASES = {
    "communications:broadcast_feed": ("list", _url("communications:broadcast_feed")),
    "communications:broadcast_sent": ("list", _url("communications:broadcast_sent")),
    "communications:broadcast_export": ("list", _url("communications:broadcast_export")),
    "communications:broadcast_new": ("list", _url("communications:broadcast_new")),
    # The acknowledgement form lives on the broadcast's page.
    "communications:broadcast_detail": ("object", _url("communications:broadcast_detail", "broadcast")),
    "communications:broadcast_rates": ("object", _url("communications:broadcast_rates", "broadcast")),
    "communications:broadcast_cascade": ("object", _url("communications:broadcast_cascade", "broadcast")),
    "communications:broadcast_withdraw": ("object", _url("communications:broadcast_withdraw", "broadcast")),
    "communications:board_list": ("list", _url("communications:board_list")),
    "communications:board_search": ("list", lambda w: reverse("communications:board_search") + "?q=huddles"),
    "communications:board_detail": (
        "list",
        lambda w: reverse("communications:board_detail", args=[w["board_thread"].board.slug]),
    ),
    "communications:thread_new": ("list", _url("communications:thread_new")),
    "communications:moderation_queue": ("national", _url("communications:moderation_queue")),
    # Boards are NHS-wide: a thread's page and its buttons' addresses (a GET shows the thread) are
    # open to every organisation.
    "communications:thread_detail": ("list", _url("communications:thread_detail", "board_thread")),
    "communications:thread_follow": ("list", _url("communications:thread_follow", "board_thread")),
    "communications:post_endorse": ("list", _url("communications:post_endorse", "board_post")),
    "communications:post_accept": ("list", _url("communications:post_accept", "board_post")),
    "communications:post_report": ("list", _url("communications:post_report", "board_post")),
    "communications:post_moderate": ("national", _url("communications:post_moderate", "board_post")),
}

SENDERS = frozenset({"hr_admin", "national_admin"})
REACHABLE_BY = {
    "communications:broadcast_feed": EVERYONE,
    "communications:broadcast_sent": TRUST_ADMINS,
    "communications:broadcast_export": TRUST_ADMINS,
    "communications:broadcast_new": TRUST_ADMINS,
    "communications:broadcast_detail": {"national_admin", "hr_admin", "board_secretary", "manager"},
    "communications:broadcast_rates": SENDERS,
    "communications:broadcast_cascade": {"hr_admin"},
    "communications:broadcast_withdraw": SENDERS,
    "communications:board_list": EVERYONE,
    "communications:board_search": EVERYONE,
    "communications:board_detail": EVERYONE,
    "communications:thread_new": EVERYONE,
    "communications:moderation_queue": {"national_admin"},
    "communications:thread_detail": EVERYONE,
    # Buttons (POST forms) on the thread's page, never links.
    "communications:thread_follow": frozenset(),
    "communications:post_endorse": frozenset(),
    "communications:post_accept": frozenset(),
    "communications:post_report": EVERYONE,
    "communications:post_moderate": {"national_admin"},
}

API_CASES = {
    "api:broadcast-list": ("list", _url("api:broadcast-list")),
    "api:broadcast-detail": (
        "object",
        lambda w: reverse("api:broadcast-detail", args=[w["broadcast"].public_id]),
    ),
    "api:board-thread-list": ("list", _url("api:board-thread-list")),
    # Boards are NHS-wide: every organisation's client reads a thread.
    "api:board-thread-detail": (
        "list",
        lambda w: reverse("api:board-thread-detail", args=[w["board_thread"].public_id]),
    ),
}


def _deleted(row) -> str:
    public_id = str(row.public_id)
    row.delete()
    return public_id


def _doomed_broadcast(w) -> Broadcast:
    broadcast = Broadcast.objects.create(
        sender_organisation=w["same_org"],
        title="Doomed",
        body="Doomed",
        category=BroadcastCategory.NEWS,
        publish_at=timezone.now(),
    )
    broadcast.reach.set([w["same_org"]])
    return broadcast


def _any_board() -> Board:
    services.boards_ensure()
    return Board.objects.first()


def _doomed_thread(w) -> BoardThread:
    return BoardThread.objects.create(
        board=Board.objects.first(), title="Doomed", last_post_at=timezone.now()
    )


DELETION_CASES = {
    "broadcasts": ("list", lambda w: _deleted(_doomed_broadcast(w))),
    "boards": ("shared", lambda w: _deleted(_doomed_thread(w))),
}


# The values handbook and the leadership passport.
PAGE_CASES |= handbook.PAGE_CASES
API_CASES |= handbook.API_CASES
REACHABLE_BY |= handbook.REACHABLE_BY
