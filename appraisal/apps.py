from django.apps import AppConfig


class AppraisalConfig(AppConfig):
    name = "appraisal"

    def ready(self):
        from appraisal import access
        from appraisal import measures as appraisal_measures
        from leadership import access as core
        from leadership import measures
        from leadership.models import ApiScope

        core.register_deletion_feed("appraisals", scope=ApiScope.APPRAISALS_READ,
                                    rows=access.api_appraisal_deletions)
        core.register_deletion_feed("scorecards", scope=ApiScope.APPRAISALS_READ,
                                    rows=access.api_scorecard_deletions)

        measures.register("appraisal", appraisal_measures.MEASURES, appraisal_measures.rows, position=50)
