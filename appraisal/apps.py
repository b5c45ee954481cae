from django.apps import AppConfig


class AppraisalConfig(AppConfig):
    name = "appraisal"

    def ready(self):
        from appraisal import access
        from appraisal import api as appraisal_api
        from appraisal import measures as appraisal_measures
        from leadership import access as core
        from leadership import measures
        from leadership.api.registry import register_api
        from leadership.models import ApiScope

        core.register_deletion_feed("appraisals", scope=ApiScope.APPRAISALS_READ,
                                    rows=access.api_appraisal_deletions)
        core.register_deletion_feed("scorecards", scope=ApiScope.APPRAISALS_READ,
                                    rows=access.api_scorecard_deletions)

        measures.register("appraisal", appraisal_measures.MEASURES, appraisal_measures.rows, position=50)
        register_api("appraisal", routes=appraisal_api.register, urlpatterns=appraisal_api.extra_urlpatterns)

        from appraisal.person_page import appraiser_section
        from leadership import person_page

        person_page.register("appraisal", appraiser_section)

        from appraisal import todo as appraisal_todo
        from leadership import todo

        todo.register("appraisal", appraisal_todo.appraisal_todos)
        todo.register("scorecard", appraisal_todo.scorecard_todos)

        from appraisal import team as appraisal_team
        from leadership import team

        team.register("appraisal", team.Column("Appraisal", appraisal_team.appraisal_cells, position=60))

        from appraisal.services import leavers as appraisal_leavers
        from leadership import events, leavers

        leavers.register_handovers("appraisal", appraisal_leavers.leaver_handovers)
        events.person_left.connect(appraisal_leavers.on_person_left, dispatch_uid="appraisal_person_left")

        from appraisal.services import mergers

        events.organisation_merged.connect(mergers.on_organisation_merged,
                                           dispatch_uid="appraisal_organisation_merged")
