"""Governance's part of the home to-do list (leadership.todo): reviews due, overdue board reviews, the
board member's annual self-attestation. A fixed number of queries whatever the number of items."""

from datetime import timedelta

from django.urls import reverse

from governance import access
from governance.models import BoardPosition
from governance.selectors import DUE_SOON_DAYS
from leadership.dates import uk_today
from leadership.todo import Todo


def governance_todos(user) -> list[Todo]:
    today = uk_today()
    soon = today + timedelta(days=DUE_SOON_DAYS)
    items = []
    if access.runs_governance(user):
        due = (
            access.data_returns(user)
            .filter(active=True, next_review_due__lte=soon)
            .order_by("next_review_due")
        )
        items += [
            Todo(
                f"Review the data return “{r.title}”",
                reverse("governance:return_detail", args=[r.public_id]),
                r.next_review_due,
            )
            for r in due[:50]
        ]
    person = access.own_person(user)
    if access.runs_governance(user) or access.chaired_organisation_ids(user):
        reviews = (
            access.board_positions(user)
            .filter(
                kind__in=BoardPosition.NON_EXECUTIVE_KINDS, next_review_due__lte=soon, ends_on__isnull=True
            )
            .exclude(person_id=getattr(person, "id", None))
            .select_related("person")
            .order_by("next_review_due")
        )
        items += [
            Todo(
                f"Complete {p.person.full_name}'s annual board member review",
                reverse("governance:position_detail", args=[p.public_id]),
                p.next_review_due,
            )
            for p in reviews[:50]
        ]
    if person is not None:
        own = access.board_positions(user).filter(person=person, ends_on__isnull=True)
        if own.exists() and not person.fit_proper_attestations.filter(year=today.year).exists():
            items.append(
                Todo("Make your annual fit and proper person self-attestation", reverse("governance:attest"))
            )
    return items
