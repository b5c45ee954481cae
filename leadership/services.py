"""Every write to organisations, people and roles. Keyword-only, atomic, taking the acting user."""

import logging
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from leadership import access, queue
from leadership.audit import audit_context
from leadership.models import (
    EMPLOYER_KINDS,
    PERSONAL_SCOPES,
    DataSharingAgreement,
    Organisation,
    PeopleImport,
    Person,
    Role,
    RoleAssignment,
    SecurityEvent,
    User,
)
from leadership.security import security_event_record, sessions_end

logger = logging.getLogger(__name__)

PERSON_FIELDS = (
    "employee_number", "first_name", "last_name", "work_email", "job_title", "management_level",
    "band", "staff_group", "professional_registration", "sector_background", "commissioner_roles",
    "active",
)


def check_employee_number(person: Person) -> None:
    taken = Person.objects.filter(organisation_id=person.organisation_id,
                                  employee_number=person.employee_number).exclude(pk=person.pk)
    if taken.exists():
        raise ValidationError({"employee_number": "Another person in this organisation has this number."})


def check_line_manager(person: Person, line_manager: Person | None) -> None:
    if line_manager is None:
        return
    if line_manager.organisation_id != person.organisation_id:
        raise ValidationError({"line_manager": "The line manager must work in the same organisation."})
    if person.pk is None:
        return
    ancestor, seen = line_manager, set()
    while ancestor is not None and ancestor.pk not in seen:
        if ancestor.pk == person.pk:
            raise ValidationError({"line_manager": "A person cannot report to someone who reports to them."})
        seen.add(ancestor.pk)
        ancestor = ancestor.line_manager


@transaction.atomic
def person_create(
    *, actor: User | None, organisation: Organisation, line_manager: Person | None = None,
    **fields: Any,
) -> Person:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"Unknown person fields: {', '.join(sorted(unknown))}")
    person = Person(organisation=organisation, line_manager=line_manager, **fields)
    check_employee_number(person)
    check_line_manager(person, line_manager)
    person.full_clean()
    with audit_context(actor=actor):
        person.save()
    return person


@transaction.atomic
def person_update(
    *, actor: User | None, person: Person, line_manager: Person | None = None, **fields: Any
) -> Person:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"Unknown person fields: {', '.join(sorted(unknown))}")
    check_line_manager(person, line_manager)
    for name, value in fields.items():
        setattr(person, name, value)
    check_employee_number(person)
    person.line_manager = line_manager
    person.full_clean()
    with audit_context(actor=actor):
        person.save()
    return person


@transaction.atomic
def role_assign(*, actor: User | None, user: User, organisation: Organisation, role: str) -> RoleAssignment:
    if role not in Role.values:
        raise ValidationError({"role": f"Unknown role {role!r}."})
    if role == Role.FOOTPRINT_VIEWER and organisation.kind not in {
        Organisation.Kind.ICB, Organisation.Kind.CCG, Organisation.Kind.REGION
    }:
        raise ValidationError({"role": "Footprint viewers belong to an ICB, CCG or region."})
    with audit_context(actor=actor):
        assignment, created = RoleAssignment.objects.get_or_create(
            user=user, organisation=organisation, role=role, defaults={"created_by": actor}
        )
    if created:
        security_event_record(kind=SecurityEvent.Kind.ROLE_GRANTED, user=user, actor=actor,
                              detail=f"{assignment.get_role_display()} at {organisation.ods_code}")
    return assignment


@transaction.atomic
def role_revoke(*, actor: User | None, assignment: RoleAssignment) -> None:
    with audit_context(actor=actor):
        assignment.delete()
    security_event_record(
        kind=SecurityEvent.Kind.ROLE_REVOKED, user=assignment.user, actor=actor,
        detail=f"{assignment.get_role_display()} at {assignment.organisation.ods_code}",
    )


@transaction.atomic
def people_import_start(
    *, actor: User | None, organisation: Organisation, file_name: str, content: bytes,
    source: str = "page",
) -> PeopleImport:
    """Queue an import; the Celery task validates and applies it after this transaction commits."""
    job = PeopleImport.objects.create(
        organisation=organisation, uploaded_by=actor, file_name=file_name[:255],
        content=content, source=source,
    )
    task = "leadership.tasks.people_import_run_task"
    transaction.on_commit(lambda: queue.enqueue_or_leave_for_the_sweep(task, job.id))
    return job


