import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from leadership.api.auth import token_url
from leadership.api_clients import api_client_create
from leadership.models import ApiScope, Organisation


class Command(BaseCommand):
    help = ("Create an API client for one organisation and print its id, secret and token URL as one "
            "line of JSON. The secret is shown only this once.")

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="ODS code of the organisation")
        parser.add_argument("--scopes", required=True, nargs="+", choices=ApiScope.values, metavar="SCOPE",
                            help=f"One or more of: {' '.join(ApiScope.values)}")
        parser.add_argument("--name", help="What the client is for, e.g. 'Workforce dashboard'")

    def handle(self, *args, org, scopes, name=None, **options):
        organisation = Organisation.objects.filter(ods_code=org.upper()).first()
        if organisation is None:
            raise CommandError(f"No organisation with ODS code {org}.")
        try:
            client, secret = api_client_create(
                actor=None, organisation=organisation, scopes=scopes,
                name=name or f"{organisation.ods_code} API client",
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(json.dumps({
            "client_id": client.application.client_id,
            "client_secret": secret,
            "token_url": token_url(),
        }))
