from django.apps import AppConfig


class LeadershipConfig(AppConfig):
    name = "leadership"
    verbose_name = "Leadership"

    def ready(self):
        from leadership import measures, signals  # noqa: F401 - signals connects its receivers
        from leadership.api.registry import register_api
        from leadership.development import api as development_api
        from leadership.development import measures as cycle_measures

        register_api("development", routes=development_api.register,
                     urlpatterns=development_api.extra_urlpatterns)

        measures.register("development", cycle_measures.MEASURES, cycle_measures.rows, position=30)

        from leadership import todo
        from leadership.development import todo as development_todo

        todo.register("development", development_todo.development_todos)
        todo.register("imports", todo.import_todos)

        from leadership import team
        from leadership.development import team as development_team

        team.register("self-assessment",
                      team.Column("Self-assessment", development_team.self_assessment_cells, position=10))
        team.register("plan", team.Column("Development plan", development_team.plan_cells, position=20))
        team.register("cycle", team.Column("90-day cycle", development_team.cycle_cells, position=30))
