"""Talent pools and membership (R8, R19), talent reviews and succession, the graduate scheme (R6),
secondments (R7) and very senior manager contracts (R18)."""

import pghistory
from django.db import models
from django.db.models import Q

from leadership.models import Organisation, Person, SectorBackground, TimeStamped, User


class Readiness(models.TextChoices):
    READY_NOW = "ready_now", "Ready now"
    ONE_TO_TWO_YEARS = "one_to_two_years", "Ready in 1 to 2 years"
    THREE_PLUS_YEARS = "three_plus_years", "Ready in 3 years or more"


# Deletes feed /api/v1/deletions/ (pgh_label "delete"); inserts and updates are its history.
@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class TalentPool(TimeStamped):
    class Kind(models.TextChoices):
        NATIONAL_SENIOR = "national_senior", "National senior management pool"
        COMMISSIONER_LEADERSHIP = "commissioner_leadership", "CCG and ICB leadership pool"
        ASPIRING_DIRECTORS = "aspiring_directors", "Aspiring directors pool"
        VOLUNTEER_NED = "volunteer_ned", "Volunteer non-executive directors pool"
        ORGANISATION = "organisation", "Organisation pool"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    description = models.TextField(blank=True)
    region = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="regional_talent_pools",
        limit_choices_to={"kind": "region"},
    )
    owner = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="talent_pools",
        help_text="The organisation that runs an organisation pool.",
    )
    active = models.BooleanField(default=True)
    closed_on = models.DateField(null=True, blank=True)
    closed_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["kind", "name"]
        indexes = [models.Index(fields=["updated_at", "public_id"])]  # the API's keyset
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="organisation", owner__isnull=False)
                | (~Q(kind="organisation") & Q(owner__isnull=True)),
                name="talentpool_owner_only_for_organisation_pools",
            ),
            models.CheckConstraint(
                condition=~Q(kind="aspiring_directors") | Q(region__isnull=False),
                name="talentpool_aspiring_directors_has_region",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_cross_organisation(self) -> bool:
        """National and regional pools: members who consent are seen by HR admins of every trust."""
        return self.kind != self.Kind.ORGANISATION


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class PoolMembership(TimeStamped):
    class Status(models.TextChoices):
        NOMINATED = "nominated", "Nominated"
        UNDER_REVIEW = "under_review", "Under review"
        ACTIVE = "active", "Active"
        PLACED = "placed", "Placed"
        WITHDRAWN = "withdrawn", "Withdrawn"
        LAPSED = "lapsed", "Lapsed"

    class Route(models.TextChoices):
        LINE_MANAGER = "line_manager", "Nominated by line manager"
        HR_ADMIN = "hr_admin", "Nominated by HR admin"
        SELF = "self", "Self-nomination"

    OPEN_STATUSES = (Status.NOMINATED, Status.UNDER_REVIEW, Status.ACTIVE)

    pool = models.ForeignKey(TalentPool, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="pool_memberships")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOMINATED)
    route = models.CharField(max_length=20, choices=Route.choices)
    nominated_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    rationale = models.TextField()
    readiness = models.CharField(max_length=20, choices=Readiness.choices, blank=True)
    mobility_regions = models.ManyToManyField(
        Organisation, blank=True, related_name="+", limit_choices_to={"kind": "region"}
    )
    aspirations = models.TextField(blank=True)
    qualifications = models.TextField(blank=True, help_text="Qualifications beyond training records.")
    consent_to_share = models.BooleanField(
        default=False, help_text="The member agrees to be seen by HR admins of other organisations."
    )
    joined_on = models.DateField(null=True, blank=True)
    last_reviewed_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["pool", "person"],
                condition=Q(status__in=["nominated", "under_review", "active"]),
                name="talentpool_one_open_membership_per_pool",
            ),
            models.CheckConstraint(
                condition=~Q(status="active") | Q(joined_on__isnull=False),
                name="talentpool_active_member_has_joined_on",
            ),
        ]
        indexes = [
            models.Index(fields=["pool", "status", "readiness"]),
            models.Index(fields=["status", "last_reviewed_on"]),
            models.Index(fields=["updated_at", "public_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.pool}"


class MembershipDecision(models.Model):
    """Who moved a membership from one state to another, and why."""

    membership = models.ForeignKey(PoolMembership, on_delete=models.CASCADE, related_name="decisions")
    actor = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, choices=PoolMembership.Status.choices)
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} -> {self.to_status}"


class Shortlisting(TimeStamped):
    """A pool member put forward for a vacancy by an HR admin of any organisation."""

    membership = models.ForeignKey(PoolMembership, on_delete=models.CASCADE, related_name="shortlistings")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The organisation with the vacancy.",
    )
    vacancy = models.CharField(max_length=200)
    reason = models.TextField()
    shortlisted_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "organisation", "vacancy"], name="talentpool_shortlist_once_per_vacancy"
            )
        ]


