from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """Data returns and burden assessments (R12, R14, R16), board member reviews and FPPT (R19)."""

    name = "governance"
    verbose_name = "Governance"
