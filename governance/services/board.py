"""Board positions, annual reviews of non-executives, and fit and proper person checks (R19)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from governance import access
from governance.models import (
    BoardPosition,
    BoardReview,
    CompetencyDomain,
    FitProperAttestation,
    FitProperCheck,
    Rating,
    WellLedTheme,
)
from governance.services.shared import require
from leadership.audit import audit_context
from leadership.dates import add_years, require_dates_in_range, uk_today
from leadership.models import Organisation, Person, User
from leadership.numbers import SMALLINT_MAX, require_amount, require_count


@transaction.atomic
def board_position_create(
    *,
    actor: User,
    organisation: Organisation,
    person: Person,
    kind: str,
    title: str,
    starts_on: date,
    ends_on: date | None = None,
    remuneration_per_year: Decimal | None = None,
    time_commitment: str = "",
    sector_of_origin: str = "nhs",
) -> BoardPosition:
    require(
        access.may_manage_board(actor, organisation),
        "Only the organisation's board secretaries and HR admins record its board positions.",
    )
    require_dates_in_range(starts_on=starts_on, ends_on=ends_on)
    require_amount(
        remuneration_per_year,
        field="remuneration_per_year",
        max_digits=9,
        decimal_places=2,
        minimum=Decimal(0),
    )
    if ends_on is not None and ends_on <= starts_on:
        raise ValidationError({"ends_on": "The term must end after it starts."})
    volunteer = kind == BoardPosition.Kind.VOLUNTEER_NED
    if volunteer != hasattr(person, "volunteer_profile"):
        raise ValidationError(
            {
                "person": "Volunteer positions are held by members of the volunteer register, "
                "and only by them."
                if volunteer
                else "Appoint a volunteer through the volunteer register's search."
            }
        )
    if not volunteer and person.organisation_id != organisation.id:
        raise ValidationError({"person": "Choose someone on the organisation's staff record."})
    if (
        kind == BoardPosition.Kind.CHAIR
        and ends_on is None
        and BoardPosition.objects.filter(
            organisation=organisation, kind=BoardPosition.Kind.CHAIR, ends_on__isnull=True
        ).exists()
    ):
        raise ValidationError({"kind": "The organisation already has a chair: end that term first."})
    position = BoardPosition(
        organisation=organisation,
        person=person,
        kind=kind,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        remuneration_per_year=remuneration_per_year,
        time_commitment=time_commitment,
        sector_of_origin=sector_of_origin,
        created_by=actor,
    )
    if position.is_non_executive:
        position.next_review_due = add_years(starts_on, 1)
    with audit_context(actor=actor):
        position.save()
    return position


def _one_current_chair(position: BoardPosition) -> None:
    if (
        position.kind == BoardPosition.Kind.CHAIR
        and position.ends_on is None
        and BoardPosition.objects.filter(
            organisation_id=position.organisation_id, kind=BoardPosition.Kind.CHAIR, ends_on__isnull=True
        )
        .exclude(pk=position.pk)
        .exists()
    ):
        raise ValidationError({"kind": "The organisation already has a chair: end that term first."})


@transaction.atomic
def board_position_update(
    *,
    actor: User,
    position: BoardPosition,
    title: str,
    starts_on: date,
    ends_on: date | None = None,
    kind: str | None = None,
    remuneration_per_year: Decimal | None = None,
    time_commitment: str = "",
    sector_of_origin: str = "nhs",
) -> BoardPosition:
    """Correct a position; its holder and organisation stay (a new holder is a new position)."""
    require(
        access.may_manage_board(actor, position.organisation),
        "Only the organisation's board secretaries and HR admins correct its board positions.",
    )
    require_dates_in_range(starts_on=starts_on, ends_on=ends_on)
    require_amount(
        remuneration_per_year,
        field="remuneration_per_year",
        max_digits=9,
        decimal_places=2,
        minimum=Decimal(0),
    )
    if ends_on is not None and ends_on <= starts_on:
        raise ValidationError({"ends_on": "The term must end after it starts."})
    kind = kind or position.kind
    volunteer = BoardPosition.Kind.VOLUNTEER_NED
    if (kind == volunteer) != (position.kind == volunteer):
        raise ValidationError({"kind": "A volunteer position stays a volunteer position, and only they are."})
    was_non_executive = position.is_non_executive
    position.kind, position.title, position.starts_on, position.ends_on = kind, title, starts_on, ends_on
    position.remuneration_per_year = remuneration_per_year
    position.time_commitment, position.sector_of_origin = time_commitment, sector_of_origin
    _one_current_chair(position)
    if not position.is_non_executive:
        position.next_review_due = None
    elif not was_non_executive:
        position.next_review_due = add_years(starts_on, 1)
    with audit_context(actor=actor):
        position.save()
    return position


@transaction.atomic
def board_position_end(*, actor: User, position: BoardPosition, ends_on: date) -> BoardPosition:
    """End a term on its last day; from the next day the position is former (and a chair no longer chair)."""
    require(
        access.may_manage_board(actor, position.organisation),
        "Only the organisation's board secretaries and HR admins end board terms.",
    )
    require_dates_in_range(ends_on=ends_on)
    if position.is_former(uk_today()):
        raise ValidationError("This term has already ended.")
    if ends_on <= position.starts_on:
        raise ValidationError({"ends_on": "The term must end after it starts."})
    position.ends_on = ends_on
    position.ended_by = actor
    with audit_context(actor=actor):
        position.save(update_fields=["ends_on", "ended_by"])
    return position


def _ratings(values: dict, choices) -> dict:
    valid = {str(r) for r in Rating.values}
    ratings = {code: int(values[code]) for code in choices.values if str(values.get(code)) in valid}
    missing = [choices(code).label for code in choices.values if code not in ratings]
    if missing:
        raise ValidationError(f"Rate every area: {', '.join(missing)}.")
    return ratings


@transaction.atomic
def board_review_complete(
    *,
    actor: User,
    position: BoardPosition,
    reviewed_on: date,
    competence: dict,
    well_led: dict,
    meetings_expected: int,
    meetings_attended: int,
    committees: str,
    remuneration_review: str,
    findings: str,
) -> BoardReview:
    """The annual review of a non-executive; the next falls due a year after it."""
    require(
        access.may_review_board_member(actor, position),
        "Only the board secretary, the chair or a national admin reviews a non-executive.",
    )
    if not position.is_non_executive:
        raise ValidationError("Annual board member reviews are for non-executives.")
    require_dates_in_range(reviewed_on=reviewed_on)
    if reviewed_on > uk_today():
        raise ValidationError({"reviewed_on": "A review cannot be dated in the future."})
    require_count(meetings_expected, field="meetings_expected", minimum=0, maximum=SMALLINT_MAX)
    require_count(meetings_attended, field="meetings_attended", minimum=0, maximum=SMALLINT_MAX)
    if meetings_attended > meetings_expected:
        raise ValidationError({"meetings_attended": "Attended cannot be more than expected."})
    with audit_context(actor=actor):
        review = BoardReview.objects.create(
            position=position,
            reviewed_on=reviewed_on,
            competence=_ratings(competence, CompetencyDomain),
            well_led=_ratings(well_led, WellLedTheme),
            meetings_expected=meetings_expected,
            meetings_attended=meetings_attended,
            committees=committees,
            remuneration_review=remuneration_review,
            findings=findings,
            reviewed_by=actor,
        )
        position.next_review_due = add_years(reviewed_on, 1)
        position.save(update_fields=["next_review_due"])
    return review


@transaction.atomic
def fit_proper_check_record(
    *, actor: User, position: BoardPosition, kind: str, checked_on: date, evidence: str, outcome: str
) -> FitProperCheck:
    require(
        access.may_manage_board(actor, position.organisation),
        "Only the organisation's board secretaries and HR admins record fit and proper person checks.",
    )
    require_dates_in_range(checked_on=checked_on)
    if checked_on > uk_today():
        raise ValidationError({"checked_on": "A check cannot be dated in the future."})
    with audit_context(actor=actor):
        return FitProperCheck.objects.create(
            person=position.person,
            recorded_for=position.organisation,
            kind=kind,
            checked_on=checked_on,
            evidence=evidence,
            outcome=outcome,
            recorded_by=actor,
        )


@transaction.atomic
def fit_proper_attest(
    *, actor: User, person: Person, statement: str, today: date | None = None
) -> FitProperAttestation:
    """A board member's own annual self-attestation, once a year."""
    require(access.may_attest(actor, person), "Board members attest for themselves only.")
    today = today or uk_today()
    try:
        with transaction.atomic(), audit_context(actor=actor):
            return FitProperAttestation.objects.create(
                person=person, year=today.year, attested_on=today, statement=statement
            )
    except IntegrityError:
        raise ValidationError(f"You have already attested for {today.year}.") from None
