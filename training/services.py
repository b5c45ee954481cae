"""Every write in training: keyword-only, atomic, taking the acting user and checking what they may do."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from leadership import queue
from leadership.audit import audit_context
from leadership.dates import require_dates_in_range
from leadership.models import Organisation, Person, User
from leadership.notifications import Message, notify, notify_many
from training import access
from training.models import (
    ACTIVE_ENROLMENT,
    Course,
    CourseRun,
    Enrolment,
    Evaluation,
    Provider,
    Qualification,
    TrainingImport,
    TrainingRecord,
)

CERTIFICATE_MAX_BYTES = 5 * 1024 * 1024
# The file's first bytes decide its type, not its name.
CERTIFICATE_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}

PROVIDER_FIELDS = (
    "name",
    "kind",
    "organisation",
    "website",
    "accreditation_status",
    "accrediting_body",
    "accredited_from",
    "accredited_until",
)
COURSE_FIELDS = (
    "code",
    "provider",
    "title",
    "summary",
    "topics",
    "levels",
    "cross_functional",
    "mode",
    "hours",
    "cost",
    "competency_codes",
    "qualification",
    "senior_qualification",
    "active",
)
# Cancelling is not an edit: run_cancel closes the run's places and tells the people on it.
RUN_FIELDS = ("starts_on", "ends_on", "place", "capacity")


def _require_catalogue_manager(actor: User) -> None:
    if not access.manages_training_catalogue(actor):
        raise PermissionDenied("Only education leads and national admins manage providers and courses.")


def _save(instance, fields: dict[str, Any], allowed: tuple[str, ...]):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    require_dates_in_range(**{name: value for name, value in fields.items() if isinstance(value, date)})
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def provider_save(*, actor: User, provider: Provider | None = None, **fields: Any) -> Provider:
    _require_catalogue_manager(actor)
    return _save(provider or Provider(), fields, PROVIDER_FIELDS)


@transaction.atomic
def course_save(*, actor: User, course: Course | None = None, **fields: Any) -> Course:
    _require_catalogue_manager(actor)
    return _save(course or Course(), fields, COURSE_FIELDS)


@transaction.atomic
def run_save(*, actor: User, course: Course, run: CourseRun | None = None, **fields: Any) -> CourseRun:
    """Add a run, or change one: fewer places than are confirmed is refused; more places go to the
    waiting list in order."""
    _require_catalogue_manager(actor)
    if run is None:
        return _save(CourseRun(course=course), fields, RUN_FIELDS)
    run = _lock_run(run.id)
    if run.cancelled:
        raise ValidationError("This run has been cancelled and can no longer be changed.")
    taken = _places_taken(run)
    if "capacity" in fields and isinstance(fields["capacity"], int) and fields["capacity"] < taken:
        raise ValidationError({"capacity": f"{taken} places are confirmed: the run needs at least {taken}."})
    with audit_context(actor=actor, source="page"):
        run = _save(run, fields, RUN_FIELDS)
        _promote_waiting(run)
        _touch_enrolments(run)
    return run


def _touch_enrolments(run: CourseRun) -> None:
    """An enrolment's API row shows its run's dates and state: a mirror must hear of the change."""
    run.enrolments.update(updated_at=timezone.now())


@transaction.atomic
def run_cancel(*, actor: User, run: CourseRun, reason: str) -> int:
    """Cancel a run: every request, place and waiting-list entry on it closes with the reason, and each
    person is told once (the notification key is per enrolment). Returns how many were closed."""
    _require_catalogue_manager(actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Give a reason for cancelling the run."})
    run = _lock_run(run.id)
    if run.cancelled:
        raise ValidationError("This run has already been cancelled.")
    run.cancelled = True
    closing = list(run.enrolments.select_for_update(of=("self",)).select_related("person__user")
                   .filter(status__in=ACTIVE_ENROLMENT))
    now = timezone.now()
    with audit_context(actor=actor, source="page"):
        run.save(update_fields=["cancelled"])
        for enrolment in closing:
            enrolment.status, enrolment.decision_reason = Enrolment.Status.CANCELLED, reason
            enrolment.decided_by, enrolment.decided_at = actor, now
            enrolment.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
        _touch_enrolments(run)
    link = reverse("training:course_detail", args=[run.course.public_id])
    notify_many([
        Message(recipient=enrolment.person.user, kind="training",
                key=f"training:enrolment:{enrolment.public_id}:run-cancelled",
                title=f"{run.course.title} on {run.starts_on:%d %B %Y} is cancelled",
                body=f"Your place or request has been closed. Reason: {reason}", link=link)
        for enrolment in closing if enrolment.person.user_id is not None
    ])
    return len(closing)


# Enrolment. The run row is locked (select_for_update) for every change that takes or frees a
# place, so two approvals for the last place are serialised: one is enrolled, the other wait-listed.


def _tell(person: Person, *, key: str, title: str, body: str = "", link: str = "") -> None:
    if person.user_id is not None:
        notify(recipient=person.user, key=key, kind="training", title=title, body=body, link=link)


def _lock_run(run_id: int) -> CourseRun:
    return CourseRun.objects.select_for_update().select_related("course").get(id=run_id)


def _places_taken(run: CourseRun) -> int:
    return run.enrolments.filter(status=Enrolment.Status.ENROLLED).count()


@transaction.atomic
def enrolment_request(*, actor: User, run: CourseRun, person: Person) -> Enrolment:
    """Ask for a place for oneself or a direct report; the line manager decides."""
    if not access.requestable_people(actor).filter(id=person.id).exists():
        raise PermissionDenied("You can ask for a place only for yourself or your direct reports.")
    if run.cancelled or run.starts_on < timezone.localdate():
        raise ValidationError("This run has been cancelled or has already started.")
    if Enrolment.objects.filter(run=run, person=person, status__in=ACTIVE_ENROLMENT).exists():
        raise ValidationError(f"{person.full_name} has already asked for a place on this run.")
    open_elsewhere = (
        Enrolment.objects.filter(run__course_id=run.course_id, person=person, status__in=ACTIVE_ENROLMENT,
                                 run__ends_on__gte=timezone.localdate())
        .select_related("run").order_by("run__starts_on").first()
    )
    if open_elsewhere is not None:
        raise ValidationError(
            f"{person.full_name} has already asked for a place on {run.course.title} on "
            f"{open_elsewhere.run.starts_on:%d %B %Y} ({open_elsewhere.run.place}). Cancel that place "
            "first to ask for another run."
        )
    with audit_context(actor=actor, source="page"):
        enrolment = Enrolment.objects.create(run=run, person=person, requested_by=actor)
    manager = person.line_manager
    if manager is not None and manager.user_id is not None and manager.user_id != actor.pk:
        notify(
            recipient=manager.user,
            key=f"training:enrolment:{enrolment.public_id}:requested",
            kind="training",
            title=f"{person.full_name} asks for a place on {run.course.title}",
            link=reverse("training:enrolment_decide", args=[enrolment.public_id]),
        )
    # A line manager asking for their own report has already made the decision.
    if manager is not None and manager.user_id == actor.pk:
        return enrolment_approve(actor=actor, enrolment=enrolment)
    return enrolment


@transaction.atomic
def enrolment_approve(*, actor: User, enrolment: Enrolment) -> Enrolment:
    if not access.decidable_enrolments(actor).filter(id=enrolment.id).exists():
        raise PermissionDenied("Only the person's line manager or HR admin can decide.")
    run = _lock_run(enrolment.run_id)
    enrolment = Enrolment.objects.select_for_update().get(id=enrolment.id)
    if enrolment.status != Enrolment.Status.REQUESTED:
        raise ValidationError("This request has already been decided.")
    full = _places_taken(run) >= run.capacity
    enrolment.status = Enrolment.Status.WAITLISTED if full else Enrolment.Status.ENROLLED
    enrolment.decided_by, enrolment.decided_at = actor, timezone.now()
    enrolment.queued_at = enrolment.decided_at
    with audit_context(actor=actor, source="page"):
        enrolment.save(update_fields=["status", "decided_by", "decided_at", "queued_at"])
    title = (
        f"You are on the waiting list for {run.course.title}"
        if full
        else f"Your place on {run.course.title} is confirmed"
    )
    _tell(
        enrolment.person,
        key=f"training:enrolment:{enrolment.public_id}:approved",
        title=title,
        link=reverse("training:course_detail", args=[run.course.public_id]),
    )
    return enrolment


@transaction.atomic
def enrolment_decline(*, actor: User, enrolment: Enrolment, reason: str) -> Enrolment:
    if not access.decidable_enrolments(actor).filter(id=enrolment.id).exists():
        raise PermissionDenied("Only the person's line manager or HR admin can decide.")
    if not reason.strip():
        raise ValidationError({"reason": "Give a reason for declining."})
    enrolment = (
        Enrolment.objects.select_for_update().select_related("run__course", "person").get(id=enrolment.id)
    )
    if enrolment.status != Enrolment.Status.REQUESTED:
        raise ValidationError("This request has already been decided.")
    enrolment.status, enrolment.decision_reason = Enrolment.Status.DECLINED, reason.strip()
    enrolment.decided_by, enrolment.decided_at = actor, timezone.now()
    with audit_context(actor=actor, source="page"):
        enrolment.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
    _tell(
        enrolment.person,
        key=f"training:enrolment:{enrolment.public_id}:declined",
        title=f"Your request for {enrolment.run.course.title} was declined",
        body=enrolment.decision_reason,
        link=reverse("training:my_training"),
    )
    return enrolment


@transaction.atomic
def enrolment_cancel(*, actor: User, enrolment: Enrolment) -> Enrolment:
    """Cancel a request or place; a freed place goes to the first person on the waiting list."""
    if not access.cancellable_enrolments(actor).filter(id=enrolment.id).exists():
        raise PermissionDenied("You cannot cancel this place.")
    run = _lock_run(enrolment.run_id)
    enrolment = Enrolment.objects.select_for_update().get(id=enrolment.id)
    if enrolment.status not in (
        Enrolment.Status.REQUESTED,
        Enrolment.Status.ENROLLED,
        Enrolment.Status.WAITLISTED,
    ):
        raise ValidationError("This place is no longer active.")
    freed = enrolment.status == Enrolment.Status.ENROLLED
    enrolment.status = Enrolment.Status.CANCELLED
    with audit_context(actor=actor, source="page"):
        enrolment.save(update_fields=["status"])
        if freed:
            _promote_waiting(run)
    return enrolment


def _promote_waiting(run: CourseRun) -> None:
    free = run.capacity - _places_taken(run)
    waiting = list(
        run.enrolments.select_for_update()
        .select_related("person")
        .filter(status=Enrolment.Status.WAITLISTED)
        .order_by("queued_at", "id")[: max(free, 0)]
    )
    for promoted in waiting:
        promoted.status = Enrolment.Status.ENROLLED
        promoted.save(update_fields=["status"])
        _tell(
            promoted.person,
            key=f"training:enrolment:{promoted.public_id}:promoted",
            title=f"A place on {run.course.title} is now yours",
            body="Someone cancelled, and you were next on the waiting list.",
            link=reverse("training:course_detail", args=[run.course.public_id]),
        )


# Training records.


def certificate_check(upload: UploadedFile) -> str:
    """Return the certificate's type, or raise ValidationError for the wrong type or size."""
    if upload.size > CERTIFICATE_MAX_BYTES:
        raise ValidationError("The certificate must be smaller than 5 MB.")
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in CERTIFICATE_SIGNATURES:
        raise ValidationError("The certificate must be a PDF, PNG or JPG file.")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(CERTIFICATE_SIGNATURES[extension]):
        raise ValidationError(f"The file is not a real {extension.upper()} file.")
    return extension


