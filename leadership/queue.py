"""Services queue Celery tasks by name, so they never import the tasks modules (tasks import services:
ADR 0007). The name is the task's registered name, "<module>.<function>"."""

import logging

from celery import current_app
from django.db import transaction

logger = logging.getLogger(__name__)


def task(name: str):
    """The registered task. A web process has not imported the apps' tasks modules (the worker does
    at start): the first lookup has Celery's autodiscovery import them."""
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def enqueue(name: str, *args) -> None:
    """Send the task now (the worker, or eagerly where a test asks for eager tasks)."""
    task(name).delay(*args)


def enqueue_after_commit(name: str, *args) -> None:
    """Send the task once the caller's transaction commits, so the worker sees its rows."""
    transaction.on_commit(lambda: enqueue(name, *args))


def enqueue_or_leave_for_the_sweep(name: str, *args) -> None:
    """Send the task; if the broker is down, the row waits in PostgreSQL for its resume sweep."""
    try:
        enqueue(name, *args)
    except Exception:  # noqa: BLE001 - any broker failure: the sweep sends it again
        logger.warning("Could not queue %s%s; the resume sweep will send it.", name, args, exc_info=True)
