"""Thin Celery tasks for appraisal; each is safe to run twice."""

from celery import shared_task

from appraisal import reminders, services


@shared_task(acks_late=True)
def appraisal_reminders_sweep_task() -> None:
    reminders.sweep()  # SKIP LOCKED and unique keys: overlapping or repeated sweeps send once


@shared_task(acks_late=True)
def appraisals_bulk_start_task(job_id: int) -> None:
    services.appraisals_bulk_start_run(job_id=job_id)  # claims the job: a second delivery does nothing
