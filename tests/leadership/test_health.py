"""/healthz reports database, Redis and a live worker, as JSON."""

import pytest
from django.core.cache import cache

from portal.health import HEARTBEAT_KEY


@pytest.mark.django_db(transaction=True)
def test_healthz_is_200_when_database_redis_and_the_real_worker_are_up(client, celery_worker):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok", "worker": "ok"}


@pytest.mark.django_db
def test_healthz_is_503_when_no_worker_has_written_a_heartbeat(client):
    cache.delete(HEARTBEAT_KEY)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"] == "down"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_healthz_is_503_when_redis_cannot_be_reached(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["redis"] == "down"


def test_healthz_needs_no_sign_in_and_refuses_writes(client, db):
    assert client.post("/healthz").status_code == 405
