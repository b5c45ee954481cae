import os

from celery import Celery, bootsteps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class HeartbeatStep(bootsteps.StartStopStep):
    """Writes the worker's heartbeat to Redis every few seconds, for /healthz."""

    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self.timer_ref = None

    def start(self, worker):
        from portal.health import worker_heartbeat_write

        worker_heartbeat_write(worker.hostname)
        self.timer_ref = worker.timer.call_repeatedly(
            10.0, worker_heartbeat_write, (worker.hostname,), priority=10
        )

    def stop(self, worker):
        if self.timer_ref is not None:
            self.timer_ref.cancel()


app.steps["worker"].add(HeartbeatStep)
