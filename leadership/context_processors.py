from django.urls import reverse

from leadership import access


def navigation(request):
    """The header's links for the signed-in user, by role."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    unread = access.notifications(user).filter(read_at__isnull=True).count()
    items = [("Home", reverse("home")), ("My profile", reverse("my_profile")),
             (f"Notifications ({unread})" if unread else "Notifications", reverse("notification_list"))]
    if access.own_person(user) is not None:
        items.append(("My team", reverse("my_team")))
        items.append(("My development", reverse("development:my_development")))
    if access.sees_people_list(user):
        items.append(("People", reverse("people_list")))
    items.append(("Organisations", reverse("organisation_list")))
    items.append(("Training", reverse("training:catalogue")))
    items.append(("Appraisal", reverse("appraisal:my_appraisals")))
    items.append(("Talent", reverse("talentpool:home")))
    if access.sees_undelivered_mail(user):
        items.append(("Undelivered email", reverse("undelivered_mail")))
    if access.opens_django_admin(user):
        items.append(("Admin", reverse("admin:index")))
    path = request.path
    return {
        "nav_items": [
            {"label": label, "url": url, "current": path == url or (url != "/" and path.startswith(url))}
            for label, url in items
        ]
    }
