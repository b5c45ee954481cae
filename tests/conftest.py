"""The fixed cast of actors, and the real Celery worker the suite drives."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pyotp
import pytest
from django.conf import settings
from django.core.cache import cache

from leadership import security
from leadership.models import ManagementLevel, Organisation, Role
from portal.health import check_worker
from tests import clock
from tests.factories import OrganisationFactory, PersonFactory, user_with_person
from tests.sign_in import enrol_in_totp

BASE_DIR = Path(__file__).resolve().parent.parent
# Runs side by side (several checkouts or sessions) can each take their own database.
TEST_REDIS_DB = int(os.environ.get("PORTAL_TEST_REDIS_DB", "15"))


def pytest_configure(config):
    """Tests use their own Redis database, so no dev worker ever sees a test's messages."""
    from portal.celery import app

    clock.pin()
    test_redis = settings.REDIS_URL.rsplit("/", 1)[0] + f"/{TEST_REDIS_DB}"
    settings.REDIS_URL = settings.CELERY_BROKER_URL = test_redis
    settings.CACHES["default"]["LOCATION"] = test_redis
    app.conf.broker_url = test_redis
    # The suite tests one database: a configured replica alias is pointed at the primary (and, as a
    # test mirror, at its test database), so nothing reads it. tests/api/test_replica_reads.py
    # starts a real replica of its own.
    if "replica" in settings.DATABASES:
        settings.DATABASES["replica"].update({key: settings.DATABASES["default"].get(key)
                                              for key in ("NAME", "HOST", "PORT", "USER", "PASSWORD")})
    # Real hashing costs ~0.3 s per user; tests create hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files (certificates) go to a folder of the test's own, never var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def icb():
    return OrganisationFactory(ods_code="QT1", name="NHS Test ICB", kind=Organisation.Kind.ICB)


@pytest.fixture
def same_org(icb):
    return OrganisationFactory(ods_code="RT1", name="Same Hospitals NHS Trust", parent=icb)


@pytest.fixture
def other_org():
    return OrganisationFactory(ods_code="RT9", name="Other Hospitals NHS Trust")


@pytest.fixture
def same_org_hr_admin(same_org):
    return user_with_person(same_org, role=Role.HR_ADMIN, first_name="Harriet",
                            last_name="Admin", job_title="HR business partner")


@pytest.fixture
def same_org_manager(same_org):
    """A middle manager with two reports, one of whom manages someone else."""
    user = user_with_person(same_org, first_name="Morgan", last_name="Manager",
                            management_level=ManagementLevel.MIDDLE)
    lead = PersonFactory(organisation=same_org, line_manager=user.person, first_name="Lee",
                         last_name="Lead", management_level=ManagementLevel.FIRST_LINE)
    PersonFactory(organisation=same_org, line_manager=user.person, first_name="Rita",
                  last_name="Report", management_level=ManagementLevel.NONE)
    PersonFactory(organisation=same_org, line_manager=lead, first_name="Indie",
                  last_name="Indirect", management_level=ManagementLevel.NONE)
    return user


@pytest.fixture
def other_org_hr_admin(other_org):
    return user_with_person(other_org, role=Role.HR_ADMIN, first_name="Otto", last_name="Other")


@pytest.fixture
def other_org_person(other_org):
    return PersonFactory(organisation=other_org, first_name="Foreign", last_name="Person")


@pytest.fixture
def client_for(client):
    """A test client signed in as the given user (enrolled in MFA when their roles demand it)."""

    def sign_in(user):
        if security.mfa_required(user) and not security.has_mfa(user):
            enrol_in_totp(user, pyotp.random_base32())
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker):
    """A real Celery worker process on the test database and the configured Redis."""
    from django.db import connection

    env = {
        **os.environ,
        "DATABASE_URL": _url_for_test_database(connection.settings_dict),
        "REDIS_URL": settings.REDIS_URL,
    }
    cache.delete("worker-heartbeat")
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo",
         "--loglevel=WARNING", "--without-gossip", "--without-mingle",
         f"--hostname=test-{os.getpid()}@%h"],
        cwd=BASE_DIR, env=env,
    )
    deadline = time.monotonic() + 60
    while not check_worker():
        if worker.poll() is not None or time.monotonic() > deadline:
            worker.kill()
            pytest.fail("The Celery worker did not start (see its output above).")
        time.sleep(0.2)
    yield worker
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()


def _url_for_test_database(db: dict) -> str:
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(predicate, timeout: float = 30.0, interval: float = 0.1):
    """Poll until predicate() is truthy; used for work the real worker does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout}s waiting for {predicate}")


@pytest.fixture
def national_admin(db):
    from leadership.models import Organisation, Role
    from tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory

    admin = UserFactory()
    RoleAssignmentFactory(user=admin, role=Role.NATIONAL_ADMIN, organisation=OrganisationFactory(
        ods_code="X24", kind=Organisation.Kind.NATIONAL_BODY))
    return admin
