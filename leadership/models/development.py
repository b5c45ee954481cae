"""Competencies (R9), assessments and development plans (R10), and the 90-day action cycle (R3)."""

from datetime import date, timedelta

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q

from leadership.models.core import ManagementLevel, Organisation, Person, TimeStamped, User

CYCLE_DAYS = 90
CHECK_IN_DAYS = (30, 60, 90)
REVIEW_OVERDUE_DAYS = 14  # a cycle this long past its review date is "review overdue"
REVIEW_LAPSE_DAYS = CYCLE_DAYS  # and one a whole cycle past it is closed unreviewed


class Scale(models.IntegerChoices):
    """The Healthcare Leadership Model's four-point scale."""

    ESSENTIAL = 1, "Essential"
    PROFICIENT = 2, "Proficient"
    STRONG = 3, "Strong"
    EXEMPLARY = 4, "Exemplary"


# Levels with expected behaviours; a person who manages nobody is read against first-line.
FRAMEWORK_LEVELS = [level for level in ManagementLevel if level != ManagementLevel.NONE]


@pghistory.track(pghistory.DeleteEvent())  # deletes only: /api/v1/deletions/ reads them
class CompetencyFramework(TimeStamped):
    """One version of a framework. Published versions are read-only; a new draft sits beside them."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        RETIRED = "retired", "Replaced by a later version"

    name = models.CharField(max_length=200)
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["version"], name="framework_unique_version"),
            models.UniqueConstraint(
                fields=["status"], condition=Q(status="published"), name="framework_one_published"
            ),
            models.UniqueConstraint(
                fields=["status"], condition=Q(status="draft"), name="framework_one_draft"
            ),
        ]
        indexes = [models.Index(fields=["updated_at", "public_id"])]

    def __str__(self) -> str:
        return f"{self.name} v{self.version} ({self.get_status_display()})"

    @property
    def editable(self) -> bool:
        return self.status == self.Status.DRAFT


class Competency(TimeStamped):
    """A competency with a stable code; organisations may add their own beside the national ones."""

    class Group(models.TextChoices):
        HLM = "hlm", "Healthcare Leadership Model"
        BASICS = "basics", "Management basics"
        LOCAL = "local", "Local to an organisation"

    framework = models.ForeignKey(CompetencyFramework, on_delete=models.CASCADE, related_name="competencies")
    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    group = models.CharField(max_length=20, choices=Group.choices, default=Group.HLM)
    position = models.PositiveSmallIntegerField(default=0)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="competencies",
        help_text="Empty for the national competencies; set for an organisation's own.",
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "competencies"
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="competency_unique_code"),
            models.CheckConstraint(
                condition=Q(organisation__isnull=True) | Q(group="local"), name="competency_local_group"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ExpectedBehaviour(models.Model):
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="behaviours")
    management_level = models.CharField(max_length=20, choices=ManagementLevel.choices)
    expected_level = models.PositiveSmallIntegerField(choices=Scale.choices)
    description = models.TextField()

    class Meta:
        ordering = ["competency", "management_level"]
        constraints = [
            models.UniqueConstraint(
                fields=["competency", "management_level"], name="behaviour_one_per_level"
            ),
            models.CheckConstraint(
                condition=Q(expected_level__gte=1, expected_level__lte=4), name="behaviour_level_on_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency} at {self.get_management_level_display()}"


@pghistory.track(pghistory.DeleteEvent())  # deletes only: /api/v1/deletions/ reads them
class Assessment(TimeStamped):
    """A self, line-manager or 360 assessment of a person against one framework version.

    A 360 assessment is one round of feedback. Its figures (Rating, FeedbackGroupRating) are
    written once, when the round closes with at least MIN_RATERS answers, and never change after;
    before that it shows nothing. The answers (RaterResponse) carry no link to a rater and are
    discarded when the round closes.
    """

    MIN_RATERS = 3

    class Kind(models.TextChoices):
        SELF = "self", "Self"
        LINE_MANAGER = "line_manager", "Line manager"
        FEEDBACK_360 = "feedback_360", "360 feedback"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assessments")
    framework = models.ForeignKey(CompetencyFramework, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    assessor = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty for 360 feedback.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(
        null=True, blank=True, help_text="For 360 feedback, when the round's figures were released."
    )
    rater_count = models.PositiveSmallIntegerField(
        default=0, help_text="For 360 feedback, the answers behind the released figures (0 until then)."
    )
    closed_at = models.DateTimeField(
        null=True, blank=True, help_text="When a 360 round closed; it takes no answers after."
    )
    round_number = models.PositiveSmallIntegerField(
        default=1, help_text="The person's 1st, 2nd, ... round of this kind; earlier rounds are history."
    )

    class Meta:
        ordering = ["person", "kind", "round_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "round_number"], name="assessment_one_per_round",
            ),
            # A person runs one 360 round at a time; closed rounds stay as history.
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(kind="feedback_360", closed_at__isnull=True),
                name="assessment_one_open_360_round",
            ),
            models.CheckConstraint(
                condition=~Q(kind="feedback_360") | Q(assessor__isnull=True),
                name="assessment_360_has_no_assessor",
            ),
            models.CheckConstraint(
                condition=~Q(kind="feedback_360", status="submitted")
                | Q(closed_at__isnull=False, rater_count__gte=3),
                name="assessment_360_released_closed_with_three",
            ),
        ]
        indexes = [models.Index(fields=["updated_at", "public_id"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} assessment of {self.person} (round {self.round_number})"


class Rating(models.Model):
    """One competency's rating in an assessment: whole points, or a 360 mean to two places."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="+")
    level = models.DecimalField(max_digits=3, decimal_places=2)
    evidence = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "competency"], name="rating_one_per_competency"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=4), name="rating_on_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.competency}: {self.level}"


