"""PORTAL_TEST_CLOCK pins the suite's clock to a chosen instant, ticking on from it.

`PORTAL_TEST_CLOCK=2026-03-29T00:30:00+00:00 make test` runs every test as if the suite had started
at that moment (here, the night the clocks go forward). The subprocesses the suite starts (the Celery
worker, `manage.py` commands) inherit the same clock through tests/pinned_clock/sitecustomize.py,
which PYTHONPATH puts first, so a worker and a test never disagree about "now".
"""

import os
import time
from datetime import datetime, timedelta

CLOCK = "PORTAL_TEST_CLOCK"
STARTED = "PORTAL_TEST_CLOCK_STARTED"  # the real time at which the suite pinned its clock
SITE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pinned_clock")


def pinned_instant() -> datetime | None:
    value = os.environ.get(CLOCK, "").strip()
    if not value:
        return None
    try:
        instant = datetime.fromisoformat(value)
    except ValueError as error:
        raise SystemExit(f"{CLOCK}={value!r} is not an ISO 8601 date and time: {error}") from error
    if instant.tzinfo is None:
        raise SystemExit(f"{CLOCK}={value!r} needs a UTC offset, e.g. 2026-03-29T00:30:00+00:00")
    return instant


def pin() -> None:
    """Start the pinned clock in this process, as far past the instant as the suite has run."""
    instant = pinned_instant()
    if instant is None:
        return
    import time_machine

    started = float(os.environ.setdefault(STARTED, repr(time.time())))
    elapsed = max(0.0, time.time() - started)
    time_machine.travel(instant + timedelta(seconds=elapsed), tick=True).start()
    # Subprocesses (worker, manage.py) start on the same clock.
    path = os.environ.get("PYTHONPATH", "")
    if SITE_DIR not in path.split(os.pathsep):
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (SITE_DIR, path) if p)
