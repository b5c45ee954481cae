"""The governance sweep: beat runs it; reminder state is the Notification key, so each reminder is
written exactly once however often (or concurrently) the sweep runs, and a missed run is caught up."""

from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse

from governance import access
from governance.models import BoardPosition, DataReturn
from governance.selectors import DUE_SOON_DAYS
from leadership.dates import uk_today
from leadership.notifications import notify


def _recipients(organisation_ids) -> dict:
    return access.board_secretaries_by_organisation(organisation_ids)


def data_return_review_sweep(*, today: date | None = None) -> int:
    """A return's review is announced once when it falls due (30 days ahead) and once when overdue."""
    today = today or uk_today()
    returns = list(
        DataReturn.objects.filter(
            active=True, next_review_due__lte=today + timedelta(days=DUE_SOON_DAYS)
        ).select_related("organisation")
    )
    recipients = _recipients({r.organisation_id for r in returns})
    sent = 0
    for data_return in returns:
        milestone = "overdue" if data_return.next_review_due < today else "due"
        title = (
            f"Review overdue: {data_return.title}"
            if milestone == "overdue"
            else f"Review due {data_return.next_review_due:%-d %B %Y}: {data_return.title}"
        )
        with transaction.atomic():
            for user in recipients.get(data_return.organisation_id, []):
                sent += (
                    notify(
                        recipient=user,
                        kind=f"data_return_review_{milestone}",
                        title=title,
                        key=f"governance:return-{milestone}:{data_return.public_id}:{data_return.next_review_due}"
                        f":{user.public_id}",
                        body=f"{data_return.organisation.name}: is it still needed, and can it be simpler?",
                        link=reverse("governance:return_detail", args=[data_return.public_id]),
                    )
                    is not None
                )
    return sent


def board_review_sweep(*, today: date | None = None) -> int:
    """A non-executive's overdue annual review is announced once per due date."""
    today = today or uk_today()
    positions = list(
        BoardPosition.objects.filter(
            kind__in=BoardPosition.NON_EXECUTIVE_KINDS, next_review_due__lt=today, ends_on__isnull=True
        ).select_related("person", "organisation")
    )
    recipients = _recipients({p.organisation_id for p in positions})
    sent = 0
    for position in positions:
        with transaction.atomic():
            for user in recipients.get(position.organisation_id, []):
                sent += (
                    notify(
                        recipient=user,
                        kind="board_review_overdue",
                        key=f"governance:board-review:{position.public_id}:{position.next_review_due}:{user.public_id}",
                        title=f"Annual review overdue: {position.person.full_name}",
                        body=f"{position.get_kind_display()}, {position.organisation.name}: "
                        f"due {position.next_review_due:%-d %B %Y}.",
                        link=reverse("governance:position_detail", args=[position.public_id]),
                    )
                    is not None
                )
    return sent


def sweep() -> dict:
    return {"data_return_reviews": data_return_review_sweep(), "board_reviews": board_review_sweep()}
