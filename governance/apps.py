from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """Data returns and burden assessments (R12, R14, R16), board member reviews and FPPT (R19)."""

    name = "governance"
    verbose_name = "Governance"

    def ready(self):
        from governance import access, home
        from governance import api as governance_api
        from leadership import access as core
        from leadership import todo
        from leadership.api.registry import register_api
        from leadership.models import ApiScope

        for resource, rows in {
            "data-returns": access.api_data_return_deletions,
            "burden-assessments": access.api_burden_assessment_deletions,
            "board-positions": access.api_board_position_deletions,
        }.items():
            core.register_deletion_feed(resource, scope=ApiScope.GOVERNANCE_READ, rows=rows)
        register_api(
            "governance", routes=governance_api.register, urlpatterns=governance_api.extra_urlpatterns
        )
        todo.register("governance", home.governance_todos)

        from governance.services import mergers
        from leadership import events

        events.organisation_merged.connect(mergers.on_organisation_merged,
                                           dispatch_uid="governance_organisation_merged")

        from governance.person_page import governance_section
        from leadership import person_page

        person_page.register("governance", governance_section)
