"""Organisations, users, people and roles: the core every other app stands on."""

import uuid

import pghistory
import pgtrigger
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower, Upper
from django.utils import timezone

from leadership.validators import validate_plain_text


class TimeStamped(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "updated_at" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "updated_at"]
        super().save(*args, **kwargs)


class OrganisationKind(models.TextChoices):
    NHS_TRUST = "nhs_trust", "NHS trust"
    FOUNDATION_TRUST = "foundation_trust", "NHS foundation trust"
    CCG = "ccg", "Clinical commissioning group"
    ICB = "icb", "Integrated care board"
    REGION = "region", "NHS England region"
    NATIONAL_BODY = "national_body", "National body"
    TRAINING_BODY = "training_body", "Training body"


# Kinds that employ and manage staff directly; footprints (ICB, CCG, region) see those under them.
EMPLOYER_KINDS = {OrganisationKind.NHS_TRUST, OrganisationKind.FOUNDATION_TRUST}
FOOTPRINT_KINDS = {OrganisationKind.CCG, OrganisationKind.ICB, OrganisationKind.REGION}


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Organisation(TimeStamped):
    Kind = OrganisationKind

    ods_code = models.CharField("ODS code", max_length=10, unique=True, validators=[validate_plain_text])
    name = models.CharField(max_length=200, validators=[validate_plain_text])
    kind = models.CharField(max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    active = models.BooleanField(default=True)
    dissolved_on = models.DateField(null=True, blank=True)
    successor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="predecessors",
        help_text="The organisation that took over when this one was dissolved or merged.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="org_not_own_parent"),
            models.CheckConstraint(
                condition=~Q(successor=models.F("id")), name="org_not_own_successor"
            ),
            models.CheckConstraint(condition=Q(ods_code=Upper("ods_code")), name="org_ods_upper"),
            models.CheckConstraint(
                condition=Q(active=True) | Q(dissolved_on__isnull=False),
                name="org_inactive_has_dissolved_date",
            ),
        ]
        # (updated_at, public_id) is the API's keyset order (leadership/api/pagination.py).
        indexes = [models.Index(fields=["kind", "name"]), models.Index(fields=["updated_at", "public_id"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.ods_code})"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A login. Email is the user name; what the user may see comes from leadership.access."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(unique=True, validators=[validate_plain_text])
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May sign in to the Django admin.")
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(email=Lower("email")), name="user_email_lowercase")
        ]

    def __str__(self) -> str:
        return self.email


class ManagementLevel(models.TextChoices):
    NONE = "none", "Not a manager"
    FIRST_LINE = "first_line", "First-line"
    MIDDLE = "middle", "Middle"
    SENIOR = "senior", "Senior"
    EXECUTIVE = "executive", "Executive / VSM"
    BOARD = "board", "Board"


class Band(models.TextChoices):
    BAND_2 = "2", "Band 2"
    BAND_3 = "3", "Band 3"
    BAND_4 = "4", "Band 4"
    BAND_5 = "5", "Band 5"
    BAND_6 = "6", "Band 6"
    BAND_7 = "7", "Band 7"
    BAND_8A = "8a", "Band 8a"
    BAND_8B = "8b", "Band 8b"
    BAND_8C = "8c", "Band 8c"
    BAND_8D = "8d", "Band 8d"
    BAND_9 = "9", "Band 9"
    VSM = "vsm", "Very senior manager"
    NON_AFC = "non_afc", "Not on Agenda for Change"


class StaffGroup(models.TextChoices):
    ADMIN_CLERICAL = "admin_clerical", "Administrative and clerical"
    ADDITIONAL_CLINICAL = "additional_clinical", "Additional clinical services"
    AHP = "ahp", "Allied health professionals"
    SCIENTIFIC = "scientific", "Additional professional scientific and technical"
    ESTATES = "estates", "Estates and ancillary"
    HEALTHCARE_SCIENTISTS = "healthcare_scientists", "Healthcare scientists"
    MEDICAL_DENTAL = "medical_dental", "Medical and dental"
    NURSING_MIDWIFERY = "nursing_midwifery", "Nursing and midwifery registered"
    STUDENTS = "students", "Students"


