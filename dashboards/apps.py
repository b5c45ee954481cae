from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = "Dashboards"

    def ready(self):
        from dashboards import measures as people_measures
        from dashboards import selectors, tasks
        from leadership import events, measures

        measures.register("people", people_measures.PEOPLE_MEASURES, people_measures.people_rows, position=10)
        measures.register_figures(selectors.measure_figures)

        # The dashboards show an import's people without waiting for the nightly refresh.
        events.import_succeeded.connect(tasks.refresh_after_import, dispatch_uid="dashboards-refresh")
