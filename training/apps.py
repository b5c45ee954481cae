from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"

    def ready(self):
        from leadership import access as core
        from leadership import measures
        from leadership.models import ApiScope
        from training import access
        from training import measures as training_measures

        core.register_deletion_feed("training-records", scope=ApiScope.TRAINING_READ,
                                    rows=access.api_training_record_deletions)

        measures.register("training", training_measures.MEASURES, training_measures.rows, position=20)
