import pyotp
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from leadership.demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current two-factor code for the demo administrators (development only)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo codes are for development only.")
        self.stdout.write(pyotp.TOTP(DEMO_TOTP_SECRET).now())
