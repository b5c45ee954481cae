"""Services queue tasks by name (leadership.queue), so a renamed task would fail only at run time:
every name the code queues must be a task Celery knows."""

import re
from pathlib import Path

from leadership import queue

ROOT = Path(__file__).resolve().parent.parent
APPS = ("leadership", "training", "appraisal", "talentpool", "governance", "dashboards",
        "communications", "portal")
QUEUED = re.compile(r'"((?:leadership|training|appraisal|talentpool|dashboards)(?:\.\w+)*\.tasks\.\w+)"')


def _queued_names() -> set[str]:
    return {name for app in APPS for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts
            for name in QUEUED.findall(path.read_text(encoding="utf-8"))}


def test_every_task_the_code_queues_by_name_is_registered():
    names = _queued_names()
    assert {"leadership.tasks.notification_send_task", "training.tasks.training_import_run_task"} <= names
    for name in names:
        assert queue.task(name).name == name
