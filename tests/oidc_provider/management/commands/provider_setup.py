"""Make the portal's client and the provider's users from a JSON description (tests/sso/provider.py)."""

import json

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from oauth2_provider.models import Application


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("description", help='{"client": {...}, "users": [...]}')

    def handle(self, description, **options):
        data = json.loads(description)
        client = data["client"]
        Application.objects.create(
            name="NHS Leadership Portal", client_id=client["id"], client_secret=client["secret"],
            client_type=Application.CLIENT_CONFIDENTIAL, redirect_uris=client["redirect_uri"],
            authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
            algorithm=Application.RS256_ALGORITHM, skip_authorization=client.get("skip_consent", False),
        )
        for person in data["users"]:
            user = User.objects.create_user(username=person["email"], email=person["email"],
                                            password=person["password"])
            for name in person.get("groups", []):
                user.groups.add(Group.objects.get_or_create(name=name)[0])
