"""What the talent pool adds to a person's page (leadership.person_page, registered in apps.py): each
link is offered only to those whose action it opens."""

from django.urls import reverse

from leadership.person_page import Section
from talentpool import access, services
from talentpool.models import NationalPoolException


def nominate_section(user, person) -> Section | None:
    if not person.active or services.nomination_route(actor=user, person=person) is None:
        return None
    return Section("Talent pools", "Nominate to a pool",
                   f"{reverse('talentpool:nominate')}?person={person.public_id}")


def pool_exception_section(user, person) -> Section | None:
    """National admins record the R8 exception for someone without the senior qualification."""
    if not access.may_grant_pool_exceptions(user) or not person.active:
        return None
    url = reverse("talentpool:pool_exception", args=[person.public_id])
    if NationalPoolException.objects.filter(person=person).exists():
        return Section("National senior pool", "An exception to the qualification rule is recorded", url)
    if services.may_join_national_pool(person):
        return None  # qualified: nothing to excuse
    return Section("National senior pool", "Record an exception to the qualification rule", url)


def external_recruit_section(user, person) -> Section | None:
    if not person.active or not access.is_home_hr_admin(user, person):
        return None
    return Section("Recruited from", f"{person.get_sector_background_display()}: change",
                   reverse("talentpool:external_recruit", args=[person.public_id]))
