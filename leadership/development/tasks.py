"""Thin Celery tasks for development; each is safe to run twice."""

from celery import shared_task

from leadership import notifications
from leadership.development import reminders

__all__ = ["notification_send_batch_task", "rater_invitation_send_task", "reminders_sweep_task"]


@shared_task(acks_late=True)
def reminders_sweep_task() -> None:
    reminders.sweep()  # claims rows with SKIP LOCKED: two sweeps at once share the work


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notification_send_batch_task(notification_ids: list[int]) -> None:
    for notification_id in notification_ids:
        notifications.send(notification_id=notification_id)  # never raises for a bad row: the rest go


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def rater_invitation_send_task(invitation_id: int) -> None:
    from leadership.development import services

    services.rater_invitation_send(invitation_id=invitation_id)
