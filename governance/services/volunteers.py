"""Volunteer non-executives from outside the NHS (R19): national admins record them as people of the
national "Volunteer non-executive register" organisation; trusts appoint consented members."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from governance import access
from governance.models import VOLUNTEER_REGISTER_ODS, BoardPosition, VolunteerProfile
from governance.services.board import board_position_create
from governance.services.shared import require
from leadership.audit import audit_context
from leadership.dates import uk_today
from leadership.models import ManagementLevel, Organisation, OrganisationKind, Person, User

REGISTER_NAME = "Volunteer non-executive register"


def volunteer_register() -> Organisation:
    """The register organisation (a national body), made the first time a volunteer is recorded."""
    register, _ = Organisation.objects.get_or_create(
        ods_code=VOLUNTEER_REGISTER_ODS,
        defaults={"name": REGISTER_NAME, "kind": OrganisationKind.NATIONAL_BODY},
    )
    return register


@transaction.atomic
def volunteer_record(
    *,
    actor: User,
    first_name: str,
    last_name: str,
    email: str,
    sector_of_origin: str,
    current_role: str,
    skills: list[str],
    consent_to_share: bool,
) -> VolunteerProfile:
    require(access.may_record_volunteers(actor), "Only national admins record volunteer non-executives.")
    register = volunteer_register()
    if Person.objects.filter(organisation=register, work_email__iexact=email).exists():
        raise ValidationError({"email": "Someone with that email is already on the register."})
    number = f"VN{Person.objects.filter(organisation=register).count() + 1:05d}"
    while Person.objects.filter(organisation=register, employee_number=number).exists():
        number = f"{number}X"
    with audit_context(actor=actor):
        person = Person.objects.create(
            organisation=register,
            employee_number=number,
            first_name=first_name,
            last_name=last_name,
            work_email=email,
            job_title=current_role,
            management_level=ManagementLevel.BOARD,
            sector_background=sector_of_origin,
        )
        return VolunteerProfile.objects.create(
            person=person,
            sector_of_origin=sector_of_origin,
            current_role=current_role,
            skills=skills,
            consent_to_share=consent_to_share,
            consent_recorded_on=uk_today() if consent_to_share else None,
            created_by=actor,
        )


@transaction.atomic
def volunteer_appoint(
    *,
    actor: User,
    profile: VolunteerProfile,
    organisation: Organisation,
    title: str,
    starts_on: date,
    ends_on: date | None = None,
    time_commitment: str = "",
) -> BoardPosition:
    """A board position in the trust that points at the volunteer's own record (the same person)."""
    require(
        access.may_appoint_volunteer(actor, organisation),
        "Only the trust's board secretaries and HR admins appoint to its board.",
    )
    if not profile.consent_to_share:
        raise ValidationError("This volunteer has not consented to be put forward.")
    return board_position_create(
        actor=actor,
        organisation=organisation,
        person=profile.person,
        kind=BoardPosition.Kind.VOLUNTEER_NED,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        remuneration_per_year=None,
        time_commitment=time_commitment,
        sector_of_origin=profile.sector_of_origin,
    )