def qualification_award(*, record: TrainingRecord) -> Qualification | None:
    """Completing a course with an accredited qualification records it on the person (R8)."""
    course = record.course
    if course is None or record.status != TrainingRecord.Status.COMPLETED or not course.qualification:
        return None
    qualification, created = Qualification.objects.get_or_create(
        person=record.person,
        course=course,
        defaults={
            "record": record,
            "name": course.qualification,
            "senior": course.senior_qualification,
            "awarded_on": record.on,
        },
    )
    if created and qualification.senior:
        person = record.person
        for admin in access.hr_admin_users([person.organisation_id]):
            notify(
                recipient=admin,
                kind="training",
                key=f"training:senior-pool-eligible:{person.public_id}:{course.public_id}:user:{admin.public_id}",
                title=f"{person.full_name} is now eligible for the national senior talent pool",
                body=f"{person.full_name} completed {course.qualification} on {record.on:%d %B %Y}.",
                link=reverse("person_detail", args=[person.public_id]),
            )
    return qualification


def _record_values(*, course: Course | None, title: str, provider_name: str, hours, cost) -> dict:
    if course is not None:
        return {
            "title": title or course.title,
            "provider_name": provider_name or course.provider.name,
            "hours": course.hours if hours is None else hours,
            "cost": course.cost if cost is None else cost,
        }
    return {
        "title": title,
        "provider_name": provider_name,
        "hours": hours or Decimal(0),
        "cost": cost or Decimal(0),
    }


