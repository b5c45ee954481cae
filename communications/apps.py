from django.apps import AppConfig


class CommunicationsConfig(AppConfig):
    """Broadcasts (R1), the values handbook and leadership passport (R2), best-practice boards (R17)."""

    name = "communications"
    verbose_name = "Communications"

    def ready(self):
        from communications.handbook import home as handbook_home
        from communications.passport import api as passport_api
        from communications.passport import home as passport_home
        from leadership import person_page, todo
        from leadership.api.registry import register_api

        todo.register("values_handbook", handbook_home.handbook_todos)
        person_page.register("leadership_passport", passport_home.passport_section)
        person_page.register("values_handbook", handbook_home.values_section)
        register_api("passports", routes=passport_api.register, urlpatterns=passport_api.extra_urlpatterns)
