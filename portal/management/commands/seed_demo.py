"""`manage.py seed_demo [--people N]`: load the demo data set (see leadership/demo/)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from appraisal import demo as appraisal_demo
from communications import demo as communications_demo
from communications.handbook import demo as handbook_demo
from communications.passport import demo as passport_demo
from dashboards.services import dashboards_refresh
from governance import demo as governance_demo
from leadership import demo
from leadership.demo import mergers as merger_demo
from leadership.demo import operations as operations_demo
from leadership.demo import pathways as pathway_demo
from leadership.models import OrganisationKind, Role
from talentpool import demo as talentpool_demo
from training import demo as training_demo
from training import pathway_demo as pathway_courses_demo

# Each feature area's demo rows, added (idempotently) once the people exist.
FEATURE_DEMOS = [training_demo, talentpool_demo, appraisal_demo, governance_demo, communications_demo,
                 handbook_demo, passport_demo]
FEATURE_DEMOS += [pathway_demo, pathway_courses_demo, merger_demo]  # pathways, courses that help, a merger
FEATURE_DEMOS += [operations_demo]  # an API client, an undelivered email


class Command(BaseCommand):
    help = (
        "Load the demo organisations, people and logins (one per role). Safe to run again: only "
        "missing rows are added. --people N adds N synthetic people across the trusts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=0, metavar="N",
                            help="also make sure N extra synthetic people exist (bulk COPY)")
        parser.add_argument("--allow-production", action="store_true",
                            help="run even when PORTAL_ENV is production (demo passwords!)")

    def handle(self, *args, people: int, allow_production: bool, **options):
        if settings.PRODUCTION and not allow_production:
            raise CommandError("Refusing to load demo logins with a published password into "
                               "production. Pass --allow-production if you really mean it.")
        if people < 0:
            raise CommandError("--people must be zero or more.")
        started = time.monotonic()
        report = demo.seed(extra=people)
        for feature_demo in FEATURE_DEMOS:  # each adds its own demo rows once people exist
            self.stdout.write(f"{feature_demo.__name__}: {feature_demo.seed()}")
        dashboards_refresh()  # so the demo dashboards have figures before the first nightly run
        elapsed = time.monotonic() - started
        kinds = ", ".join(f"{report.organisations_by_kind.get(k, 0):,} {OrganisationKind(k).label}"
                          for k in OrganisationKind.values)
        self.stdout.write(
            f"Organisations: {sum(report.organisations_by_kind.values()):,} "
            f"({report.organisations_added:,} added): {kinds}.\n"
            f"People: {report.people_total:,} ({report.people_added + report.extra_people_added:,}"
            f" added), of whom {report.extra_people_total:,} extra synthetic people "
            f"({report.extra_people_added:,} added).\n"
            f"Logins ({report.logins_added} added), all with password {demo.DEMO_PASSWORD}:"
        )
        for login in report.logins:
            role = Role(login.role).label if login.role else "Line manager"
            person = f", {login.person.job_title}" if login.person else ""
            self.stdout.write(f"  {login.email:<30} {role} at {login.ods_code}{person}")
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {elapsed:.1f} s."))
