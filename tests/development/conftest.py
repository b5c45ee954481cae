"""Development fixtures: the default framework (reloaded if a transactional test flushed it)."""

import pytest
from django.utils import timezone

from leadership.development import framework_data
from leadership.models import Competency, CompetencyFramework, ExpectedBehaviour
from tests.api.conftest import api_for, make_api_client  # noqa: F401 - the API actors, shared


def ensure_default_framework() -> CompetencyFramework:
    return framework_data.load(CompetencyFramework, Competency, ExpectedBehaviour, timezone.now())


@pytest.fixture
def framework(db):
    return ensure_default_framework()


