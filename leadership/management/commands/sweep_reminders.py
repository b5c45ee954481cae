"""Run one reminder sweep now, synchronously: `manage.py sweep_reminders [--resend-stuck-after S]`."""

import time
from datetime import timedelta

from django.core.management.base import BaseCommand

from leadership import notifications
from leadership.development import reminders


class Command(BaseCommand):
    help = "Send every check-in reminder that is due, once; optionally queue stuck emails again."

    def add_arguments(self, parser):
        parser.add_argument("--resend-stuck-after", type=int, metavar="SECONDS", default=None,
                            help="also queue again emails pending or claimed longer than this")

    def handle(self, *args, resend_stuck_after=None, **options):
        started = time.perf_counter()
        handled = reminders.sweep()
        self.stdout.write(f"Swept {handled} check-in(s) with reminders due in "
                          f"{time.perf_counter() - started:.2f} s.")
        if resend_stuck_after is not None:
            queued = notifications.resend_stuck(stuck_after=timedelta(seconds=resend_stuck_after))
            self.stdout.write(f"Queued {queued} stuck email(s) again.")
