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
             if not k.startswith(("DJANGO_", "PORTAL_", "EMAIL_", "SITE_URL", "DATABASE_URL",
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
    ("SITE_URL", "http://leadership.example.nhs.uk"),
    ("PORTAL_ENV", "staging"),
    ("EMAIL_PORT", "twenty-five"),
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