class EligibilityPrompt(models.Model):
    """A person became eligible for the national pool and their HR admins were told (once)."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="pool_eligibility_prompt")
    prompted_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.person_id} prompted at {self.prompted_at:%Y-%m-%d}"


@pghistory.track(pghistory.InsertEvent(), pghistory.DeleteEvent())
class NationalPoolException(TimeStamped):
    """A national admin lets a person without the accredited senior qualification into the national
    senior pool (R8), with the reason on record."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="national_pool_exception")
    reason = models.TextField()
    granted_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self) -> str:
        return f"Exception for {self.person}"


# Talent reviews and succession


class TalentReview(TimeStamped):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DECIDED = "decided", "Decided"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="talent_reviews")
    title = models.CharField(max_length=200)
    held_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decision = models.TextField(blank=True)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Rating(models.IntegerChoices):
    LOW = 1, "Low"
    MODERATE = 2, "Moderate"
    HIGH = 3, "High"


class ReviewPlacement(TimeStamped):
    """One person's box in a review's 9-box grid: performance (rows) against potential (columns)."""

    class PerformanceSource(models.TextChoices):
        APPRAISAL = "appraisal", "From the latest appraisal"
        ENTERED = "entered", "Entered in the review"

    review = models.ForeignKey(TalentReview, on_delete=models.CASCADE, related_name="placements")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="review_placements")
    performance = models.PositiveSmallIntegerField(choices=Rating.choices)
    performance_source = models.CharField(max_length=10, choices=PerformanceSource.choices)
    potential = models.PositiveSmallIntegerField(choices=Rating.choices)
    notes = models.TextField(blank=True)
    agreed_actions = models.TextField(blank=True)
    placed_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-performance", "-potential", "person__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["review", "person"], name="talentpool_one_box_per_person"),
            models.CheckConstraint(
                condition=Q(performance__gte=1, performance__lte=3) & Q(potential__gte=1, potential__lte=3),
                name="talentpool_box_in_grid",
            ),
        ]


class SuccessionPlan(TimeStamped):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="succession_plans")
    post = models.CharField(max_length=200)
    holder = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["post"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "post"], name="talentpool_one_plan_per_post")
        ]

    def __str__(self) -> str:
        return self.post


# Readiness changes and removals keep their history, with the actor from the audit context.
@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class SuccessionCandidate(models.Model):
    plan = models.ForeignKey(SuccessionPlan, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    readiness = models.CharField(max_length=20, choices=Readiness.choices)
    added_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["readiness", "person__last_name"]
        constraints = [models.UniqueConstraint(fields=["plan", "person"], name="talentpool_candidate_once")]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.get_readiness_display()}"


# Graduate scheme (R6)


# Far above any intake the scheme has had (about 200 a year), far below what the column holds.
GRADUATE_BASELINE_MAX = 100_000
INTAKE_YEARS = (2000, 2100)
MINIMUM_TERM_MONTHS = (1, 240)


class GraduateSchemeSettings(models.Model):
    """One row: the 2015 intake the tenfold target is measured against (editable by national admins)."""

    baseline_2015_intake = models.PositiveIntegerField(
        default=100,
        help_text="Graduate management training scheme intake in 2015 (default 100, unconfirmed).",
    )
    target_multiplier = models.PositiveSmallIntegerField(default=10)

    class Meta:
        verbose_name_plural = "graduate scheme settings"

    def __str__(self) -> str:
        return f"2015 intake {self.baseline_2015_intake}, target x{self.target_multiplier}"

    @classmethod
    def current(cls) -> "GraduateSchemeSettings":
        return cls.objects.order_by("id").first() or cls.objects.create()

    @property
    def annual_target(self) -> int:
        return self.baseline_2015_intake * self.target_multiplier


