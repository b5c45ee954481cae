from django.core.management.base import BaseCommand, CommandError

from leadership import people_import
from leadership.models import Organisation


class Command(BaseCommand):
    help = "Import an ESR-style staff CSV for one organisation (all rows or none; see docs/data-import.md)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--org", required=True, help="ODS code of the organisation")

    def handle(self, *args, file, org, **options):
        organisation = Organisation.objects.filter(ods_code=org.upper()).first()
        if organisation is None:
            raise CommandError(f"No organisation with ODS code {org}.")
        try:
            with open(file, "rb") as handle:
                content = handle.read()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        try:
            outcome = people_import.import_file(content, organisation, None, source="command")
        except people_import.FatalImportError as error:
            raise CommandError(f"Nothing was imported: {error}") from None
        if not outcome.accepted:
            for problem in outcome.row_errors:
                self.stderr.write(f"line {problem['line']}, {problem['column']}: {problem['reason']}")
            raise CommandError(
                f"Nothing was imported: {len(outcome.row_errors)} problem(s) in "
                f"{outcome.rows_total} rows."
            )
        self.stdout.write(
            f"Imported {outcome.rows_total} rows for {organisation.ods_code}: "
            f"{outcome.created} created, {outcome.updated} updated, {outcome.unchanged} unchanged."
        )
