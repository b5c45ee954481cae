"""Communications on the home page: the latest broadcasts for the person, and a to-do item for each
action-required broadcast they have not acknowledged."""

from django.urls import reverse

from communications import access, presenters, selectors
from leadership.todo import Todo

HOME_LENGTH = 3


def latest_broadcasts(user) -> dict | None:
    person = access.own_person(user)
    if person is None:
        return None
    rows = selectors.with_my_receipt(access.broadcasts_for_me(user), person).select_related(
        "sender_organisation"
    )
    return {
        "items": presenters.broadcast_items(rows.order_by("-publish_at", "-id")[:HOME_LENGTH]),
        "feed_url": reverse("communications:broadcast_feed"),
    }


def broadcast_todos(user) -> list[Todo]:
    person = access.own_person(user)
    if person is None:
        return []
    waiting = (
        selectors.with_my_receipt(access.broadcasts_for_me(user), person)
        .filter(category="action_required", is_acknowledged=False)
        .order_by("-publish_at")
    )
    return [
        Todo(
            f"Acknowledge the broadcast: {b.title}",
            b.get_absolute_url(),
            due=b.expires_at.date() if b.expires_at else None,
        )
        for b in waiting[:20]
    ]