@transaction.atomic
def record_create(
    *,
    actor: User,
    person: Person,
    status: str,
    on: date,
    course: Course | None = None,
    enrolment: Enrolment | None = None,
    title: str = "",
    provider_name: str = "",
    hours: Decimal | None = None,
    cost: Decimal | None = None,
    certificate: UploadedFile | None = None,
    source: str = TrainingRecord.Source.MANUAL,
) -> TrainingRecord:
    """HR admins record training, from an enrolment, the catalogue or elsewhere."""
    if not access.manageable_people(actor).filter(id=person.id).exists():
        raise PermissionDenied("Only HR admins of the person's organisation can record training.")
    require_dates_in_range(on=on)
    if enrolment is not None:
        if enrolment.person_id != person.id or enrolment.status != Enrolment.Status.ENROLLED:
            raise ValidationError("Only a confirmed place can be recorded.")
        course = enrolment.run.course
    record = TrainingRecord(
        person=person,
        organisation_id=person.organisation_id,
        course=course,
        status=status,
        on=on,
        enrolment=enrolment,
        run=enrolment.run if enrolment else None,
        source=source,
        recorded_by=actor,
        **_record_values(course=course, title=title, provider_name=provider_name, hours=hours, cost=cost),
    )
    if certificate is not None:
        certificate_check(certificate)
        record.certificate_name = certificate.name[:200]
        record.certificate = certificate
    record.full_clean()
    # The record's own source (manual, enrolment, import) is not the audit source: the request is.
    with audit_context(actor=actor, source="import" if source == TrainingRecord.Source.IMPORT else "page"):
        record.save()
        qualification_award(record=record)
    return record


