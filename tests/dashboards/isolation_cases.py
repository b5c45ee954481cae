"""Dashboard routes for the page and API route walks (see tests/isolation_registry.py)."""

from django.urls import reverse

from tests.isolation_registry import EVERYONE, NATIONAL

PAGE_CASES = {
    "dashboards:index": ("list", lambda w: reverse("dashboards:index")),
    "dashboards:organisation": ("object", lambda w: reverse("dashboards:organisation", args=["RT1"])),
    "dashboards:footprint": ("national", lambda w: reverse("dashboards:footprint", args=["QT1"])),
    "dashboards:national": ("national", lambda w: reverse("dashboards:national")),
}

# The demo roles that open each page by following links (tests/isolation_registry.py, EVERYONE etc.).
REACHABLE_BY = {
    "dashboards:index": EVERYONE - {"manager"},  # every role but a plain line manager
    "dashboards:organisation": EVERYONE - {"manager"},  # every role but a plain line manager
    "dashboards:footprint": {"education_lead", "footprint_viewer", "national_admin"},
    "dashboards:national": NATIONAL,
}
API_CASES = {
    "api:dashboard-organisation": ("object", lambda w: reverse("api:dashboard-organisation",
                                                               args=["RT1"])),
    "api:dashboard-footprint": ("footprint", lambda w: reverse("api:dashboard-footprint", args=["QT1"])),
}


def build_world(world: dict) -> None:
    from dashboards.services import dashboards_refresh

    dashboards_refresh()
