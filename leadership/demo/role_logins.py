"""The demo logins: one for every role, linked to a person where the role belongs to staff."""

from dataclasses import dataclass

from leadership.demo.organisation_tree import (
    DEMO_ACUTE_TRUST,
    DEMO_COMMUNITY_TRUST,
    DEMO_ICB,
    NATIONAL_OFFICE,
    TRAINING_BODY,
)
from leadership.demo.posts import L
from leadership.demo.staff import PersonSpec, people
from leadership.models import Role

DEMO_PASSWORD = "Leadership-Demo-2026!"  # noqa: S105 - published for the demo; refused in production
# The demo administrators' TOTP secret, published so they can sign in (`manage.py demo_totp`).
DEMO_TOTP_SECRET = "NHSLEADERSHIPDEMOSECRETTOTPABCDE"  # noqa: S105 - published for the demo


@dataclass(frozen=True)
class LoginSpec:
    email: str
    role: str | None
    ods_code: str
    is_staff: bool = False
    person: PersonSpec | None = None


def _demo_manager(base: list[PersonSpec]) -> PersonSpec:
    """An RDM middle manager with at least four reports, some of whom manage people themselves."""
    trust = [p for p in base if p.ods_code == DEMO_ACUTE_TRUST]
    reports: dict[str, list[PersonSpec]] = {}
    for person in trust:
        reports.setdefault(person.manager, []).append(person)
    candidates = [
        p for p in trust if p.management_level == L.MIDDLE
        and len(reports.get(p.employee_number, ())) >= 4
        and any(r.employee_number in reports for r in reports[p.employee_number])
        and p.job_title != "HR Business Partner"
    ]
    return candidates[0]


def logins(base: list[PersonSpec] | None = None) -> list[LoginSpec]:
    """One demo login for every role, linked to a person where the role belongs to staff."""
    base = base if base is not None else people()

    def first(ods_code: str, title: str) -> PersonSpec:
        return next(p for p in base if p.ods_code == ods_code and p.job_title == title)

    return [
        LoginSpec("national.admin@demo.nhs.uk", Role.NATIONAL_ADMIN, NATIONAL_OFFICE, is_staff=True),
        LoginSpec("education.lead@demo.nhs.uk", Role.EDUCATION_LEAD, TRAINING_BODY),
        LoginSpec("hr.admin@demo.nhs.uk", Role.HR_ADMIN, DEMO_ACUTE_TRUST,
                  person=first(DEMO_ACUTE_TRUST, "HR Business Partner")),
        LoginSpec("board.secretary@demo.nhs.uk", Role.BOARD_SECRETARY, DEMO_ACUTE_TRUST,
                  person=first(DEMO_ACUTE_TRUST, "Trust Board Secretary")),
        LoginSpec("icb.viewer@demo.nhs.uk", Role.FOOTPRINT_VIEWER, DEMO_ICB),
        LoginSpec("manager@demo.nhs.uk", None, DEMO_ACUTE_TRUST, person=_demo_manager(base)),
        LoginSpec("other.hr.admin@demo.nhs.uk", Role.HR_ADMIN, DEMO_COMMUNITY_TRUST,
                  person=first(DEMO_COMMUNITY_TRUST, "HR Business Partner")),
    ]
