"""Starting a cycle's appraisals for everyone in scope at once (HR admins), in a Celery task.

The request writes a job row and queues the task by name after commit; the task claims the job with a
conditional update, so a second delivery of the same message does nothing. Each appraisal starts
through appraisal_start (its own transaction and rules): a person the rules refuse (no line manager,
an appraiser without the appraisal-skills course) is skipped with the reason, shown on the job's page.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from appraisal import access, selectors
from appraisal.models import AppraisalBulkStart, AppraisalCycle
from appraisal.services.flow import appraisal_start
from appraisal.services.shared import require
from leadership import queue
from leadership.models import User

PROGRESS_EVERY = 25  # people between progress writes
PROBLEMS_KEPT = 500  # the page lists these; the count covers the rest


@transaction.atomic
def appraisals_bulk_start_request(*, actor: User, cycle: AppraisalCycle) -> AppraisalBulkStart:
    require(access.is_hr_for(actor, cycle.organisation),
            "Only the organisation's HR admins can start a cycle's appraisals.")
    if cycle.closes_on < timezone.localdate():
        raise ValidationError("This cycle has closed.")
    total = selectors.bulk_start_candidates(cycle).count()
    if total == 0:
        raise ValidationError("Everyone in scope already has an appraisal in this cycle.")
    try:
        with transaction.atomic():
            job = AppraisalBulkStart.objects.create(cycle=cycle, requested_by=actor, total=total)
    except IntegrityError:
        raise ValidationError("The cycle's appraisals are already being started.") from None
    queue.enqueue_after_commit("appraisal.tasks.appraisals_bulk_start_task", job.id)
    return job


def appraisals_bulk_start_run(*, job_id: int) -> None:
    """Start an appraisal for each person still without one; safe to run twice."""
    claimed = AppraisalBulkStart.objects.filter(id=job_id, status=AppraisalBulkStart.Status.QUEUED).update(
        status=AppraisalBulkStart.Status.RUNNING, updated_at=timezone.now())
    if not claimed:
        return
    job = AppraisalBulkStart.objects.select_related("cycle__organisation", "requested_by").get(id=job_id)
    people = selectors.bulk_start_candidates(job.cycle).select_related("line_manager").order_by("id")
    for number, person in enumerate(people.iterator(chunk_size=500), start=1):
        try:
            appraisal_start(actor=job.requested_by, cycle=job.cycle, appraisee=person)
            job.started += 1
        except (ValidationError, PermissionDenied) as refusal:
            job.skipped += 1
            if len(job.problems) < PROBLEMS_KEPT:
                job.problems.append({"person": person.full_name, "reason": " ".join(_messages(refusal))})
        if number % PROGRESS_EVERY == 0:
            job.save(update_fields=["started", "skipped", "problems"])
    job.status, job.finished_at = AppraisalBulkStart.Status.DONE, timezone.now()
    job.save(update_fields=["started", "skipped", "problems", "status", "finished_at"])


def _messages(refusal) -> list[str]:
    return getattr(refusal, "messages", None) or [str(refusal)]

