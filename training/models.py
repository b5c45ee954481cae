"""Providers, courses and runs, enrolments, training records, qualifications and evaluations (R3-R5, R8).

Accreditation is computed from dates (`Provider.objects.accredited_on(day)`), never from a nightly
flag, so a provider stops counting as accredited on the day after its valid-until date.
"""

import uuid
from datetime import date

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from leadership.development.framework_data import NATIONAL_COMPETENCY_NAMES
from leadership.models import ImportJob, ManagementLevel, Organisation, Person, TimeStamped, User
from leadership.validators import validate_plain_text

# Competencies are referenced by code; the framework itself lives in leadership (issue 4).
COMPETENCY_LABELS = {
    code: name + (" (management basics)" if code.startswith("basics-") else "")
    for code, name in NATIONAL_COMPETENCY_NAMES
}


class AccreditationStatus(models.TextChoices):
    ACCREDITED = "accredited", "Accredited"
    NOMINATED = "nominated", "Nominated"
    PENDING = "pending", "Pending"
    LAPSED = "lapsed", "Lapsed"


class ProviderKind(models.TextChoices):
    NHS = "nhs", "NHS body"
    UNIVERSITY = "university", "University"
    PRIVATE = "private", "Private provider"
    THIRD_SECTOR = "third_sector", "Third-sector provider"


class ProviderQuerySet(models.QuerySet):
    def accredited_on(self, day: date):
        """Accredited on `day`: the status says so and `day` falls within the valid dates."""
        return self.filter(
            Q(accredited_from__isnull=True) | Q(accredited_from__lte=day),
            Q(accredited_until__isnull=True) | Q(accredited_until__gte=day),
            accreditation_status=AccreditationStatus.ACCREDITED,
        )


class Provider(TimeStamped):
    """A training establishment on the national register (R5)."""

    Status = AccreditationStatus
    Kind = ProviderKind

    name = models.CharField(max_length=200, unique=True, validators=[validate_plain_text])
    kind = models.CharField(max_length=20, choices=ProviderKind.choices)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The portal organisation, where the provider is one (e.g. a training body).",
    )
    website = models.URLField(blank=True)
    accreditation_status = models.CharField(
        max_length=20, choices=AccreditationStatus.choices, default=AccreditationStatus.PENDING
    )
    accrediting_body = models.CharField(max_length=200, blank=True)
    accredited_from = models.DateField(null=True, blank=True)
    accredited_until = models.DateField(
        null=True, blank=True, help_text="The last day the accreditation is valid."
    )

    objects = ProviderQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(accredited_until__isnull=True)
                | Q(accredited_from__isnull=True)
                | Q(accredited_until__gte=models.F("accredited_from")),
                name="provider_accreditation_dates_in_order",
            ),
        ]
        indexes = [
            models.Index(fields=["updated_at", "public_id"]),
            models.Index(fields=["accreditation_status", "accredited_until"]),
        ]

    def __str__(self) -> str:
        return self.name

    def is_accredited_on(self, day: date) -> bool:
        return (
            self.accreditation_status == AccreditationStatus.ACCREDITED
            and (self.accredited_from is None or self.accredited_from <= day)
            and (self.accredited_until is None or day <= self.accredited_until)
        )

    def effective_status(self, day: date) -> str:
        """The status as of `day`: an accreditation past its dates reads as lapsed."""
        if self.accreditation_status == AccreditationStatus.ACCREDITED and not self.is_accredited_on(day):
            if self.accredited_from is not None and day < self.accredited_from:
                return AccreditationStatus.PENDING
            return AccreditationStatus.LAPSED
        return self.accreditation_status


class Topic(models.TextChoices):
    APPRAISAL = "appraisal", "Appraisal (management basics)"
    MOTIVATION = "motivation", "Motivation (management basics)"
    NEGOTIATION = "negotiation", "Negotiation (management basics)"
    LEADERSHIP = "leadership", "Leadership (management basics)"
    COMMISSIONING = "commissioning", "Commissioning (CCG/ICB staff)"
    BOARD_DEVELOPMENT = "board_development", "Board development"
    APPRAISAL_SKILLS = "appraisal_skills", "Appraisal skills (for appraisers)"


