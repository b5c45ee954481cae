"""Health of the parts the portal needs: database, Redis and a live Celery worker."""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

HEARTBEAT_KEY = "worker-heartbeat"
HEARTBEAT_MAX_AGE = 60  # seconds; the worker writes every 10


def worker_heartbeat_write(hostname: str) -> None:
    cache.set(f"{HEARTBEAT_KEY}:{hostname}", time.time(), timeout=HEARTBEAT_MAX_AGE)
    cache.set(HEARTBEAT_KEY, time.time(), timeout=HEARTBEAT_MAX_AGE)


def check_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means unhealthy
        return False


def check_redis() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1).ping())
    except Exception:  # noqa: BLE001
        return False


def check_worker() -> bool:
    try:
        last = cache.get(HEARTBEAT_KEY)
    except Exception:  # noqa: BLE001
        return False
    return last is not None and time.time() - float(last) < HEARTBEAT_MAX_AGE


def report() -> dict:
    checks = {"database": check_database(), "redis": check_redis(), "worker": check_worker()}
    return {"status": "ok" if all(checks.values()) else "unhealthy",
            **{name: "ok" if ok else "down" for name, ok in checks.items()}}


@require_GET
@never_cache
def healthz(request):
    body = report()
    return JsonResponse(body, status=200 if body["status"] == "ok" else 503)
