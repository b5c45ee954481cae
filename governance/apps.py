from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """Data returns and burden assessments (R12, R14, R16), board member reviews and FPPT (R19)."""

    name = "governance"
    verbose_name = "Governance"

    def ready(self):
        from governance import home
        from leadership import todo

        todo.register("governance", home.governance_todos)
