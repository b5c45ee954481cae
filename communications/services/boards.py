"""Best-practice boards (R17): threads, replies, endorsements, accepted answers, follows, reports and
moderation. Every moderation step writes a ModerationStep row (and pghistory records the post)."""

import re
from datetime import timedelta

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Value
from django.utils import timezone
from django.utils.text import slugify

from communications import access, markdown
from communications.models import (
    Board,
    BoardPost,
    BoardThread,
    ModerationStep,
    PostEndorsement,
    PostReport,
    ThreadFollow,
)
from leadership import notifications
from leadership.models import User

# Posting limits per person: a burst, and a day (settled in PostgreSQL, so every web process agrees).
RATE_LIMITS = ((timedelta(minutes=10), 5), (timedelta(days=1), 30))
MAX_TAGS, TAG_PATTERN = 5, re.compile(r"^[a-z0-9][a-z0-9 -]{0,38}[a-z0-9]$|^[a-z0-9]$")


# The boards by theme (as migration 0003_boards adds them): the nine Healthcare Leadership Model
# dimensions, the eight CQC Well-Led key lines of enquiry, commissioning and reducing bureaucracy.
THEMES = [
    *(
        (Board.Group.LEADERSHIP_DIMENSION, name)
        for name in (
            "Inspiring shared purpose",
            "Leading with care",
            "Evaluating information",
            "Connecting our service",
            "Sharing the vision",
            "Engaging the team",
            "Holding to account",
            "Developing capability",
            "Influencing for results",
        )
    ),
    *(
        (Board.Group.WELL_LED, f"Well-Led: {name}")
        for name in (
            "leadership capacity and capability",
            "vision and strategy",
            "culture",
            "governance and management",
            "risks, issues and performance",
            "information",
            "engagement with people and partners",
            "learning, continuous improvement and innovation",
        )
    ),
    (Board.Group.COMMISSIONING, "Commissioning"),
    (Board.Group.BUREAUCRACY, "Reducing bureaucracy"),
]


def boards_ensure() -> int:
    """Add any missing theme board (after a database flush, or a theme added since). Idempotent."""
    added = 0
    for position, (group, name) in enumerate(THEMES):
        _, created = Board.objects.get_or_create(
            slug=slugify(name)[:80], defaults={"name": name, "group": group, "position": position}
        )
        added += created
    return added


def clean_tags(tags: str | list[str]) -> list[str]:
    """Lower-case tags, comma separated on a form; letters, digits, spaces and hyphens."""
    items = tags.split(",") if isinstance(tags, str) else tags
    cleaned = list(dict.fromkeys(t.strip().lower() for t in items if t and t.strip()))
    if len(cleaned) > MAX_TAGS:
        raise ValidationError({"tags": f"Use {MAX_TAGS} tags or fewer."})
    if any(not TAG_PATTERN.match(tag) for tag in cleaned):
        raise ValidationError({"tags": "Tags use letters, numbers, spaces and hyphens, up to 40 characters."})
    return cleaned


def _body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Enter your post."})
    if len(body) > markdown.MAX_LENGTH:
        raise ValidationError({"body": f"A post must be {markdown.MAX_LENGTH:,} characters or fewer."})
    return body


def _within_rate_limits(actor: User) -> None:
    now = timezone.now()
    for window, limit in RATE_LIMITS:
        if BoardPost.objects.filter(author=actor, created_at__gte=now - window).count() >= limit:
            raise PermissionDenied(
                "You have posted a lot in a short time. Please wait a while before posting again."
            )


def _organisation_id(actor: User) -> int | None:
    person = access.own_person(actor)
    return person.organisation_id if person else None


def _index(post: BoardPost) -> None:
    """English-stemmed search vector: the thread title (weight A) with the post's words (B)."""
    title = post.thread.title if post.is_opening else ""
    BoardPost.objects.filter(pk=post.pk).update(
        search_vector=SearchVector(Value(title), weight="A", config="english")
        + SearchVector("body", weight="B", config="english")
    )


@transaction.atomic
def thread_create(
    *, actor: User, board: Board, title: str, body: str, tags: str | list[str] = ""
) -> BoardThread:
    if not actor.is_authenticated:
        raise PermissionDenied("Sign in to post.")
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "Enter a title."})
    body, tags = _body(body), clean_tags(tags)
    _within_rate_limits(actor)
    now = timezone.now()
    thread = BoardThread.objects.create(
        board=board,
        title=title,
        tags=tags,
        author=actor,
        author_organisation_id=_organisation_id(actor),
        last_post_at=now,
    )
    post = BoardPost.objects.create(
        thread=thread,
        author=actor,
        author_organisation_id=thread.author_organisation_id,
        body=body,
        is_opening=True,
    )
    _index(post)
    ThreadFollow.objects.create(thread=thread, user=actor, created_at=now)
    return thread


