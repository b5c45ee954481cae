"""API v1 resources of the appraisal app; leadership/api/urls.py calls register()."""


def register(router) -> None:
    """Add this app's viewsets to the shared /api/v1/ router."""


extra_urlpatterns: list = []
