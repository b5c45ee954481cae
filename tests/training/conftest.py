import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Certificates are written under a temporary MEDIA_ROOT, never the developer's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


from tests.api.conftest import api_for, icb_api, make_api_client, other_org_api, same_org_api  # noqa: E402, F401
