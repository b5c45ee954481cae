"""Data returns and their reviews (R12, R14), Burden Impact Assessments (R16), board positions, board
member reviews, fit and proper person checks and volunteer non-executives (R19)."""

from decimal import Decimal

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q

from leadership.models import Band, Organisation, Person, SectorBackground, TimeStamped, User

# The Agenda for Change hourly cost: a band's annual midpoint over the standard working year.
WORKING_HOURS_PER_YEAR = Decimal("1950")
VOLUNTEER_REGISTER_ODS = "XVN"  # the national "Volunteer non-executive register" organisation


class RequestingBody(models.TextChoices):
    NHS_ENGLAND = "nhs_england", "NHS England"
    CQC = "cqc", "Care Quality Commission"
    NHS_DIGITAL = "nhs_digital", "NHS Digital"
    DHSC = "dhsc", "Department of Health and Social Care"
    ICB = "icb", "Integrated care board"
    OTHER = "other", "Another body"


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    TWICE_YEARLY = "twice_yearly", "Twice a year"
    YEARLY = "yearly", "Yearly"


RETURNS_PER_YEAR = {
    Frequency.WEEKLY: 52,
    Frequency.MONTHLY: 12,
    Frequency.QUARTERLY: 4,
    Frequency.TWICE_YEARLY: 2,
    Frequency.YEARLY: 1,
}


class CompetencyDomain(models.TextChoices):
    """NHS England's leadership competency framework for board members (2024), six domains."""

    OUTCOMES = "outcomes", "Driving high-quality and sustainable outcomes"
    STRATEGY = "strategy", "Setting strategy and delivering long-term transformation"
    EQUALITY = "equality", "Promoting equality and inclusion, and reducing health and workforce inequalities"
    CULTURE = "culture", "Creating a compassionate, just and positive culture"
    PARTNERS = "partners", "Building a trusted relationship with partners and communities"
    GOVERNANCE = "governance", "Providing robust governance and assurance"


class WellLedTheme(models.TextChoices):
    """CQC Well-Led key lines of enquiry (2017 trust framework)."""

    W1 = "w1", "Leadership capacity and capability"
    W2 = "w2", "Vision and strategy"
    W3 = "w3", "Culture"
    W4 = "w4", "Governance and management"
    W5 = "w5", "Risks, issues and performance"
    W6 = "w6", "Information"
    W7 = "w7", "Engagement with people and partners"
    W8 = "w8", "Learning, continuous improvement and innovation"


