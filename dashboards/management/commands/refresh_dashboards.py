from django.core.management.base import BaseCommand

from dashboards.services import dashboards_refresh


class Command(BaseCommand):
    help = "Recompute the dashboards' summary tables for the current quarter now."

    def handle(self, *args, **options):
        refresh = dashboards_refresh()
        self.stdout.write(f"Computed {refresh.rows} figures for the quarter starting {refresh.period} "
                          f"in {refresh.seconds:.2f} s.")
