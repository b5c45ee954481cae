"""Governance's section of a person's page (leadership.person_page): their board position or their
volunteer record, when the viewer may open it."""

from django.urls import reverse

from governance import access
from leadership.person_page import Section


def governance_section(user, person) -> Section | None:
    position = (
        access.board_positions(user)
        .filter(person=person)
        .select_related("organisation")
        .order_by("-starts_on")
        .first()
    )
    if position is not None:
        return Section(
            "Board",
            f"{position.title}, {position.organisation.name}: reviews and fit and proper person checks",
            reverse("governance:position_detail", args=[position.public_id]),
        )
    profile = access.volunteer_profiles(user).filter(person=person).first()
    if profile is not None:
        return Section(
            "Volunteer non-executive",
            "Their record on the volunteer non-executive register",
            reverse("governance:volunteer_detail", args=[profile.public_id]),
        )
    return None
