"""Demo governance data for the demo acute trust. `seed()` is idempotent: rows are keyed by title,
employee number or person, so a second run adds nothing."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction

from governance.models import (
    BoardPosition,
    BoardReview,
    BurdenAssessment,
    BurdenRole,
    CompetencyDomain,
    DataItem,
    DataReturn,
    DataReturnReview,
    FitProperCheck,
    VolunteerProfile,
    WellLedTheme,
)
from governance.services import volunteer_register
from leadership.dates import add_years, uk_today
from leadership.demo.organisation_tree import DEMO_ACUTE_TRUST
from leadership.models import ManagementLevel, Organisation, Person

RETURNS = [  # title, body, frequency, hours each time, items, days until the next review
    (
        "Monthly workforce statistics",
        "nhs_england",
        "monthly",
        "6",
        ["Staff in post", "Vacancies", "Sickness absence", "Agency spend"],
        20,
    ),
    (
        "Quarterly vacancy collection",
        "nhs_digital",
        "quarterly",
        "4",
        ["Vacancies", "Staff in post", "Turnover"],
        -10,
    ),
    (
        "Well-Led provider information request",
        "cqc",
        "yearly",
        "30",
        ["Board minutes", "Staff survey results", "Sickness absence"],
        200,
    ),
    (
        "ICB system workforce plan",
        "icb",
        "monthly",
        "5",
        ["Staff in post", "Agency spend", "Bank spend"],
        120,
    ),
]
VOLUNTEERS = [  # employee number, first, last, email, sector, current role, skills, consent
    (
        "VN00001",
        "Priya",
        "Shah",
        "priya.shah@example.org",
        "private",
        "Chief financial officer, logistics firm",
        [CompetencyDomain.GOVERNANCE, CompetencyDomain.STRATEGY],
        True,
    ),
    (
        "VN00002",
        "Tom",
        "Okafor",
        "tom.okafor@example.org",
        "third_sector",
        "Chief executive, housing charity",
        [CompetencyDomain.PARTNERS, CompetencyDomain.EQUALITY],
        True,
    ),
]


def _items(names):
    return [DataItem.objects.get_or_create(name=name)[0] for name in names]


@transaction.atomic
def seed() -> dict:
    trust = Organisation.objects.filter(ods_code=DEMO_ACUTE_TRUST).first()
    if trust is None:
        return {"returns": 0}
    today, added = uk_today(), 0
    for title, body, frequency, hours, item_names, due_in in RETURNS:
        data_return, created = DataReturn.objects.get_or_create(
            organisation=trust,
            title=title,
            defaults={
                "requesting_body": body,
                "purpose": "Demo: national oversight and planning",
                "legal_basis": "Health and Social Care Act 2012",
                "frequency": frequency,
                "staff_roles": "Workforce analyst",
                "hours_per_return": Decimal(hours),
                "next_review_due": today + timedelta(days=due_in),
            },
        )
        if created:
            added += 1
            data_return.items.set(_items(item_names))
    reviewed = DataReturn.objects.get(organisation=trust, title=RETURNS[2][0])
    if not reviewed.reviews.exists():
        DataReturnReview.objects.create(
            data_return=reviewed,
            reviewed_on=today - timedelta(days=5),
            still_needed=True,
            decision=DataReturnReview.Decision.SIMPLIFY,
            hours_saved_per_year=Decimal("10"),
            findings="Demo: board minutes are already published; CQC can take them from the website.",
        )
    _assessments(trust, today)
    _board(trust, today)
    _volunteers(trust, today)
    return {"returns": added}


def _assessments(trust, today):
    decided, created = BurdenAssessment.objects.get_or_create(
        organisation=trust,
        title="Weekly agency shift return",
        defaults={
            "request_description": "Demo: agency shifts by staff group, each week",
            "requesting_body": "nhs_england",
            "frequency": "weekly",
            "organisations_affected": 210,
            "status": BurdenAssessment.Status.APPROVED_WITH_CHANGES,
            "approver_name": "Director of Workforce",
            "decided_on": today - timedelta(days=20),
            "published": True,
            "decision_notes": "Demo: approved monthly, not weekly.",
        },
    )
    if created:
        decided.items.set(_items(["Agency spend", "Bank spend"]))
        BurdenRole.objects.create(
            assessment=decided, role="Rota coordinator", band="5", minutes_per_return=45
        )
        BurdenRole.objects.create(assessment=decided, role="Finance analyst", band="6", minutes_per_return=30)
    draft, created = BurdenAssessment.objects.get_or_create(
        organisation=trust,
        title="Board diversity census",
        defaults={
            "request_description": "Demo: protected characteristics of board members",
            "requesting_body": "dhsc",
            "frequency": "yearly",
            "organisations_affected": 250,
        },
    )
    if created:
        draft.items.set(_items(["Board members' protected characteristics"]))
        BurdenRole.objects.create(assessment=draft, role="Board secretary", band="8a", minutes_per_return=120)


def _board(trust, today):
    board = list(
        Person.objects.filter(
            organisation=trust, management_level=ManagementLevel.BOARD, active=True
        ).order_by("id")
    )
    for person in board:
        kind = {"Chair": BoardPosition.Kind.CHAIR, "Chief Executive": BoardPosition.Kind.EXECUTIVE}.get(
            person.job_title, BoardPosition.Kind.NON_EXECUTIVE
        )
        starts_on = add_years(today, -2) + timedelta(days=person.id % 300)
        position, created = BoardPosition.objects.get_or_create(
            organisation=trust,
            person=person,
            defaults={
                "kind": kind,
                "title": person.job_title,
                "starts_on": starts_on,
                "remuneration_per_year": Decimal("13000") if kind != "executive" else Decimal("190000"),
                "time_commitment": "3 days a month" if kind != "executive" else "Full time",
                "sector_of_origin": person.sector_background,
                "next_review_due": add_years(starts_on, 1) if kind != "executive" else None,
            },
        )
        if created and kind == BoardPosition.Kind.NON_EXECUTIVE and person.id % 2 == 0:
            BoardReview.objects.create(
                position=position,
                reviewed_on=add_years(starts_on, 1),
                meetings_expected=12,
                meetings_attended=11,
                competence=dict.fromkeys(CompetencyDomain.values, 3),
                well_led=dict.fromkeys(WellLedTheme.values, 3),
                committees="Audit and risk",
                remuneration_review="Demo: in line with NHS England guidance",
                findings="Demo: strong challenge at audit committee",
            )
            position.next_review_due = add_years(starts_on, 2)
            position.save(update_fields=["next_review_due"])
        if created:
            for check in FitProperCheck.Kind.values:
                FitProperCheck.objects.create(
                    person=person,
                    recorded_for=trust,
                    kind=check,
                    checked_on=starts_on - timedelta(days=30),
                    outcome="satisfactory",
                    evidence="Demo: references, register searches and declarations",
                )


def _volunteers(trust, today):
    register = volunteer_register()
    for number, first, last, email, sector, role, skills, consent in VOLUNTEERS:
        person, _ = Person.objects.get_or_create(
            organisation=register,
            employee_number=number,
            defaults={
                "first_name": first,
                "last_name": last,
                "work_email": email,
                "job_title": role,
                "management_level": ManagementLevel.BOARD,
                "sector_background": sector,
            },
        )
        VolunteerProfile.objects.get_or_create(
            person=person,
            defaults={
                "sector_of_origin": sector,
                "current_role": role,
                "skills": skills,
                "consent_to_share": consent,
                "consent_recorded_on": today if consent else None,
            },
        )
    appointed = Person.objects.get(organisation=register, employee_number=VOLUNTEERS[0][0])
    BoardPosition.objects.get_or_create(
        organisation=trust,
        person=appointed,
        defaults={
            "kind": BoardPosition.Kind.VOLUNTEER_NED,
            "title": "Volunteer non-executive director",
            "starts_on": today - timedelta(days=60),
            "time_commitment": "2 days a month",
            "sector_of_origin": "private",
            "next_review_due": add_years(today - timedelta(days=60), 1),
        },
    )
