from tests.api.conftest import api_for, make_api_client  # noqa: F401 - API clients for dashboard tests