class Rating(models.IntegerChoices):
    ESSENTIAL = 1, "Essential"
    PROFICIENT = 2, "Proficient"
    STRONG = 3, "Strong"
    EXEMPLARY = 4, "Exemplary"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class DataItem(TimeStamped):
    """One entry of the shared catalogue: every return names its items from here, so overlaps show."""

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class DataReturn(TimeStamped):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="data_returns")
    title = models.CharField(max_length=200)
    requesting_body = models.CharField(max_length=20, choices=RequestingBody.choices)
    requesting_body_other = models.CharField("Other requesting body", max_length=200, blank=True)
    purpose = models.TextField()
    legal_basis = models.CharField(max_length=300)
    frequency = models.CharField(max_length=20, choices=Frequency.choices)
    items = models.ManyToManyField(DataItem, related_name="data_returns")
    owner = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    staff_roles = models.CharField("Staff roles that complete it", max_length=300)
    hours_per_return = models.DecimalField("Hours to complete each time", max_digits=7, decimal_places=2)
    review_interval_months = models.PositiveSmallIntegerField(default=12)
    next_review_due = models.DateField()
    active = models.BooleanField(default=True, help_text="False once a review stopped it or it was ended.")
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    ended_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_return__gte=0), name="governance_return_hours_positive"
            ),
            models.CheckConstraint(
                condition=Q(review_interval_months__gte=1, review_interval_months__lte=60),
                name="governance_return_review_interval",
            ),
        ]
        indexes = [
            models.Index(fields=["updated_at", "public_id"]),
            models.Index(fields=["organisation", "next_review_due"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def returns_per_year(self) -> int:
        return RETURNS_PER_YEAR[self.frequency]

    @property
    def hours_per_year(self) -> Decimal:
        return self.hours_per_return * self.returns_per_year

    @property
    def requesting_body_label(self) -> str:
        if self.requesting_body == RequestingBody.OTHER and self.requesting_body_other:
            return self.requesting_body_other
        return self.get_requesting_body_display()


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class DataReturnReview(TimeStamped):
    class Decision(models.TextChoices):
        KEEP = "keep", "Keep as it is"
        SIMPLIFY = "simplify", "Simplify"
        REDUCE_FREQUENCY = "reduce_frequency", "Reduce its frequency"
        MERGE = "merge", "Merge with another return"
        STOP = "stop", "Stop"

    data_return = models.ForeignKey(DataReturn, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    still_needed = models.BooleanField()
    decision = models.CharField(max_length=20, choices=Decision.choices)
    findings = models.TextField()
    merged_into = models.ForeignKey(
        DataReturn, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hours_saved_per_year = models.DecimalField(max_digits=9, decimal_places=2, default=Decimal("0"))
    reviewed_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_saved_per_year__gte=0), name="governance_review_saving_positive"
            ),
        ]
        indexes = [models.Index(fields=["reviewed_on"])]


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class PayBandRate(TimeStamped):
    """An Agenda for Change band's annual midpoint; seeded "unconfirmed", national admins edit it."""

    band = models.CharField(max_length=10, choices=Band.choices, unique=True)
    annual_midpoint = models.DecimalField(max_digits=9, decimal_places=2)
    confirmed = models.BooleanField(default=False)
    source = models.CharField(max_length=300, blank=True)
    updated_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["annual_midpoint"]
        constraints = [
            models.CheckConstraint(condition=Q(annual_midpoint__gt=0), name="governance_midpoint_positive")
        ]

    def __str__(self) -> str:
        return self.get_band_display()

    @property
    def hourly_cost(self) -> Decimal:
        return (self.annual_midpoint / WORKING_HOURS_PER_YEAR).quantize(Decimal("0.01"))


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class BurdenAssessment(TimeStamped):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"
        APPROVED_WITH_CHANGES = "approved_with_changes", "Approved with changes"
        REJECTED = "rejected", "Rejected"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="burden_assessments"
    )
    title = models.CharField(max_length=200)
    request_description = models.TextField("What the new or changed request asks")
    requesting_body = models.CharField(max_length=20, choices=RequestingBody.choices)
    frequency = models.CharField(max_length=20, choices=Frequency.choices)
    organisations_affected = models.PositiveIntegerField()
    items = models.ManyToManyField(DataItem, related_name="burden_assessments")
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.DRAFT)
    decision_notes = models.TextField(blank=True)
    approved_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    approver_name = models.CharField(max_length=200, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    published = models.BooleanField(
        default=False, help_text="Published assessments are readable across the NHS."
    )
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisations_affected__gte=1), name="governance_bia_affects_someone"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(decided_on__isnull=False),
                name="governance_bia_decision_dated",
            ),
        ]
        indexes = [models.Index(fields=["updated_at", "public_id"]), models.Index(fields=["published"])]

    def __str__(self) -> str:
        return self.title

    @property
    def returns_per_year(self) -> int:
        return RETURNS_PER_YEAR[self.frequency]


