"""Secondments in and out of the NHS (R7)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from leadership.dates import require_dates_in_range
from leadership.models import Person, User
from talentpool import access
from talentpool.models import Secondment
from talentpool.services.shared import require


@transaction.atomic
def secondment_create(
    *,
    actor: User,
    person: Person,
    direction: str,
    external_sector: str,
    external_organisation: str,
    starts_on: date,
    ends_on: date,
    purpose: str,
) -> Secondment:
    require(access.is_home_hr_admin(actor, person), "Only the person's HR admins record secondments.")
    require_dates_in_range(starts_on=starts_on, ends_on=ends_on)
    if ends_on <= starts_on:
        raise ValidationError({"ends_on": "The secondment must end after it starts."})
    return Secondment.objects.create(
        organisation=person.organisation,
        person=person,
        direction=direction,
        external_sector=external_sector,
        external_organisation=external_organisation,
        starts_on=starts_on,
        ends_on=ends_on,
        purpose=purpose,
        created_by=actor,
    )


@transaction.atomic
def secondment_record_outcome(*, actor: User, secondment: Secondment, outcome: str) -> Secondment:
    require(access.is_home_hr_admin(actor, secondment.person),
             "Only the person's HR admins record secondments.")
    secondment.outcome = outcome
    secondment.save(update_fields=["outcome"])
    return secondment
