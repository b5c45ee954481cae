from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"

    def ready(self):
        from leadership import measures
        from training import measures as training_measures

        measures.register("training", training_measures.MEASURES, training_measures.rows, position=20)
