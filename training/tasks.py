"""Thin Celery tasks: each fetches by id (or date) and calls a service; safe to run twice."""

from celery import shared_task

from training import records_import, reminders


@shared_task(acks_late=True)
def training_import_run_task(import_id: int) -> None:
    records_import.run(import_id=import_id)  # claims the row first: safe to run twice


@shared_task(acks_late=True)
def accreditation_reminders_task() -> None:
    reminders.accreditation_reminders_send()  # one notification per provider, date and lead