# Data-sharing agreements: a trust lets a footprint above it read its staff's records (access.personal_reach).


@transaction.atomic
def sharing_agreement_record(
    *, actor: User, trust: Organisation, footprint: Organisation, scopes: list[str], valid_from: date,
    valid_until: date | None, agreed_by_name: str,
) -> DataSharingAgreement:
    """Record the trust's agreement; it counts from valid_from to valid_until (open-ended if None)."""
    if not access.may_record_sharing_agreement(actor, trust):
        raise PermissionDenied("Only the trust's HR admins record its data-sharing agreements.")
    if trust.kind not in EMPLOYER_KINDS:
        raise ValidationError("Only a trust shares its staff's records.")
    errors = {}
    if not access.footprints_above(trust).filter(id=footprint.id).exists():
        errors["footprint"] = "Choose an ICB, CCG or region that the trust is part of."
    chosen = sorted(set(scopes))
    if not chosen or any(scope not in PERSONAL_SCOPES for scope in chosen):
        errors["scopes"] = "Choose at least one of the listed record areas."
    if valid_until is not None and valid_until < valid_from:
        errors["valid_until"] = "The end date must be on or after the start date."
    agreed_by_name = (agreed_by_name or "").strip()
    if not agreed_by_name:
        errors["agreed_by_name"] = "Say who agreed it, as the agreement names them."
    if errors:
        raise ValidationError(errors)
    with audit_context(actor=actor):
        return DataSharingAgreement.objects.create(
            trust=trust, footprint=footprint, scopes=chosen, valid_from=valid_from, valid_until=valid_until,
            agreed_by=actor, agreed_by_name=agreed_by_name[:200],
        )


@transaction.atomic
def sharing_agreement_revoke(*, actor: User, agreement: DataSharingAgreement) -> DataSharingAgreement:
    """Revoked from this moment: the footprint's next request no longer reads the trust's records."""
    if not access.managed_sharing_agreements(actor).filter(pk=agreement.pk).exists():
        raise PermissionDenied("Only the trust's HR admins revoke its data-sharing agreements.")
    # A conditional update, so a double submit revokes once and keeps the first time and person.
    with audit_context(actor=actor):
        DataSharingAgreement.objects.filter(pk=agreement.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=actor, updated_at=timezone.now())
    agreement.refresh_from_db()
    return agreement


@transaction.atomic
def role_grant(*, actor: User, organisation: Organisation, email: str, role: str) -> RoleAssignment:
    """Grant a role to an existing login, within the actor's reach (access.grantable_roles). Roles that
    need two-factor authentication send the person to set it up at their next request."""
    if role not in access.grantable_roles(actor, organisation):
        raise PermissionDenied("You cannot grant that role here.")
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ValidationError({"email": "No active login uses that email. Invite the person first."})
    own_staff = Person.objects.filter(user=user, organisation=organisation).exists()
    if not access.is_national_admin(actor) and not own_staff:
        raise ValidationError({"email": "HR admins grant roles only to their own organisation's staff."})
    if RoleAssignment.objects.filter(user=user, organisation=organisation, role=role).exists():
        raise ValidationError({"email": "They already hold that role here."})
    return role_assign(actor=actor, user=user, organisation=organisation, role=role)


@transaction.atomic
def role_withdraw(*, actor: User, assignment: RoleAssignment) -> None:
    """Revoke a role; only a national admin removes an organisation's last HR admin. When the person
    holds no admin role after it, their sessions end, so the wider access goes at once."""
    assignment = RoleAssignment.objects.select_for_update().select_related("organisation", "user").get(
        pk=assignment.pk)
    if assignment.role not in access.grantable_roles(actor, assignment.organisation):
        raise PermissionDenied("You cannot revoke that role.")
    if access.is_last_hr_admin(assignment) and not access.may_remove_last_hr_admin(actor):
        raise ValidationError("This is the organisation's last HR admin. Grant the role to someone else "
                                  "first, or ask a national admin.")
    role_revoke(actor=actor, assignment=assignment)
    user = assignment.user
    if hasattr(user, "_portal_grants"):
        del user._portal_grants
    if not access.needs_mfa(User.objects.get(pk=user.pk)):
        sessions_end(user)
