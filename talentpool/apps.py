from django.apps import AppConfig


class TalentpoolConfig(AppConfig):
    name = "talentpool"

    def ready(self):
        from leadership import access as core
        from leadership import measures
        from leadership.api.registry import register_api
        from leadership.models import ApiScope
        from talentpool import access
        from talentpool import api as talent_api
        from talentpool import measures as talent_measures

        for resource, rows in {
            "talent-pools": access.api_talent_pool_deletions,
            "talent-pool-members": access.api_pool_member_deletions,
            "graduate-trainees": access.api_graduate_trainee_deletions,
            "secondments": access.api_secondment_deletions,
            "senior-contracts": access.api_senior_contract_deletions,
        }.items():
            core.register_deletion_feed(resource, scope=ApiScope.TALENT_READ, rows=rows)

        measures.register("talent", talent_measures.MEASURES, talent_measures.rows, position=40)
        register_api("talent", routes=talent_api.register, urlpatterns=talent_api.extra_urlpatterns)

        from leadership import events
        from talentpool.services import mergers, pools

        events.person_left.connect(pools.on_person_left, dispatch_uid="talentpool_person_left")
        events.organisation_merged.connect(mergers.on_organisation_merged,
                                           dispatch_uid="talentpool_organisation_merged")

        from leadership import person_page
        from talentpool import person_page as talent_person_page

        person_page.register("talent_nominate", talent_person_page.nominate_section)
        person_page.register("talent_pool_exception", talent_person_page.pool_exception_section)
        person_page.register("talent_recruited_from", talent_person_page.external_recruit_section)

        from leadership import team, todo
        from talentpool import home

        todo.register("talent", home.talent_todos)
        team.register("talent", team.Column("Talent pool", home.pool_status_cells, position=70))
