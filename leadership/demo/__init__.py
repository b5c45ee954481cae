"""The demo data set: NHS England's shape in synthetic organisations, people and one login per role.

Everything is generated from fixed seeds, so every run builds the same rows. Seeding writes only
the rows that are missing (keyed by ODS code, employee number and email), so a second run changes
nothing and records no audit events. People go in through PostgreSQL COPY into a staging table and
one INSERT ... SELECT, so the audit triggers still fire, under the "command" audit context.

organisation_tree: the organisations; posts: directorates, posts and names; staff: the people;
development: the demo manager's team's assessments, plans and 90-day cycles;
role_logins: one login per role; seeding: writing whatever is missing.
"""

from leadership.demo.organisation_tree import (
    DEMO_ACUTE_TRUST,
    DEMO_COMMUNITY_TRUST,
    DEMO_ICB,
    DEMO_REGION,
    NATIONAL_OFFICE,
    SEED,
    TRAINING_BODY,
    OrgSpec,
    organisations,
)
from leadership.demo.role_logins import DEMO_PASSWORD, DEMO_TOTP_SECRET, LoginSpec, logins
from leadership.demo.seeding import SeedReport, insert_people, seed
from leadership.demo.staff import EXTRA_PREFIX, STAFFED_TRUSTS, PersonSpec, extra_people, people

__all__ = [
    "DEMO_ACUTE_TRUST", "DEMO_COMMUNITY_TRUST", "DEMO_ICB", "DEMO_PASSWORD", "DEMO_REGION",
    "DEMO_TOTP_SECRET", "EXTRA_PREFIX", "NATIONAL_OFFICE", "SEED", "STAFFED_TRUSTS", "TRAINING_BODY",
    "LoginSpec", "OrgSpec", "PersonSpec", "SeedReport", "extra_people", "insert_people", "logins",
    "organisations", "people", "seed",
]
