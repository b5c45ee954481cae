"""Balanced-scorecard appraisals for people (R11) and scorecards for organisations (R15)."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from leadership.models import ManagementLevel, Organisation, Person, User
from leadership.models.core import TimeStamped

SENIOR_LEVELS = (ManagementLevel.SENIOR, ManagementLevel.EXECUTIVE, ManagementLevel.BOARD)
DEFAULT_PERSPECTIVES = (
    "Patients and quality",
    "People and culture",
    "Finance and use of resources",
    "Improvement and learning",
)
# Ratings of objectives and competencies: 1..4, labels from the template's rating scale.
RATING_MIN, RATING_MAX = 1, 4
DEFAULT_RATING_SCALE = ["Does not meet", "Partly meets", "Meets", "Exceeds"]
# Bands on the overall score (1.00-4.00), highest first: a score at or above min_score earns the band.
DEFAULT_BANDS = [
    {"label": "Exceeds", "min_score": "3.50"},
    {"label": "Meets", "min_score": "2.50"},
    {"label": "Partly meets", "min_score": "1.50"},
    {"label": "Does not meet", "min_score": "0"},
]
BAND_LABELS = [band["label"] for band in DEFAULT_BANDS]


class ScorecardTemplate(TimeStamped):
    """Perspectives with weights, a rating scale and bands. A new version is a new row in the family."""

    family = models.UUIDField(
        default=uuid.uuid4, db_index=True, help_text="Shared by every version of one template."
    )
    version = models.PositiveSmallIntegerField(default=1)
    name = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="scorecard_templates",
        help_text="Empty for the national template.",
    )
    levels = ArrayField(
        models.CharField(max_length=20, choices=ManagementLevel.choices),
        help_text="Management levels the template is for.",
    )
    locked = models.BooleanField(default=False, help_text="Nationally set: organisations cannot change it.")
    competency_ratings = models.BooleanField(default=True)
    rating_scale = models.JSONField(default=list)
    bands = models.JSONField(default=list)
    current = models.BooleanField(default=True, help_text="The version new appraisals start with.")

    class Meta:
        ordering = ["organisation_id", "name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["family", "version"], name="template_unique_version"),
            models.UniqueConstraint(
                fields=["family"], condition=Q(current=True), name="template_one_current_version"
            ),
            models.CheckConstraint(
                condition=Q(locked=False) | Q(organisation__isnull=True), name="template_locked_is_national"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"


class TemplatePerspective(models.Model):
    template = models.ForeignKey(ScorecardTemplate, on_delete=models.CASCADE, related_name="perspectives")
    name = models.CharField(max_length=100)
    weight = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(100)])
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["template", "name"], name="perspective_unique_name"),
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=100), name="perspective_weight_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight}%)"


class AppraisalCycle(TimeStamped):
    """An organisation's appraisal year (or other period) with the dates appraisals are open."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="appraisal_cycles")
    name = models.CharField(max_length=100)
    opens_on = models.DateField()
    closes_on = models.DateField()
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gt=models.F("opens_on")), name="cycle_closes_after_opening"
            ),
            models.UniqueConstraint(fields=["organisation", "name"], name="appraisal_cycle_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class AppraisalState(models.TextChoices):
    DRAFT = "draft", "Draft"
    OBJECTIVES_AGREED = "objectives_agreed", "Objectives agreed"
    SELF_REVIEW = "self_review", "Self-review done"
    APPRAISER_REVIEW = "appraiser_review", "Appraiser review done"
    MEETING_HELD = "meeting_held", "Meeting held"
    SIGNED_OFF = "signed_off", "Signed off"
    COUNTERSIGNED = "countersigned", "Countersigned"
    WITHDRAWN = "withdrawn", "Withdrawn"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Appraisal(TimeStamped):
    State = AppraisalState
    FINAL_STATES = (AppraisalState.SIGNED_OFF, AppraisalState.COUNTERSIGNED)
    # A withdrawn appraisal (the appraisee left) takes no more steps and counts neither as due nor done.
    CLOSED_STATES = (*FINAL_STATES, AppraisalState.WITHDRAWN)

    cycle = models.ForeignKey(AppraisalCycle, on_delete=models.PROTECT, related_name="appraisals")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="appraisals",
        help_text="The appraisee's organisation (the cycle's).",
    )
    appraisee = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="appraisals")
    appraiser = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="appraisals_given")
    countersigner = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="appraisals_countersigned"
    )
    template = models.ForeignKey(
        ScorecardTemplate,
        on_delete=models.PROTECT,
        related_name="appraisals",
        help_text="The template version the appraisal started with.",
    )
    level = models.CharField(
        max_length=20,
        choices=ManagementLevel.choices,
        help_text="The appraisee's management level when the appraisal started.",
    )
    directorate = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=20, choices=AppraisalState.choices, default=AppraisalState.DRAFT)
    state_changed_at = models.DateTimeField(default=timezone.now)
    self_review = models.TextField(blank=True)
    appraiser_review = models.TextField(blank=True)
    meeting_on = models.DateField(null=True, blank=True)
    meeting_notes = models.TextField(blank=True)
    appraisee_signed_at = models.DateTimeField(null=True, blank=True)
    appraiser_signed_at = models.DateTimeField(null=True, blank=True)
    signed_off_at = models.DateTimeField(null=True, blank=True)
    countersigned_at = models.DateTimeField(null=True, blank=True)
    overall_score = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    perspective_scores = models.JSONField(
        default=dict, blank=True, help_text="Perspective name -> score (1.00-4.00)."
    )
    band = models.CharField(max_length=30, blank=True, help_text="From the score, at the appraiser review.")
    calibrated_band = models.CharField(max_length=30, blank=True, help_text="Agreed at a calibration review.")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "appraisee"], name="appraisal_one_per_cycle"),
            models.CheckConstraint(condition=~Q(appraisee=models.F("appraiser")), name="appraisal_not_self"),
            models.CheckConstraint(
                condition=Q(state__in=["signed_off", "countersigned"]) | Q(signed_off_at__isnull=True),
                name="appraisal_signed_off_date_only_when_signed",
            ),
        ]
        indexes = [
            models.Index(fields=["updated_at", "public_id"]),
            models.Index(fields=["organisation", "state"]),
            models.Index(fields=["appraisee", "-signed_off_at"]),
        ]

    def __str__(self) -> str:
        return f"Appraisal of {self.appraisee} ({self.cycle})"

    @property
    def read_only(self) -> bool:
        return self.state in self.FINAL_STATES

    @property
    def withdrawn(self) -> bool:
        return self.state == AppraisalState.WITHDRAWN

    @property
    def final_band(self) -> str:
        return self.calibrated_band or self.band

    @property
    def needs_countersignature(self) -> bool:
        return self.level in SENIOR_LEVELS


