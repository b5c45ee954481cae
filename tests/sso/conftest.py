import pytest

from tests.sso.provider import start_provider, stop_provider


@pytest.fixture(scope="module")
def provider_for(tmp_path_factory):
    """provider_for(portal_origins): the test OpenID Connect provider, stopped after the module."""
    started = []

    def start(portal_origins: list[str]):
        if not started:
            started.append(start_provider(tmp_path_factory.mktemp("oidc-provider"), portal_origins))
        return started[0]

    yield start
    for provider in started:
        stop_provider(provider)
