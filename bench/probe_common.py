"""Shared by the probes that run inside the scratch database (started with context.env)."""

import json
import os
import resource
import sys

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# What the benchmarks' Django processes run with: production-like (no DEBUG query log, no browsable
# API), the test client's host allowed.
PROBE_ENV = {"DJANGO_DEBUG": "false", "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver"}


def probe_env(context) -> dict:
    return {**context.env, **PROBE_ENV}


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    if BASE_DIR not in sys.path:
        sys.path.insert(0, BASE_DIR)
    import django

    django.setup()


def api_token(ods_code: str, scopes: list[str], name: str = "bench") -> str:
    """A new API client at the organisation and a bearer token for it, as a trust's system gets one."""
    from django.test import Client
    from django.urls import reverse

    from leadership.api_clients import api_client_create
    from leadership.models import Organisation

    client, secret = api_client_create(actor=None, organisation=Organisation.objects.get(ods_code=ods_code),
                                       scopes=scopes, name=name)
    response = Client(HTTP_HOST="127.0.0.1").post(reverse("api:oauth_token"), {
        "grant_type": "client_credentials", "client_id": client.application.client_id,
        "client_secret": secret})
    if response.status_code != 200:
        raise RuntimeError(f"token request failed: {response.status_code} {response.content[:300]!r}")
    return response.json()["access_token"]


def statements_seconds(statements: list[str], repeats: int) -> float:
    """The median, over `repeats` runs, of running the statements once each on a plain psycopg2
    connection: what PostgreSQL (and the socket) cost, with no Django or Python around them."""
    import statistics
    import time

    import psycopg2
    from django.db import connection

    params = connection.get_connection_params()
    raw = psycopg2.connect(**{k: v for k, v in params.items() if k in
                              ("dbname", "user", "password", "host", "port")})
    samples = []
    try:
        with raw.cursor() as cursor:
            for _ in range(repeats):
                started = time.perf_counter()
                for statement in statements:
                    cursor.execute(statement)
                    cursor.fetchall()
                samples.append(time.perf_counter() - started)
    finally:
        raw.close()
    return statistics.median(samples)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def emit(result: dict) -> None:
    print(json.dumps(result), flush=True)


def run_probe(context, module: str, *args: str, timeout: float = 1800) -> dict:
    """Run `python -m bench.<module> args` in the scratch database; its last stdout line is JSON."""
    import subprocess

    result = subprocess.run([sys.executable, "-m", f"bench.{module}", *args], cwd=BASE_DIR,
                            env=probe_env(context), capture_output=True, text=True, check=False,
                            timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"bench.{module} {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])
