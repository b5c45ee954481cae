"""Settings come from the environment strictly; production settings pass Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "PORTAL_ENV": "production",
    "DJANGO_SECRET_KEY": "k" * 20 + "-production-secret-for-the-deploy-check-" + "z" * 20,
    "DJANGO_ALLOWED_HOSTS": "leadership.example.nhs.uk",
    "SITE_URL": "https://leadership.example.nhs.uk",
    "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_BACKEND": "smtp",
    "EMAIL_HOST": "smtp.example.nhs.uk",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("DJANGO_", "PORTAL_", "EMAIL_", "SITE_URL", "DATABASE_",
                                  "REDIS_URL"))}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR,
                          env={**clean, **env}, capture_output=True, text=True, timeout=120)


def test_production_settings_pass_the_deploy_check_with_no_warning():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize(("name", "value"), [
    ("DJANGO_DEBUG", "yes"),
    ("DJANGO_SECRET_KEY", "short"),
    ("DATABASE_URL", "mysql://db/portal"),
    ("DATABASE_REPLICA_URL", "mysql://db/portal"),
    ("SITE_URL", "http://leadership.example.nhs.uk"),
    ("PORTAL_ENV", "staging"),
    ("EMAIL_PORT", "twenty-five"),
    ("API_THROTTLE_RATE", "fast"),
    ("DATABASE_CONN_MAX_AGE", "forever"),
    ("DATABASE_CONN_HEALTH_CHECKS", "maybe"),
])
def test_a_bad_value_stops_start_up_naming_the_variable(name, value):
    result = manage("check", **{**PRODUCTION_ENV, name: value})
    assert result.returncode != 0
    assert name in result.stderr


def test_production_requires_every_service_url():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DATABASE_URL"}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "DATABASE_URL must be set" in result.stderr


@pytest.mark.parametrize("value", ["600", "600/minute", "600/mango", "0/min", "-5/min", "5.5/min", "/min",
                                   "600/min ", "600 / min", "６００/min", "600/min/x"])
def test_a_bad_api_throttle_rate_stops_start_up_with_the_accepted_form(value):
    result = manage("check", **{**PRODUCTION_ENV, "API_THROTTLE_RATE": value})
    assert result.returncode != 0
    assert "API_THROTTLE_RATE must be a number of requests per sec, min, hour, day" in result.stderr


# Three requests from one address through the API's own throttle, against the suite's Redis.
THROTTLE_PROBE = """
from django.core.cache import cache
from django.test import RequestFactory
from rest_framework.request import Request
from leadership.api.auth import ApiClientRateThrottle
request = Request(RequestFactory().get("/api/v1/people/", REMOTE_ADDR="192.0.2.77"))
cache.delete(ApiClientRateThrottle().get_cache_key(request, None))
print([ApiClientRateThrottle().allow_request(request, None) for _ in range(3)])
"""


def test_a_configured_api_throttle_rate_is_the_one_the_api_applies(settings):
    services = {"DATABASE_URL": os.environ.get("DATABASE_URL", PRODUCTION_ENV["DATABASE_URL"]),
                "REDIS_URL": settings.CACHES["default"]["LOCATION"]}  # the suite's own Redis database
    result = manage("shell", "-c", THROTTLE_PROBE, API_THROTTLE_RATE="2/hour", **services)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[True, True, False]"


def test_the_api_throttle_rate_defaults_to_600_a_minute():
    result = manage("shell", "-c", "from django.conf import settings; "
                    "print(settings.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES'])", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "{'api': '600/min'}"
