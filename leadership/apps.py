from django.apps import AppConfig


class LeadershipConfig(AppConfig):
    name = "leadership"
    verbose_name = "Leadership"

    def ready(self):
        from leadership import signals  # noqa: F401 - connects the security-event receivers