class RaterRelationship(models.TextChoices):
    """A 360 rater group."""

    PEER = "peer", "Peer"
    REPORT = "report", "Someone who reports to them"
    OTHER = "other", "Someone else who works with them"


class RaterInvitation(TimeStamped):
    """A 360 rater: someone on the staff record, or an outside email the line manager approved.

    The token in the rater's link is signed, so nothing secret is stored.
    """

    Relationship = RaterRelationship

    class Approval(models.TextChoices):
        NOT_NEEDED = "not_needed", "On the staff record"
        PENDING = "pending", "Waiting for the line manager"
        APPROVED = "approved", "Approved by the line manager"
        DECLINED = "declined", "Declined by the line manager"
        WITHDRAWN = "withdrawn", "Withdrawn: the rater left"

    SENDABLE = (Approval.NOT_NEEDED, Approval.APPROVED)

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="invitations")
    rater = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The rater's staff record; empty for an outside email.",
    )
    email = models.EmailField()
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    approval = models.CharField(max_length=20, choices=Approval.choices, default=Approval.NOT_NEEDED)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    email_sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "email"], name="invitation_unique_email"),
            models.UniqueConstraint(
                fields=["assessment", "rater"], condition=Q(rater__isnull=False),
                name="invitation_unique_rater",
            ),
        ]
        indexes = [
            models.Index(fields=["approval"], condition=Q(approval="pending"), name="invitation_pending"),
        ]

    def __str__(self) -> str:
        return f"360 invitation to {self.email}"


class RaterResponse(models.Model):
    """One anonymous 360 answer: no link to the invitation or the rater, by design; only the rater
    group, so groups of three or more can be shown apart. Discarded when the round closes."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(choices=Scale.choices)
    relationship = models.CharField(max_length=20, choices=RaterRelationship.choices)

    def __str__(self) -> str:
        return f"An anonymous answer: {self.level}"


class FeedbackGroupRating(models.Model):
    """A released 360 figure for one rater group, written once at release and never changed.

    Only groups that may be shown are stored: the group and the remaining raters number three
    or more each (services.feedback_groups_to_show).
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="group_ratings")
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="+")
    relationship = models.CharField(max_length=20, choices=RaterRelationship.choices)
    level = models.DecimalField(max_digits=3, decimal_places=2)
    rater_count = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["relationship", "competency__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "competency", "relationship"], name="group_rating_one_per_group"
            ),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=4), name="group_rating_on_scale"),
            models.CheckConstraint(condition=Q(rater_count__gte=3), name="group_rating_three_raters"),
        ]

    def __str__(self) -> str:
        return f"{self.get_relationship_display()} on {self.competency}: {self.level}"


