from celery import shared_task
from django.db import transaction

from dashboards.services import dashboards_refresh


@shared_task(acks_late=True)
def dashboards_refresh_task() -> None:
    dashboards_refresh()  # recomputes the quarter from scratch: safe to run twice


def refresh_after_import(sender, **kwargs) -> None:
    """Receiver of leadership.events.import_succeeded: refresh once the import's rows are committed."""
    transaction.on_commit(dashboards_refresh_task.delay)