class GraduateCohort(TimeStamped):
    class Pathway(models.TextChoices):
        GENERAL_MANAGEMENT = "general_management", "General management"
        FINANCE = "finance", "Finance"
        HR = "hr", "Human resources"
        HEALTH_INFORMATICS = "health_informatics", "Health informatics"
        POLICY_AND_STRATEGY = "policy_and_strategy", "Policy and strategy"

    intake_year = models.PositiveSmallIntegerField()
    pathway = models.CharField(max_length=30, choices=Pathway.choices)

    class Meta:
        ordering = ["-intake_year", "pathway"]
        constraints = [
            models.UniqueConstraint(fields=["intake_year", "pathway"], name="talentpool_cohort_once")
        ]

    def __str__(self) -> str:
        return f"{self.intake_year} {self.get_pathway_display()}"


@pghistory.track(pghistory.DeleteEvent())  # deletes only: /api/v1/deletions/ reads them
class GraduateTrainee(TimeStamped):
    class Outcome(models.TextChoices):
        PENDING = "pending", "Not yet offered"
        OFFERED = "offered", "Post offered"
        ACCEPTED = "accepted", "Post accepted"
        DECLINED = "declined", "Post declined"

    cohort = models.ForeignKey(GraduateCohort, on_delete=models.PROTECT, related_name="trainees")
    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="graduate_trainee")
    scheme_year = models.PositiveSmallIntegerField(default=1)
    quality_gate_passed = models.BooleanField(default=False)
    assessment_gate_passed = models.BooleanField(default=False)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Where the trainee lands.",
    )
    outcome_post = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["person__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scheme_year__gte=1, scheme_year__lte=3), name="talentpool_scheme_year_1_to_3"
            ),
            models.CheckConstraint(
                condition=Q(outcome="pending") | Q(quality_gate_passed=True, assessment_gate_passed=True),
                name="talentpool_outcome_after_gates",
            ),
        ]
        indexes = [models.Index(fields=["updated_at", "public_id"])]

    def __str__(self) -> str:
        return f"{self.person} ({self.cohort})"


class Placement(TimeStamped):
    trainee = models.ForeignKey(GraduateTrainee, on_delete=models.CASCADE, related_name="placements")
    host = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField()
    ends_on = models.DateField()
    supervisor = models.CharField(max_length=200)
    review = models.TextField(blank=True, help_text="The placement review.")

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="talentpool_placement_ends_after_start"
            )
        ]


# Secondments (R7) and very senior manager contracts (R18)


# Deletes feed /api/v1/deletions/ (pgh_label "delete"); inserts and updates are its history.
@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Secondment(TimeStamped):
    class Direction(models.TextChoices):
        OUT_OF_NHS = "out", "Out of the NHS"
        INTO_NHS = "in", "Into the NHS"

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="secondments",
        help_text="The NHS organisation: home for a secondment out, host for one in.",
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="secondments")
    direction = models.CharField(max_length=3, choices=Direction.choices)
    external_sector = models.CharField(
        max_length=20, choices=[c for c in SectorBackground.choices if c[0] != SectorBackground.NHS]
    )
    external_organisation = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()
    purpose = models.TextField()
    outcome = models.TextField(blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    cancelled_on = models.DateField(null=True, blank=True)
    cancelled_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="talentpool_secondment_ends_after_start"
            )
        ]
        indexes = [
            models.Index(fields=["updated_at", "public_id"]),
            models.Index(fields=["organisation", "direction"]),
        ]


# Deletes feed /api/v1/deletions/ (pgh_label "delete"); inserts and updates are its history.
@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class SeniorContract(TimeStamped):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="senior_contracts")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    post = models.CharField(max_length=200)
    starts_on = models.DateField()
    minimum_term_months = models.PositiveSmallIntegerField()
    minimum_term_ends_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    next_assessment_due = models.DateField()
    last_assessed_on = models.DateField(null=True, blank=True)
    next_appraisal_due = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    ended_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["minimum_term_ends_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_term_months__gte=1), name="talentpool_minimum_term_positive"
            )
        ]
        indexes = [models.Index(fields=["updated_at", "public_id"]),
                   models.Index(fields=["next_assessment_due"])]

    def __str__(self) -> str:
        return f"{self.post}, {self.organisation}"
