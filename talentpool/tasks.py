from celery import shared_task

from talentpool import reminders


@shared_task(acks_late=True)
def talent_sweep_task() -> dict:
    """Lapse unreviewed members, prompt on new eligibility, alert on senior contracts (safe to run twice)."""
    return reminders.sweep()
