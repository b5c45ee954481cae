"""Best-practice boards (R17): themed boards, threads and replies, endorsements, follows, moderation."""

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse

from leadership.models import Organisation, TimeStamped, User


class Board(models.Model):
    """A theme: a leadership dimension, a Well-Led theme, commissioning or reducing bureaucracy."""

    class Group(models.TextChoices):
        LEADERSHIP_DIMENSION = "leadership_dimension", "Healthcare Leadership Model dimensions"
        WELL_LED = "well_led", "CQC Well-Led themes"
        COMMISSIONING = "commissioning", "Commissioning"
        BUREAUCRACY = "bureaucracy", "Reducing bureaucracy"

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120, unique=True)
    group = models.CharField(max_length=30, choices=Group.choices)
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


@pghistory.track(pghistory.DeleteEvent())  # deletes only: /api/v1/deletions/ reads them
class BoardThread(TimeStamped):
    """A question or a piece of practice to share; its opening post holds the text."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="threads")
    title = models.CharField(max_length=200)
    tags = ArrayField(models.CharField(max_length=40), default=list, blank=True)
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    author_organisation = models.ForeignKey(
        Organisation, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_post = models.ForeignKey(
        "BoardPost", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True, help_text="Set when the opening post is hidden.")
    last_post_at = models.DateTimeField()

    class Meta:
        ordering = ["-last_post_at", "-id"]
        indexes = [
            models.Index(fields=["updated_at", "public_id"]),
            models.Index(fields=["board", "hidden_at", "last_post_at"]),
            GinIndex(fields=["tags"], name="boardthread_tags_gin"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("communications:thread_detail", args=[self.public_id])


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class BoardPost(TimeStamped):
    """The opening post or a reply. `search_vector` is English-stemmed (thread title weighted A, text
    B) and kept by the services that write the post."""

    thread = models.ForeignKey(BoardThread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    author_organisation = models.ForeignKey(
        Organisation, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(help_text="Markdown.")
    is_opening = models.BooleanField(default=False)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=500, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["thread"], condition=Q(is_opening=True), name="boardpost_one_opening_post"
            )
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="boardpost_search_gin"),
            models.Index(fields=["author", "created_at"]),
            models.Index(fields=["thread", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"Post in {self.thread_id}"


class PostEndorsement(models.Model):
    """ "This helped me": one per person and post."""

    post = models.ForeignKey(BoardPost, on_delete=models.CASCADE, related_name="endorsements")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="endorsement_once_per_user")]

    def __str__(self) -> str:
        return f"Endorsement of post {self.post_id}"


class ThreadFollow(models.Model):
    thread = models.ForeignKey(BoardThread, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="follow_once_per_user")]

    def __str__(self) -> str:
        return f"Follow of thread {self.thread_id}"


class PostReport(models.Model):
    """Any user may report a post; a moderator's hide or restore closes the open reports."""

    post = models.ForeignKey(BoardPost, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(max_length=500)
    created_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(closed_at__isnull=True),
                name="report_one_open_per_reporter",
            )
        ]
        indexes = [models.Index(fields=["closed_at", "created_at"])]

    def __str__(self) -> str:
        return f"Report of post {self.post_id}"


class ModerationStep(models.Model):
    """The moderation audit trail: who hid or restored which post, when and why."""

    class Action(models.TextChoices):
        HIDE = "hide", "Hidden"
        RESTORE = "restore", "Restored"

    post = models.ForeignKey(BoardPost, on_delete=models.CASCADE, related_name="moderation_steps")
    moderator = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    reason = models.CharField(max_length=500)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: post {self.post_id}"
