from django.apps import AppConfig


class TalentpoolConfig(AppConfig):
    name = "talentpool"

    def ready(self):
        from leadership import measures
        from talentpool import measures as talent_measures

        measures.register("talent", talent_measures.MEASURES, talent_measures.rows, position=40)