@transaction.atomic
def record_update(
    *,
    actor: User,
    record: TrainingRecord,
    status: str,
    on: date,
    hours: Decimal,
    certificate: UploadedFile | None = None,
) -> TrainingRecord:
    if not access.manageable_training_records(actor).filter(id=record.id).exists():
        raise PermissionDenied("Only HR admins of the person's organisation can change training records.")
    require_dates_in_range(on=on)
    record.status, record.on, record.hours = status, on, hours
    if certificate is not None:
        certificate_check(certificate)
        record.certificate_name = certificate.name[:200]
        record.certificate = certificate
    record.full_clean()
    with audit_context(actor=actor, source="page"):
        record.save()
        qualification_award(record=record)
    return record


@transaction.atomic
def evaluation_submit(
    *, actor: User, record: TrainingRecord, content: int, delivery: int, relevance: int, comment: str = ""
) -> Evaluation:
    if not access.own_training_records(actor).filter(id=record.id).exists():
        raise PermissionDenied("Only the attendee can rate a course.")
    if record.status != TrainingRecord.Status.COMPLETED or record.course_id is None:
        raise ValidationError("You can rate a catalogue course once you have completed it.")
    if Evaluation.objects.filter(record=record).exists():
        raise ValidationError("You have already rated this course.")
    evaluation = Evaluation(
        record=record,
        course_id=record.course_id,
        content=content,
        delivery=delivery,
        relevance=relevance,
        comment=comment.strip(),
    )
    evaluation.full_clean()
    evaluation.save()
    return evaluation



@transaction.atomic
def training_import_start(
    *, actor: User, organisation: Organisation, file_name: str, content: bytes
) -> TrainingImport:
    """Queue an import of training records; the Celery task validates and applies it after commit."""
    if not access.can_manage_organisation(actor, organisation):
        raise PermissionDenied("Only the organisation's HR admins can import its training records.")
    job = TrainingImport.objects.create(
        organisation=organisation, uploaded_by=actor, file_name=file_name[:255], content=content
    )
    queue.enqueue_after_commit("training.tasks.training_import_run_task", job.id)
    return job
