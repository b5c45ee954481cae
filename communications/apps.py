from django.apps import AppConfig


class CommunicationsConfig(AppConfig):
    """Broadcasts (R1), the values handbook and leadership passport (R2), best-practice boards (R17)."""

    name = "communications"
    verbose_name = "Communications"
