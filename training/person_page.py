"""Training's section of a person's page (leadership.person_page)."""

from django.urls import reverse

from leadership.person_page import Section
from training import access


def training_section(user, person) -> Section | None:
    if not access.training_people(user).filter(id=person.id).exists():
        return None
    return Section("Training", f"{person.first_name}'s training records",
                   reverse("training:person_training", args=[person.public_id]))
