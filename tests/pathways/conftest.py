import pytest

from tests.development.conftest import ensure_default_framework


@pytest.fixture
def framework(db):
    return ensure_default_framework()
