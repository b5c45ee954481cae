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


def navigation(request):
    """The header's links for the signed-in user: the sections their roles use (leadership/access/menus)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    unread = access.notifications(user).filter(read_at__isnull=True).count()
    items = [("Home", reverse("home")), ("My profile", reverse("my_profile")),
             (f"Notifications ({unread})" if unread else "Notifications", reverse("notification_list"))]
    items += [(label, reverse(name)) for label, name, shows in SECTIONS if shows is None or shows(user)]
    path = request.path
    return {
        "nav_items": [
            {"label": label, "url": url, "current": path == url or (url != "/" and path.startswith(url))}
            for label, url in items
        ]
    }
