"""The passport's section of a person's page (leadership.person_page)."""

from django.urls import reverse

from communications import access
from leadership.person_page import Section


def passport_section(user, person) -> Section | None:
    if not access.passport_people(user).filter(pk=person.pk).exists():
        return None
    return Section("Leadership passport", f"{person.first_name}'s leadership passport",
                   reverse("communications:passport", args=[person.public_id]))
