from django.apps import AppConfig


class AppraisalConfig(AppConfig):
    name = "appraisal"

    def ready(self):
        from appraisal import measures as appraisal_measures
        from leadership import measures

        measures.register("appraisal", appraisal_measures.MEASURES, appraisal_measures.rows, position=50)
