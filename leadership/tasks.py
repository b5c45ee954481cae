from celery import shared_task

from leadership import notifications, people_import
from leadership.data_rights import retention


@shared_task(acks_late=True)
def people_import_run_task(import_id: int) -> None:
    people_import.run(import_id=import_id)  # claims the row first: safe to run twice


@shared_task(acks_late=True)
def people_imports_resume_task() -> None:
    people_import.resume_stalled()


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notification_send_task(notification_id: int) -> None:
    notifications.send(notification_id=notification_id)  # claims the row: a second run sends nothing


@shared_task(acks_late=True)
def notifications_resend_stuck_task() -> None:
    notifications.resend_stuck()
from leadership.development.tasks import *  # noqa: E402,F401,F403 - registers the development tasks


@shared_task(acks_late=True)
def notifications_weekly_digest_task() -> None:
    notifications.send_weekly_digests()  # claims each person's rows as it sends them


@shared_task(acks_late=True)
def personal_data_retention_task() -> None:
    retention.sweep()  # claims leavers with skip_locked and marks each: safe to run twice
