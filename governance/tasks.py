from celery import shared_task

from governance import reminders


@shared_task(acks_late=True)
def governance_sweep_task() -> dict:
    """Announce data-return reviews due and overdue, and overdue board reviews (safe to run twice)."""
    return reminders.sweep()
