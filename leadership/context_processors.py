from django.urls import reverse

from leadership import access

# The header's sections in order: (label, route name, the access rule that offers it; None for all).
SECTIONS = [
    ("My development", "development:my_development", access.menu_shows_my_development),
    ("My team", "my_team", access.menu_shows_my_team),
    ("People", "people_list", access.menu_shows_people),
    ("Organisations", "organisation_list", None),
    ("Training", "training:catalogue", None),
    ("Appraisal", "appraisal:my_appraisals", access.menu_shows_appraisal),
    ("Talent", "talentpool:home", None),
    ("Dashboards", "dashboards:index", access.menu_shows_dashboards),
    ("Governance", "governance:home", access.menu_shows_governance),
    ("Security events", "security_events", access.menu_shows_security_events),
    ("Undelivered email", "undelivered_mail", access.menu_shows_undelivered_email),
    ("Admin", "admin:index", access.menu_shows_admin),
]

# Sections of apps above the core (communications' Broadcasts and Boards), added from their ready():
# (label, route name, rule or None for everyone), placed before the entry labelled `before`.
_REGISTERED: dict[str, tuple[str, str, object, str]] = {}


def register_section(label: str, route_name: str, shows=None, *, before: str = "Dashboards") -> None:
    _REGISTERED[label] = (label, route_name, shows, before)


def _sections() -> list:
    sections = list(SECTIONS)
    for label, route_name, shows, before in _REGISTERED.values():
        at = next((i for i, (name, _, _) in enumerate(sections) if name == before), len(sections))
        sections.insert(at, (label, route_name, shows))
    return sections


def navigation(request):
    """The header's links for the signed-in user: the sections their roles use (leadership/access/menus)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    unread = access.notifications(user).filter(read_at__isnull=True).count()
    items = [("Home", reverse("home")), ("My profile", reverse("my_profile")),
             (f"Notifications ({unread})" if unread else "Notifications", reverse("notification_list"))]
    items += [(label, reverse(name)) for label, name, shows in _sections() if shows is None or shows(user)]
    path = request.path
    return {
        "nav_items": [
            {"label": label, "url": url, "current": path == url or (url != "/" and path.startswith(url))}
            for label, url in items
        ]
    }