@pghistory.track(pghistory.DeleteEvent())  # deletes only: /api/v1/deletions/ reads them
class DevelopmentPlan(TimeStamped):
    """A person's personal development plan: their aspiration and their development needs."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="development_plan")
    aspiration = models.TextField(blank=True, help_text="Where the person wants their career to go.")

    class Meta:
        indexes = [models.Index(fields=["updated_at", "public_id"])]

    def __str__(self) -> str:
        return f"Development plan of {self.person}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class DevelopmentNeed(TimeStamped):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        MET = "met", "Met"
        DROPPED = "dropped", "Dropped"
        CARRIED_OVER = "carried_over", "Carried over"

    # Still to work on: an open need, or one carried over into the next period.
    LIVE = (Status.OPEN, Status.CARRIED_OVER)

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="needs")
    competency = models.ForeignKey(
        Competency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    status_note = models.TextField(blank=True, help_text="Why it was met, dropped or carried over.")
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["status", "created_at"]

    def __str__(self) -> str:
        return self.description[:60]


@pghistory.track(pghistory.DeleteEvent())  # deletes only: /api/v1/deletions/ reads them
class ActionCycle(TimeStamped):
    """A 90-day plan of actions, owned by a person or (for training coordination) an organisation."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        CLOSED = "closed", "Reviewed and closed"

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="action_cycles"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="action_cycles",
        help_text="The person's organisation, or the owning organisation.",
    )
    focus = models.CharField(max_length=300)
    starts_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next"
    )
    review_summary = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The review's reminder state, swept like check-ins: overdue (line manager told), then lapsed.
    review_reminder_stage = models.PositiveSmallIntegerField(default=0)
    review_reminder_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="active", person__isnull=False),
                name="cycle_one_active_per_person",
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status="active", person__isnull=True),
                name="cycle_one_active_per_organisation",
            ),
            models.CheckConstraint(
                condition=Q(status="active") | Q(closed_at__isnull=False), name="cycle_closed_has_date"
            ),
        ]
        indexes = [
            models.Index(fields=["updated_at", "public_id"]), models.Index(fields=["organisation", "status"]),
            models.Index(fields=["review_reminder_at"], condition=Q(review_reminder_at__isnull=False),
                         name="cycle_review_reminder_due"),
        ]

    def __str__(self) -> str:
        return f"90-day cycle from {self.starts_on:%d %b %Y}: {self.focus}"

    @property
    def ends_on(self) -> date:
        """The review date: day 90."""
        return self.starts_on + timedelta(days=CYCLE_DAYS)

    @property
    def review_overdue_on(self) -> date:
        return self.ends_on + timedelta(days=REVIEW_OVERDUE_DAYS)


class Action(TimeStamped):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    UNFINISHED = (Status.NOT_STARTED, Status.IN_PROGRESS)

    cycle = models.ForeignKey(ActionCycle, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(max_length=300)
    owner = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    need = models.ForeignKey(
        DevelopmentNeed, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    # Linked by id, not foreign key, so the training and appraisal apps can land in either order.
    course_id = models.UUIDField(null=True, blank=True, help_text="A training course's public id.")
    objective_id = models.UUIDField(null=True, blank=True, help_text="An appraisal objective's public id.")
    carried_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to"
    )

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title


class CheckIn(TimeStamped):
    """A check-in at day 30, 60 or 90; its reminder state lives here, swept by beat (DESIGN.md).

    `next_reminder_at` is the moment the next reminder falls due (null when none is left);
    `reminder_stage` counts the reminder milestones already handled.
    """

    cycle = models.ForeignKey(ActionCycle, on_delete=models.CASCADE, related_name="check_ins")
    day = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    progress = models.TextField(blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    manager_comment = models.TextField(blank=True)
    commented_at = models.DateTimeField(null=True, blank=True)
    commented_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reminder_stage = models.PositiveSmallIntegerField(default=0)
    next_reminder_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["cycle", "day"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "day"], name="checkin_one_per_day"),
        ]
        indexes = [
            models.Index(
                fields=["next_reminder_at"],
                condition=Q(next_reminder_at__isnull=False),
                name="checkin_reminder_due",
            ),
        ]

    def __str__(self) -> str:
        return f"Day {self.day} check-in"

    @property
    def recorded(self) -> bool:
        return self.recorded_at is not None


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class CareerPathway(TimeStamped):
    """A sequence of roles or levels (R10); each step needs the framework's competencies at its level.

    National pathways (no organisation) are kept by national admins; an organisation's HR admins keep
    its own. Every change is tracked (pghistory) with the acting user from the request's context.
    """

    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="career_pathways",
        help_text="Blank for a national pathway.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name"], condition=Q(organisation__isnull=True),
                                    name="pathway_national_name_unique"),
            models.UniqueConstraint(fields=["organisation", "name"], condition=Q(organisation__isnull=False),
                                    name="pathway_local_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class PathwayStep(models.Model):
    pathway = models.ForeignKey(CareerPathway, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200, help_text="The role, e.g. Matron.")
    management_level = models.CharField(max_length=20, choices=ManagementLevel.choices)
    competency_codes = ArrayField(
        models.CharField(max_length=60), default=list, blank=True,
        help_text="The competencies this step needs; blank means every competency of its level.",
    )

    class Meta:
        ordering = ["pathway", "order"]
        constraints = [
            models.UniqueConstraint(fields=["pathway", "order"], name="pathway_step_order_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"