MANAGEMENT_BASICS = (Topic.APPRAISAL, Topic.MOTIVATION, Topic.NEGOTIATION, Topic.LEADERSHIP)
MANAGER_LEVELS = [level for level in ManagementLevel.values if level != ManagementLevel.NONE]


class Mode(models.TextChoices):
    FACE_TO_FACE = "face_to_face", "Face to face"
    ONLINE = "online", "Online"
    BLENDED = "blended", "Blended"


class Course(TimeStamped):
    Topic = Topic
    Mode = Mode

    code = models.SlugField(max_length=60, unique=True, help_text="A short stable code, used in imports.")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="courses")
    title = models.CharField(max_length=200, validators=[validate_plain_text])
    summary = models.TextField(blank=True)
    topics = ArrayField(models.CharField(max_length=30, choices=Topic.choices), default=list, blank=True)
    levels = ArrayField(
        models.CharField(max_length=20, choices=ManagementLevel.choices),
        default=list,
        blank=True,
        verbose_name="management levels",
        help_text="The management levels the course is for.",
    )
    cross_functional = models.BooleanField(
        default=False, help_text="Brings clinical and non-clinical managers together."
    )
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.FACE_TO_FACE)
    hours = models.DecimalField(max_digits=6, decimal_places=1, validators=[MinValueValidator(0)])
    cost = models.DecimalField(
        "cost per place (£)", max_digits=9, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    competency_codes = ArrayField(
        models.CharField(max_length=60),
        default=list,
        blank=True,
        verbose_name="competencies",
    )
    qualification = models.CharField(
        max_length=200, blank=True, help_text="The accredited qualification completion gives, if any."
    )
    senior_qualification = models.BooleanField(
        default=False, help_text="Completion gives the accredited senior management qualification (R8)."
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(senior_qualification=False) | ~Q(qualification=""),
                name="course_senior_qualification_is_named",
            ),
            models.CheckConstraint(condition=Q(hours__gte=0) & Q(cost__gte=0), name="course_non_negative"),
        ]
        indexes = [
            GinIndex(fields=["topics"]),
            GinIndex(fields=["levels"]),
            GinIndex(fields=["competency_codes"]),
            models.Index(fields=["updated_at", "public_id"]),
            models.Index(fields=["provider", "title"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def gives_qualification(self) -> bool:
        return bool(self.qualification)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class CourseRun(TimeStamped):
    """One presentation of a course: dates, place and the number of places."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="runs")
    starts_on = models.DateField()
    ends_on = models.DateField()
    place = models.CharField(max_length=200, help_text="A venue, or 'Online'.")
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    cancelled = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="run_dates_in_order"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="run_has_a_place"),
        ]
        indexes = [models.Index(fields=["course", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.course.title}, {self.starts_on:%d %b %Y}"


ACTIVE_ENROLMENT = ("requested", "enrolled", "waitlisted")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Enrolment(TimeStamped):
    """A person's request for a place on a run, and what became of it."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Waiting for line manager"
        ENROLLED = "enrolled", "Place confirmed"
        WAITLISTED = "waitlisted", "On the waiting list"
        DECLINED = "declined", "Declined"
        CANCELLED = "cancelled", "Cancelled"

    run = models.ForeignKey(CourseRun, on_delete=models.PROTECT, related_name="enrolments")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="enrolments")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    # The waiting list is first come, first served from the moment of approval.
    queued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "person"],
                condition=Q(status__in=ACTIVE_ENROLMENT),
                name="enrolment_one_active_per_run",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decision_reason=""),
                name="enrolment_decline_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["run", "status", "queued_at"]),
            models.Index(fields=["person", "status"]),
            models.Index(fields=["updated_at", "public_id"]),  # the API's keyset order
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.run} ({self.get_status_display()})"