# A live run writes progress every few dozen people; one silent this long has lost its worker.
BULK_START_STALLED_AFTER = timedelta(minutes=10)


# Status changes (asked for, claimed, cancelled, done) and restarts, with who did them; not the progress.
@pghistory.track(pghistory.InsertEvent(),
                 pghistory.UpdateEvent(condition=pghistory.AnyChange("status", "resumed_at")))
class AppraisalBulkStart(TimeStamped):
    """An HR admin's "start everyone's appraisal" for a cycle, run by a Celery task; its progress is
    shown on a page. The appraisals it starts are audited as each one is. A run whose worker has not
    reported for BULK_START_STALLED_AFTER is stalled: the HR admin starts it again (it resumes) or
    cancels it."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Starting appraisals"
        DONE = "done", "Finished"
        CANCELLED = "cancelled", "Cancelled"

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    cycle = models.ForeignKey(AppraisalCycle, on_delete=models.CASCADE, related_name="bulk_starts")
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(help_text="People without an appraisal in the cycle when asked.")
    started = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True, help_text="[{person, reason}] of those skipped.")
    attempts = models.PositiveIntegerField(
        default=0, help_text="Times a worker has claimed the run: an older worker stops writing when the run "
        "is resumed.")
    cancelled_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    resumed_at = models.DateTimeField(null=True, blank=True, help_text="When it was last started again.")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["cycle"], condition=Q(status__in=["queued", "running"]),
                                    name="bulk_start_one_at_a_time_per_cycle"),
        ]

    def __str__(self) -> str:
        return f"Start appraisals in {self.cycle}"

    @property
    def done(self) -> int:
        return self.started + self.skipped

    @property
    def active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def stalled(self) -> bool:
        """Queued or running, but no worker has reported for a while (it died, or the message was lost)."""
        return self.active and self.updated_at < timezone.now() - BULK_START_STALLED_AFTER


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Objective(TimeStamped):
    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="objectives")
    perspective = models.ForeignKey(TemplatePerspective, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=300)
    measure = models.CharField(max_length=300)
    target = models.CharField(max_length=200)
    actual = models.CharField(max_length=200, blank=True)
    weight = models.PositiveSmallIntegerField(
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Share of the perspective (objectives' weights in a perspective sum to 100).",
    )
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)]
    )

    class Meta:
        ordering = ["perspective__position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=100), name="objective_weight_range"
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=4),
                name="objective_rating_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class AppraiserException(TimeStamped):
    """A national admin's exception to R11's rule for one person: they may appraise without having
    completed the appraisal-skills course (e.g. a newly appointed director booked on the next run)."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="appraiser_exception")
    reason = models.TextField()
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="appraiser_exception_has_reason")]

    def __str__(self) -> str:
        return f"Appraiser exception for {self.person}"


