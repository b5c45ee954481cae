"""API v1 resources for development; leadership/api/urls.py calls register()."""


def register(router) -> None:
    """Add the development viewsets to the shared /api/v1/ router."""


extra_urlpatterns: list = []