class SectorBackground(models.TextChoices):
    NHS = "nhs", "NHS"
    OTHER_PUBLIC = "other_public", "Other public sector"
    PRIVATE = "private", "Private sector"
    THIRD_SECTOR = "third_sector", "Third sector"


class CommissionerRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    ACCOUNTABLE_OFFICER = "accountable_officer", "Accountable officer"
    CHIEF_CLINICAL_OFFICER = "chief_clinical_officer", "Chief clinical officer"
    LAY_MEMBER = "lay_member", "Lay member"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Person(TimeStamped):
    """A member of NHS staff, with or without a login."""

    Level = ManagementLevel

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    employee_number = models.CharField(max_length=30, validators=[validate_plain_text])
    first_name = models.CharField(max_length=100, validators=[validate_plain_text])
    last_name = models.CharField(max_length=100, validators=[validate_plain_text])
    work_email = models.EmailField(blank=True, validators=[validate_plain_text])
    job_title = models.CharField(max_length=200, blank=True, validators=[validate_plain_text])
    line_manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    management_level = models.CharField(
        max_length=20, choices=ManagementLevel.choices, default=ManagementLevel.NONE
    )
    band = models.CharField(max_length=10, choices=Band.choices, blank=True)
    staff_group = models.CharField(max_length=30, choices=StaffGroup.choices, blank=True)
    professional_registration = models.CharField(max_length=50, blank=True,
                                                 validators=[validate_plain_text])
    sector_background = models.CharField(
        max_length=20, choices=SectorBackground.choices, default=SectorBackground.NHS
    )
    commissioner_roles = ArrayField(
        models.CharField(max_length=30, choices=CommissionerRole.choices),
        default=list, blank=True, verbose_name="CCG/ICB leadership roles",
    )
    user = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    active = models.BooleanField(default=True)
    left_on = models.DateField(
        "leaving date", null=True, blank=True,
        help_text="Set when the person leaves; their record is anonymised after the retention period.",
    )
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "employee_number"], name="person_unique_employee_number"
            ),
            models.CheckConstraint(
                condition=~Q(line_manager=models.F("id")), name="person_not_own_manager"
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "last_name", "first_name"]),
            models.Index(fields=["organisation", "management_level"]),
            models.Index(fields=["organisation", "band"]),
            models.Index(fields=["organisation", "staff_group"]),
            models.Index(fields=["updated_at", "public_id"]),
            models.Index(fields=["organisation", "updated_at", "public_id"]),
            # The 360 rater picker finds other organisations' staff by exact work email (iexact).
            models.Index(Upper("work_email"), name="person_work_email_upper"),
            GinIndex(fields=["commissioner_roles"]),
            # The retention sweep's claim: leavers not yet anonymised, oldest leaving date first.
            models.Index(fields=["left_on"], condition=Q(left_on__isnull=False, anonymised_at__isnull=True),
                         name="person_retention_due"),
        ]
        triggers = [
            # Every way a record becomes a leaver's (import, page, admin, API) dates the leaving, and a
            # returner's record loses it, so the retention rule never misses nor catches anyone.
            pgtrigger.Trigger(
                name="person_leaving_date",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert | pgtrigger.Update,
                func=(
                    "IF NEW.active THEN NEW.left_on = NULL; "
                    "ELSIF NEW.left_on IS NULL THEN "
                    "NEW.left_on = (now() AT TIME ZONE 'Europe/London')::date; END IF; RETURN NEW;"
                ),
            ),
            # A manager's deletion nulls their reports' line_manager in SQL, not through save():
            # stamp those rows too, so an API delta pull (updated_since) sees the change.
            pgtrigger.Trigger(
                name="person_touch_on_manager_change",
                when=pgtrigger.Before,
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__line_manager_id__df=pgtrigger.F("new__line_manager_id"),
                                      old__updated_at=pgtrigger.F("new__updated_at")),
                func="NEW.updated_at = clock_timestamp(); RETURN NEW;",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def commissioner_roles_display(self) -> str:
        labels = dict(CommissionerRole.choices)
        return ", ".join(str(labels.get(role, role)) for role in self.commissioner_roles)


class Role(models.TextChoices):
    HR_ADMIN = "hr_admin", "HR admin"
    EDUCATION_LEAD = "education_lead", "Education lead"
    FOOTPRINT_VIEWER = "footprint_viewer", "Footprint viewer"
    BOARD_SECRETARY = "board_secretary", "Board secretary"
    NATIONAL_ADMIN = "national_admin", "National admin"
    MODERATOR = "moderator", "Moderator of the best-practice boards"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class RoleAssignment(models.Model):
    Role = Role

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="role_assignment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} is {self.get_role_display()} at {self.organisation.ods_code}"


class ImportJob(TimeStamped):
    """One uploaded CSV file, validated and applied by a Celery task (shared by every import)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Imported"
        REJECTED = "rejected", "Rejected"
        FAILED = "failed", "Failed"

    uploaded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    file_name = models.CharField(max_length=255)
    content = models.BinaryField(help_text="The uploaded file, kept until the import finishes.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    fatal_error = models.TextField(blank=True)
    row_errors = models.JSONField(default=list, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.REJECTED, self.Status.FAILED}


class PeopleImport(ImportJob):
    """One upload of an ESR-style staff file."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="imports")
    source = models.CharField(max_length=20, default="page")

    class Meta(ImportJob.Meta):
        pass


class SecurityEvent(models.Model):
    """Sign-ins, failures, lock-outs, MFA and role changes: never a password, code or secret."""

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        LOCKED_OUT = "locked_out", "Locked out"
        MFA_FAILED = "mfa_failed", "MFA code refused"
        MFA_ADDED = "mfa_added", "MFA added"
        MFA_REMOVED = "mfa_removed", "MFA removed"
        ROLE_GRANTED = "role_granted", "Role granted"
        ROLE_REVOKED = "role_revoked", "Role revoked"
        USER_DEACTIVATED = "user_deactivated", "User deactivated"
        API_CLIENT_CREATED = "api_client_created", "API client created"
        API_CLIENT_ROTATED = "api_client_rotated", "API client given a new secret"
        API_CLIENT_REVOKED = "api_client_revoked", "API client revoked"
        PERSONAL_DATA_EXPORTED = "personal_data_exported", "Subject access export produced"
        PERSON_ANONYMISED = "person_anonymised", "Leaver's record anonymised"
        INVITATION_SENT = "invitation_sent", "Invitation sent"
        INVITATION_ACCEPTED = "invitation_accepted", "Invitation accepted"

    kind = models.CharField(max_length=30, choices=Kind.choices)
    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    email = models.CharField(max_length=254, blank=True, help_text="The email tried, for failures.")
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["kind", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.email or self.user_id} at {self.created_at:%Y-%m-%d %H:%M}"


class ApiScope(models.TextChoices):
    """Read scopes for API clients, one per resource family (see docs/api.md)."""

    ORGANISATIONS_READ = "organisations:read", "Read organisations"
    PEOPLE_READ = "people:read", "Read people"
    DEVELOPMENT_READ = "development:read", "Read development plans and action cycles"
    TRAINING_READ = "training:read", "Read training records"
    APPRAISALS_READ = "appraisals:read", "Read appraisals"
    TALENT_READ = "talent:read", "Read talent pools"
    DASHBOARDS_READ = "dashboards:read", "Read dashboards"
    COMMUNICATIONS_READ = "communications:read", "Read broadcasts, boards and passports"
    GOVERNANCE_READ = "governance:read", "Read data returns, burden assessments and board positions"


class ApiClient(TimeStamped):
    """A trust's, CCG's or ICB's system: an OAuth client bound to one organisation and its scopes."""

    application = models.OneToOneField(
        "oauth2_provider.Application", on_delete=models.CASCADE, related_name="api_client"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="api_clients"
    )
    scopes = ArrayField(models.CharField(max_length=30, choices=ApiScope.choices))
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scopes__contained_by=ApiScope.values), name="api_client_known_scopes"
            ),
            models.CheckConstraint(condition=Q(scopes__len__gt=0), name="api_client_has_a_scope"),
        ]

    def __str__(self) -> str:
        return f"{self.application.name} ({self.organisation.ods_code})"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None