def certificate_path(record: "TrainingRecord", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"training/certificates/{uuid.uuid4()}.{extension}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class TrainingRecord(TimeStamped):
    """What a person did: a course in the catalogue, or external training an HR admin records."""

    class Status(models.TextChoices):
        ATTENDED = "attended", "Attended"
        COMPLETED = "completed", "Completed"
        FAILED = "failed", "Failed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Source(models.TextChoices):
        ENROLMENT = "enrolment", "Enrolment"
        MANUAL = "manual", "Recorded by HR"
        IMPORT = "import", "Imported"
        TRANSFERRED = "transferred", "Transferred from another NHS organisation"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="training_records")
    # Denormalised from person for the organisation-scoped lists, dashboards and the API.
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    course = models.ForeignKey(
        Course, null=True, blank=True, on_delete=models.PROTECT, related_name="records"
    )
    run = models.ForeignKey(CourseRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    enrolment = models.OneToOneField(
        Enrolment, null=True, blank=True, on_delete=models.SET_NULL, related_name="record"
    )
    title = models.CharField(max_length=200, help_text="The course title, or the external training's.",
                             validators=[validate_plain_text])
    provider_name = models.CharField(max_length=200, blank=True, validators=[validate_plain_text])
    status = models.CharField(max_length=20, choices=Status.choices)
    on = models.DateField("date", help_text="The day the training ended (or the person withdrew).")
    hours = models.DecimalField(max_digits=6, decimal_places=1, default=0, validators=[MinValueValidator(0)])
    cost = models.DecimalField(
        "cost (£)", max_digits=9, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    certificate = models.FileField(upload_to=certificate_path, blank=True, max_length=200)
    certificate_name = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.MANUAL)
    # A transferred record (leadership passport import) names the organisation it came from.
    transferred_from = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gte=0) & Q(cost__gte=0), name="record_non_negative"),
            models.CheckConstraint(condition=~Q(title=""), name="record_has_title"),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "on"]),
            models.Index(fields=["person", "on"]),
            models.Index(fields=["course", "status"]),
            # The API's keyset order: a trust's pull walks the first, an ICB's (many trusts) the second.
            models.Index(fields=["organisation", "updated_at", "public_id"]),
            models.Index(fields=["updated_at", "public_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.title}: {self.person} ({self.get_status_display()})"


class Qualification(TimeStamped):
    """An accredited qualification a person holds because they completed a course."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="qualifications")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="+")
    record = models.ForeignKey(TrainingRecord, null=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(max_length=200)
    senior = models.BooleanField(default=False)
    awarded_on = models.DateField()
    transferred_from = models.CharField(
        max_length=300, blank=True,
        help_text="Set when imported with a leadership passport: where it came from.")

    class Meta:
        ordering = ["-awarded_on"]
        constraints = [
            models.UniqueConstraint(fields=["person", "course"], name="qualification_once_per_course"),
        ]
        indexes = [models.Index(fields=["senior", "person"])]

    def __str__(self) -> str:
        return f"{self.name}: {self.person}"


def _score():
    return models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])


class Evaluation(models.Model):
    """The attendee's rating of a completed course, 1 to 5 on three questions."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    record = models.OneToOneField(TrainingRecord, on_delete=models.CASCADE, related_name="evaluation")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="evaluations")
    content = _score()
    delivery = _score()
    relevance = _score()
    comment = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(content__range=(1, 5)) & Q(delivery__range=(1, 5)) & Q(relevance__range=(1, 5)),
                name="evaluation_scores_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"Evaluation of {self.course}"


class TrainingImport(ImportJob):
    """One upload of a training-record CSV (see docs/data-import.md)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")

    class Meta(ImportJob.Meta):
        pass


@pghistory.track(pghistory.InsertEvent(), pghistory.DeleteEvent())
class PathwayCourse(models.Model):
    """A course that helps towards a career pathway. The pathway lives in the core (leadership), so the
    link lives here, a layer above it, and the pathway's page shows it through leadership.pathway_page."""

    pathway = models.ForeignKey("leadership.CareerPathway", on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="pathway_links")
    added_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["course__title", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pathway", "course"], name="pathway_course_once"),
        ]

    def __str__(self) -> str:
        return f"{self.course} helps towards {self.pathway}"
