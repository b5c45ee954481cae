from django.apps import AppConfig


class CommunicationsConfig(AppConfig):
    """Broadcasts (R1), the values handbook and leadership passport (R2), best-practice boards (R17)."""

    name = "communications"
    verbose_name = "Communications"

    def ready(self):
        from communications import access, home
        from communications import api as communications_api
        from leadership import access as core
        from leadership import context_processors, home_sections, todo
        from leadership.api.registry import register_api
        from leadership.models import ApiScope

        register_api(
            "communications",
            routes=communications_api.register,
            urlpatterns=communications_api.extra_urlpatterns,
        )
        core.register_deletion_feed(
            "broadcasts", scope=ApiScope.COMMUNICATIONS_READ, rows=access.api_broadcast_deletions
        )
        core.register_deletion_feed(
            "boards", scope=ApiScope.COMMUNICATIONS_READ, rows=access.api_board_thread_deletions
        )
        from communications.services import mergers
        from leadership import events

        events.organisation_merged.connect(mergers.on_organisation_merged,
                                           dispatch_uid="communications_organisation_merged")
        context_processors.register_section("Broadcasts", "communications:broadcast_feed")
        context_processors.register_section("Boards", "communications:board_list")
        todo.register("broadcasts", home.broadcast_todos)
        home_sections.register(
            "broadcasts",
            home_sections.Section(
                "communications/_home_broadcasts.html", home.latest_broadcasts, position=10
            ),
        )

        from communications.handbook import home as handbook_home
        from communications.passport import api as passport_api
        from communications.passport import home as passport_home
        from leadership import person_page

        todo.register("values_handbook", handbook_home.handbook_todos)
        person_page.register("leadership_passport", passport_home.passport_section)
        person_page.register("values_handbook", handbook_home.values_section)
        register_api("passports", routes=passport_api.register, urlpatterns=passport_api.extra_urlpatterns)
