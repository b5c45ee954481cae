from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = "Dashboards"

    def ready(self):
        from dashboards import api as dashboards_api
        from dashboards import measures as people_measures
        from dashboards import selectors, tasks
        from leadership import events, measures
        from leadership.api.registry import register_api

        measures.register("people", people_measures.PEOPLE_MEASURES, people_measures.people_rows, position=10)
        measures.register_figures(selectors.measure_figures)

        # The dashboards show an import's people without waiting for the nightly refresh.
        events.import_succeeded.connect(tasks.refresh_after_import, dispatch_uid="dashboards-refresh")
        register_api("dashboards", routes=dashboards_api.register,
                     urlpatterns=dashboards_api.extra_urlpatterns)
