from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Project plumbing: settings, URLs, Celery, middleware, health, private servers (the top layer)."""

    name = "portal"
    verbose_name = "Portal"