class BurdenRole(models.Model):
    """One staff role's time on each return, costed at its band's hourly rate."""

    assessment = models.ForeignKey(BurdenAssessment, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=200)
    band = models.CharField(max_length=10, choices=Band.choices)
    minutes_per_return = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(minutes_per_return__gte=1), name="governance_role_minutes")
        ]

    def __str__(self) -> str:
        return f"{self.role} ({self.get_band_display()})"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class BoardPosition(TimeStamped):
    class Kind(models.TextChoices):
        CHAIR = "chair", "Chair"
        NON_EXECUTIVE = "non_executive", "Non-executive director"
        EXECUTIVE = "executive", "Executive director"
        LAY_MEMBER = "lay_member", "CCG or ICB lay member"
        VOLUNTEER_NED = "volunteer_ned", "Volunteer non-executive director"

    NON_EXECUTIVE_KINDS = (Kind.CHAIR, Kind.NON_EXECUTIVE, Kind.LAY_MEMBER, Kind.VOLUNTEER_NED)

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="board_positions")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="board_positions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    remuneration_per_year = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    time_commitment = models.CharField(max_length=200, blank=True)
    sector_of_origin = models.CharField(
        max_length=20, choices=SectorBackground.choices, default=SectorBackground.NHS
    )
    next_review_due = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    ended_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["kind", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=models.F("starts_on")),
                name="governance_position_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(kind="chair", ends_on__isnull=True),
                name="governance_one_current_chair",
            ),
        ]
        indexes = [
            models.Index(fields=["updated_at", "public_id"]),
            models.Index(fields=["organisation", "kind"]),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.organisation.name}"

    @property
    def is_non_executive(self) -> bool:
        return self.kind in self.NON_EXECUTIVE_KINDS

    def is_former(self, today) -> bool:
        """The term's end date is its last day: from the next day the position is former."""
        return self.ends_on is not None and self.ends_on < today


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class BoardReview(TimeStamped):
    """The annual review of a non-executive: competence, Well-Led, activity and remuneration."""

    position = models.ForeignKey(BoardPosition, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    competence = models.JSONField(default=dict, help_text="Competency domain -> rating (1-4).")
    well_led = models.JSONField(default=dict, help_text="Well-Led theme -> rating (1-4).")
    meetings_expected = models.PositiveSmallIntegerField()
    meetings_attended = models.PositiveSmallIntegerField()
    committees = models.CharField(max_length=300, blank=True)
    remuneration_review = models.TextField()
    findings = models.TextField()
    reviewed_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(meetings_attended__lte=models.F("meetings_expected")),
                name="governance_review_attendance",
            ),
        ]


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class FitProperCheck(TimeStamped):
    """One check of the 2023 fit and proper person test; it belongs to the person, so it travels."""

    class Kind(models.TextChoices):
        GOOD_CHARACTER = "good_character", "Good character"
        QUALIFICATIONS = "qualifications", "Qualifications and competence"
        HEALTH = "health", "Health"
        NO_MISCONDUCT = "no_misconduct", "No serious misconduct or mismanagement"
        NO_UNFITNESS = "no_unfitness", "No grounds of unfitness"

    class Outcome(models.TextChoices):
        SATISFACTORY = "satisfactory", "Satisfactory"
        CONCERN = "concern", "Concern raised"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="fit_proper_checks")
    recorded_for = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    checked_on = models.DateField()
    evidence = models.TextField()
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-checked_on", "kind"]


@pghistory.track(pghistory.InsertEvent())
class FitProperAttestation(TimeStamped):
    """A board member's annual self-attestation that they remain fit and proper."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="fit_proper_attestations")
    year = models.PositiveSmallIntegerField()
    attested_on = models.DateField()
    statement = models.TextField()

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="governance_one_attestation_a_year")
        ]


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class VolunteerProfile(TimeStamped):
    """An outside person on the volunteer non-executive register (a person of the register organisation)."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="volunteer_profile")
    sector_of_origin = models.CharField(max_length=20, choices=SectorBackground.choices)
    current_role = models.CharField(max_length=200)
    skills = ArrayField(models.CharField(max_length=20, choices=CompetencyDomain.choices), default=list)
    consent_to_share = models.BooleanField(default=False)
    consent_recorded_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(sector_of_origin="nhs"), name="governance_volunteer_from_outside"
            ),
        ]