@transaction.atomic
def reply_create(*, actor: User, thread: BoardThread, body: str) -> BoardPost:
    if thread.hidden_at is not None:
        raise ValidationError("This thread is hidden by a moderator: it takes no replies.")
    body = _body(body)
    _within_rate_limits(actor)
    post = BoardPost.objects.create(
        thread=thread, author=actor, author_organisation_id=_organisation_id(actor), body=body
    )
    _index(post)
    thread.last_post_at = post.created_at
    thread.save(update_fields=["last_post_at"])
    followers = User.objects.filter(
        id__in=thread.follows.exclude(user=actor).values("user_id"), is_active=True
    )
    notifications.notify_many(
        [
            notifications.Message(
                recipient=user,
                key=f"boards:reply:{post.public_id}:user:{user.public_id}",
                kind="board_reply",
                title=f"A new reply in {thread.title}"[:200],
                body=markdown.to_text(body)[:500],
                link=thread.get_absolute_url(),
            )
            for user in followers
        ]
    )
    return post


@transaction.atomic
def post_endorse(*, actor: User, post: BoardPost) -> bool:
    """ "This helped me" (once per person; not on one's own post). True if it is new."""
    if post.author_id == actor.pk:
        raise ValidationError("You cannot endorse your own post.")
    if post.hidden_at is not None:
        raise ValidationError("A hidden post cannot be endorsed.")
    _, created = PostEndorsement.objects.get_or_create(
        post=post, user=actor, defaults={"created_at": timezone.now()}
    )
    return created


@transaction.atomic
def answer_accept(*, actor: User, post: BoardPost) -> BoardThread:
    thread = post.thread
    if not access.may_accept_answer(actor, thread):
        raise PermissionDenied(
            "Only the person who started the thread, or a moderator, can accept an answer."
        )
    if post.is_opening or post.hidden_at is not None:
        raise ValidationError("Choose a reply that is not hidden.")
    thread.accepted_post = post
    thread.save(update_fields=["accepted_post"])
    return thread


@transaction.atomic
def thread_follow(*, actor: User, thread: BoardThread, follow: bool) -> None:
    if follow:
        ThreadFollow.objects.get_or_create(thread=thread, user=actor, defaults={"created_at": timezone.now()})
    else:
        ThreadFollow.objects.filter(thread=thread, user=actor).delete()


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why."})
    return reason[:500]


@transaction.atomic
def post_report(*, actor: User, post: BoardPost, reason: str) -> PostReport:
    reason = _reason(reason)
    if PostReport.objects.filter(post=post, reporter=actor, closed_at__isnull=True).exists():
        raise ValidationError("You have already reported this post; a moderator will look at it.")
    report = PostReport.objects.create(post=post, reporter=actor, reason=reason, created_at=timezone.now())
    notifications.notify_many(
        [
            notifications.Message(
                recipient=user,
                key=f"boards:report:{report.id}:user:{user.public_id}",
                kind="board_report",
                title="A post on the boards was reported",
                body=reason,
                link=post.thread.get_absolute_url(),
            )
            for user in access.moderator_users()
        ]
    )
    return report


@transaction.atomic
def post_moderate(*, actor: User, post: BoardPost, hide: bool, reason: str) -> ModerationStep:
    """Hide or restore a post, with the reason, in the audit trail; hiding the opening post hides the
    thread. Open reports on the post are closed."""
    if not access.is_moderator(actor):
        raise PermissionDenied("Only moderators can hide or restore posts.")
    reason = _reason(reason)
    if hide == (post.hidden_at is not None):
        raise ValidationError("This post is already hidden." if hide else "This post is not hidden.")
    now = timezone.now()
    post.hidden_at, post.hidden_reason = (now, reason) if hide else (None, "")
    post.save(update_fields=["hidden_at", "hidden_reason"])
    thread = post.thread
    if post.is_opening:
        thread.hidden_at = post.hidden_at
    if hide and thread.accepted_post_id == post.id:
        thread.accepted_post = None
    thread.save(update_fields=["hidden_at", "accepted_post"])
    PostReport.objects.filter(post=post, closed_at__isnull=True).update(closed_at=now)
    return ModerationStep.objects.create(
        post=post,
        moderator=actor,
        reason=reason,
        created_at=now,
        action=ModerationStep.Action.HIDE if hide else ModerationStep.Action.RESTORE,
    )
