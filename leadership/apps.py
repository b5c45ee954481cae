from django.apps import AppConfig


class LeadershipConfig(AppConfig):
    name = "leadership"
    verbose_name = "Leadership"

    def ready(self):
        from leadership import measures, signals  # noqa: F401 - signals connects its receivers
        from leadership.development import measures as cycle_measures

        measures.register("development", cycle_measures.MEASURES, cycle_measures.rows, position=30)
