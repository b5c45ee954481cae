"""Starting a cycle's appraisals for everyone in scope at once (HR admins), in a Celery task.

The request writes a job row and queues the task by name after commit; the task claims the job with a
conditional update, so a second delivery of the same message does nothing. Each appraisal starts
through appraisal_start (its own transaction and rules): a person the rules refuse (no line manager,
an appraiser without the appraisal-skills course) is skipped with the reason, shown on the job's page.

The worker's progress writes are its heartbeat, and each is conditional on the run still being its own
(running, same attempt): a run whose worker died shows as stalled, the HR admin starts it again
(`appraisals_bulk_start_resume`: it carries on with those still without an appraisal, and the one
appraisal per person and cycle constraint means nobody gets two) or cancels it, and a worker that was
only slow stops at its next write.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from appraisal import access, selectors
from appraisal.models import Appraisal, AppraisalBulkStart, AppraisalCycle
from appraisal.services.flow import appraisal_start
from appraisal.services.shared import require
from leadership import queue
from leadership.audit import audit_context
from leadership.models import User

PROGRESS_EVERY = 25  # people between progress writes (the heartbeat)
PROBLEMS_KEPT = 500  # the page lists these; the count covers the rest
TASK = "appraisal.tasks.appraisals_bulk_start_task"
Status = AppraisalBulkStart.Status


def _require_open(cycle: AppraisalCycle) -> None:
    if cycle.closes_on < timezone.localdate():
        raise ValidationError("This cycle has closed.")


@transaction.atomic
def appraisals_bulk_start_request(*, actor: User, cycle: AppraisalCycle) -> AppraisalBulkStart:
    require(access.is_hr_for(actor, cycle.organisation),
            "Only the organisation's HR admins can start a cycle's appraisals.")
    _require_open(cycle)
    total = selectors.bulk_start_candidates(cycle).count()
    if total == 0:
        raise ValidationError("Everyone in scope already has an appraisal in this cycle.")
    try:
        with transaction.atomic():
            job = AppraisalBulkStart.objects.create(cycle=cycle, requested_by=actor, total=total)
    except IntegrityError:
        raise ValidationError("The cycle's appraisals are already being started: follow the run from the "
                              "cycle's page, start it again if it has stalled, or cancel it.") from None
    queue.enqueue_after_commit(TASK, job.id)
    return job


def _locked(actor: User, job: AppraisalBulkStart) -> AppraisalBulkStart:
    job = AppraisalBulkStart.objects.select_for_update().select_related("cycle__organisation").get(id=job.id)
    require(access.is_hr_for(actor, job.cycle.organisation),
            "Only the organisation's HR admins can start or cancel a cycle's appraisals.")
    return job


@transaction.atomic
def appraisals_bulk_start_resume(*, actor: User, job: AppraisalBulkStart) -> AppraisalBulkStart:
    """Start a stalled run again: it carries on with the people still without an appraisal."""
    job = _locked(actor, job)
    if not job.active:
        raise ValidationError(f"This run is {job.get_status_display().lower()}: there is nothing to resume.")
    if not job.stalled:
        raise ValidationError("This run is still going: its worker reported a few minutes ago.")
    _require_open(job.cycle)
    remaining = selectors.bulk_start_candidates(job.cycle).count()
    with audit_context(actor=actor, source="page"):
        # What the dead worker started but had not yet written down counts too.
        job.started = Appraisal.objects.filter(cycle=job.cycle, created_at__gte=job.created_at).count()
        job.skipped, job.problems, job.total = 0, [], job.started + remaining
        job.resumed_at = timezone.now()
        if remaining:
            job.status = Status.QUEUED
        else:
            job.status, job.finished_at = Status.DONE, timezone.now()
        job.save()
    if remaining:
        queue.enqueue_after_commit(TASK, job.id)
    return job


@transaction.atomic
def appraisals_bulk_start_cancel(*, actor: User, job: AppraisalBulkStart) -> AppraisalBulkStart:
    """Stop a queued, running or stalled run; the appraisals it has started stay."""
    job = _locked(actor, job)
    if not job.active:
        raise ValidationError(f"This run is already {job.get_status_display().lower()}.")
    with audit_context(actor=actor, source="page"):
        job.status, job.finished_at, job.cancelled_by = Status.CANCELLED, timezone.now(), actor
        job.save()
    return job


def _report(job: AppraisalBulkStart, attempt: int, **final) -> bool:
    """Write progress (the heartbeat) if the run is still this worker's; False when it was cancelled or
    started again meanwhile."""
    return AppraisalBulkStart.objects.filter(id=job.id, status=Status.RUNNING, attempts=attempt).update(
        started=job.started, skipped=job.skipped, problems=job.problems, updated_at=timezone.now(),
        **final) == 1


def appraisals_bulk_start_run(*, job_id: int) -> None:
    """Start an appraisal for each person still without one; safe to run twice, or after a dead worker."""
    claimed = AppraisalBulkStart.objects.filter(id=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING, attempts=F("attempts") + 1, updated_at=timezone.now())
    if not claimed:
        return
    job = AppraisalBulkStart.objects.select_related("cycle__organisation", "requested_by").get(id=job_id)
    people = selectors.bulk_start_candidates(job.cycle).select_related("line_manager").order_by("id")
    with audit_context(actor=job.requested_by, source="task", bulk_start=str(job.public_id)):
        for number, person in enumerate(people.iterator(chunk_size=500), start=1):
            try:
                appraisal_start(actor=job.requested_by, cycle=job.cycle, appraisee=person)
                job.started += 1
            except (ValidationError, PermissionDenied) as refusal:
                job.skipped += 1
                if len(job.problems) < PROBLEMS_KEPT:
                    job.problems.append({"person": person.full_name, "reason": " ".join(_messages(refusal))})
            if number % PROGRESS_EVERY == 0 and not _report(job, job.attempts):
                return  # cancelled, or started again by the HR admin: that run carries on
        _report(job, job.attempts, status=Status.DONE, finished_at=timezone.now())


def _messages(refusal) -> list[str]:
    return getattr(refusal, "messages", None) or [str(refusal)]
