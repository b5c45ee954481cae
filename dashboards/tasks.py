from celery import shared_task

from dashboards.services import dashboards_refresh


@shared_task(acks_late=True)
def dashboards_refresh_task() -> None:
    dashboards_refresh()  # recomputes the quarter from scratch: safe to run twice
