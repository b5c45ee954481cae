"""Thin Celery tasks for appraisal; each is safe to run twice."""

from celery import shared_task

from appraisal import reminders


@shared_task(acks_late=True)
def appraisal_reminders_sweep_task() -> None:
    reminders.sweep()  # SKIP LOCKED and unique keys: overlapping or repeated sweeps send once
