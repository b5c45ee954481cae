"""Thin Celery tasks of communications: each calls a service."""

from celery import shared_task

from communications import services


@shared_task(acks_late=True)
def broadcast_digest_task() -> int:
    return services.broadcast_digest_send()  # the week is in each notification's key: a rerun writes none