class CompetencyRating(models.Model):
    """A competency of the framework, referenced by its code, rated 1 (Essential) to 4 (Exemplary)."""

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="competency_ratings")
    code = models.SlugField(max_length=60)
    rating = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["appraisal", "code"], name="competency_rating_unique"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=4), name="competency_rating_range"),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.rating}"


class AgreedNeed(TimeStamped):
    """A development need agreed at the appraisal meeting; copied to the development plan at sign-off."""

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="agreed_needs")
    description = models.CharField(max_length=500)
    competency_code = models.SlugField(max_length=60, blank=True)
    development_need_id = models.UUIDField(
        null=True, blank=True, help_text="The development plan need's public id, once copied."
    )

    class Meta:
        ordering = ["id"]


class Addendum(TimeStamped):
    """A correction or note added after sign-off: the signed-off record itself never changes."""

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="addenda")
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()

    class Meta:
        ordering = ["created_at"]
        verbose_name_plural = "addenda"


class CalibrationReview(TimeStamped):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="calibration_reviews"
    )
    cycle = models.ForeignKey(AppraisalCycle, on_delete=models.PROTECT, related_name="calibration_reviews")
    held_on = models.DateField()
    notes = models.TextField(blank=True)
    held_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class CalibrationChange(TimeStamped):
    review = models.ForeignKey(CalibrationReview, on_delete=models.CASCADE, related_name="changes")
    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="calibration_changes")
    band_before = models.CharField(max_length=30)
    band_after = models.CharField(max_length=30)
    reason = models.TextField()
    changed_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["created_at"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="calibration_change_has_reason")]


@pghistory.track(pghistory.DeleteEvent())  # deletes only: /api/v1/deletions/ reads them
class OrganisationScorecard(TimeStamped):
    """An organisation's balanced scorecard for one quarter (period = the quarter's first day)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="scorecards")
    period = models.DateField()

    class Meta:
        ordering = ["-period"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "period"], name="scorecard_one_per_quarter")
        ]
        indexes = [models.Index(fields=["updated_at", "public_id"])]

    def __str__(self) -> str:
        return f"{self.organisation.name} scorecard, quarter from {self.period:%b %Y}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class ScorecardMeasure(TimeStamped):
    """A measure entered by hand; the portal's own people measures are added when the page is read."""

    scorecard = models.ForeignKey(OrganisationScorecard, on_delete=models.CASCADE, related_name="measures")
    perspective = models.CharField(max_length=100)
    name = models.CharField(max_length=200)
    target = models.DecimalField(max_digits=12, decimal_places=2)
    actual = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    higher_is_better = models.BooleanField(default=True)

    class Meta:
        ordering = ["perspective", "name"]
        constraints = [models.UniqueConstraint(fields=["scorecard", "name"], name="scorecard_measure_unique")]


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class ScorecardTarget(TimeStamped):
    """An organisation's target for one of the portal's own people measures (leadership.measures slug);
    a rate's target is a percentage."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="scorecard_targets")
    measure = models.SlugField(max_length=60)
    target = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "measure"], name="scorecard_target_once"),
            models.CheckConstraint(condition=Q(target__gte=0), name="scorecard_target_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.measure} target for {self.organisation}"


def quantize(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))
