"""What communications' pages show of a row: labels, tag colours, rendered Markdown, links."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from communications import access, markdown
from communications.models import (
    Board,
    BoardPost,
    Broadcast,
    BroadcastCategory,
    BroadcastReceipt,
    ModerationStep,
)
from leadership.models import CommissionerRole, ManagementLevel, OrganisationKind

CATEGORY_TAGS = {
    BroadcastCategory.NEWS: "nhsuk-tag--blue",
    BroadcastCategory.GOOD_NEWS: "nhsuk-tag--green",
    BroadcastCategory.LESS_GOOD_NEWS: "nhsuk-tag--orange",
    BroadcastCategory.BEST_PRACTICE: "nhsuk-tag--purple",
    BroadcastCategory.ACTION_REQUIRED: "nhsuk-tag--red",
}


def broadcast_items(broadcasts) -> list[dict]:
    now = timezone.now()
    return [
        {
            "title": b.title,
            "url": b.get_absolute_url(),
            "category": b.get_category_display(),
            "tag": CATEGORY_TAGS[b.category],
            "published": b.publish_at,
            "sender": b.sender_organisation.name,
            "summary": _summary(b.body),
            "is_read": getattr(b, "is_read", None),
            "needs_acknowledgement": b.needs_acknowledgement and not getattr(b, "is_acknowledged", True),
            "state": "Scheduled"
            if b.publish_at > now
            else "Expired"
            if b.expires_at and b.expires_at <= now
            else "Live",
        }
        for b in broadcasts
    ]


def _summary(body: str, length: int = 200) -> str:
    text = markdown.to_text(body)
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + "…"


def audience_description(b: Broadcast) -> list[str]:
    parts = ["Everyone"] if b.everyone else []
    if b.organisation_kinds:
        kinds = dict(OrganisationKind.choices)
        parts.append("Organisation kinds: " + ", ".join(str(kinds[k]) for k in b.organisation_kinds))
    if b.pk:
        regions, named = list(b.regions.all()), list(b.organisations.all())
        if regions:
            parts.append("Regions: " + ", ".join(r.name for r in regions))
        if named:
            parts.append("Organisations: " + ", ".join(o.name for o in named))
    if b.footprint_id:
        parts.append(f"Footprint: {b.footprint.name}")
    if b.management_levels:
        levels = dict(ManagementLevel.choices)
        parts.append("Management levels: " + ", ".join(str(levels[m]) for m in b.management_levels))
    if b.commissioner_roles:
        roles = dict(CommissionerRole.choices)
        parts.append("CCG/ICB roles: " + ", ".join(str(roles[r]) for r in b.commissioner_roles))
    return parts


def broadcast_page(broadcast: Broadcast, user) -> dict:
    person = access.own_person(user)
    receipt = BroadcastReceipt.objects.filter(broadcast=broadcast, person=person).first() if person else None
    aimed_at_me = person is not None and access.broadcasts_for_me(user).filter(id=broadcast.id).exists()
    national = broadcast.cascade_of
    return {
        "broadcast": broadcast,
        "category_tag": CATEGORY_TAGS[broadcast.category],
        "body_html": markdown.to_html(broadcast.body),
        "national": national,
        "national_html": markdown.to_html(national.body) if national else "",
        "audience": audience_description(broadcast),
        "may_acknowledge": broadcast.needs_acknowledgement
        and aimed_at_me
        and not (receipt and receipt.acknowledged_at),
        "acknowledged_at": receipt.acknowledged_at if receipt else None,
        "rates_url": reverse("communications:broadcast_rates", args=[broadcast.public_id])
        if access.sees_broadcast_rates(user, broadcast)
        else "",
        "cascade_url": reverse("communications:broadcast_cascade", args=[broadcast.public_id])
        if national is None
        and broadcast.sender_organisation.kind == OrganisationKind.NATIONAL_BODY
        and access.cascade_organisations(user, broadcast).exists()
        else "",
        "withdraw_url": reverse("communications:broadcast_withdraw", args=[broadcast.public_id])
        if access.sent_broadcasts(user).filter(id=broadcast.id).exists()
        else "",
    }


EXPORT_HEADER = ["Title", "Category", "From", "Published", "Expires", "Message"]


def export_row(b: Broadcast) -> list:
    """A CSV row: the message as plain text (csv_response neutralises formulas in every cell)."""
    return [
        markdown.to_text(b.title),
        b.get_category_display(),
        b.sender_organisation.name,
        timezone.localtime(b.publish_at).strftime("%Y-%m-%d %H:%M"),
        timezone.localtime(b.expires_at).strftime("%Y-%m-%d %H:%M") if b.expires_at else "",
        markdown.to_text(b.body),
    ]


def post_item(post: BoardPost, *, thread, user, moderator: bool) -> dict:
    """A post as the thread page shows it: hidden text only for moderators."""
    hidden = post.hidden_at is not None
    person = getattr(post.author, "person", None) if post.author_id else None
    return {
        "post": post,
        "hidden": hidden,
        "show_body": not hidden or moderator,
        "body_html": markdown.to_html(post.body) if not hidden or moderator else "",
        "author": person.full_name if person else "A portal user",
        "organisation": post.author_organisation.name if post.author_organisation_id else "",
        "endorsements": post.endorsement_count,
        "endorsed_by_me": post.endorsed_by_me,
        "may_endorse": not hidden and post.author_id != user.pk and not post.endorsed_by_me,
        "is_accepted": thread.accepted_post_id == post.id,
        "may_accept": not post.is_opening
        and not hidden
        and thread.accepted_post_id != post.id
        and access.may_accept_answer(user, thread),
    }


def board_groups(boards) -> list[dict]:
    """Boards under their group headings, each with its count of visible threads (one query)."""
    counted = boards.annotate(thread_count=Count("threads", filter=Q(threads__hidden_at__isnull=True)))
    groups: dict[str, dict] = {}
    for board in counted.order_by("position", "name"):
        group = groups.setdefault(board.group, {"label": Board.Group(board.group).label, "boards": []})
        group["boards"].append(board)
    return list(groups.values())


def recent_moderation(limit: int = 50):
    return ModerationStep.objects.select_related("post__thread", "moderator").order_by("-created_at")[:limit]
