from celery import shared_task

from leadership import people_import


@shared_task(acks_late=True)
def people_import_run_task(import_id: int) -> None:
    people_import.run(import_id=import_id)  # claims the row first: safe to run twice
