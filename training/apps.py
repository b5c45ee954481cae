from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"

    def ready(self):
        from leadership import access as core
        from leadership import measures
        from leadership.api.registry import register_api
        from leadership.models import ApiScope
        from training import access
        from training import api as training_api
        from training import measures as training_measures

        core.register_deletion_feed("training-records", scope=ApiScope.TRAINING_READ,
                                    rows=access.api_training_record_deletions)
        core.register_deletion_feed("training-enrolments", scope=ApiScope.TRAINING_READ,
                                    rows=access.api_enrolment_deletions)

        from leadership import events
        from training import merger_services

        events.organisation_merged.connect(merger_services.on_organisation_merged,
                                           dispatch_uid="training_organisation_merged")

        measures.register("training", training_measures.MEASURES, training_measures.rows, position=20)
        register_api("training", routes=training_api.register, urlpatterns=training_api.extra_urlpatterns)

        from leadership import person_page
        from training.person_page import training_section

        person_page.register("training", training_section)

        from leadership import pathway_page
        from training.pathway_page import courses_section

        pathway_page.register("training", courses_section)

        from leadership import team, todo
        from training import home

        todo.register("training", home.enrolment_todos)

        from leadership.development import courses
        from training import selectors

        # Development's actions link to catalogue courses chosen by title or provider.
        courses.register_catalogue(
            search=lambda user, text: selectors.course_choices_search(access.courses(user), text),
            describe=selectors.course_choices_by_id,
        )
        team.register("training", team.Column("Training", home.training_this_year_cells, position=40))
