import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from leadership.models import ApiClient
from tests.api.conftest import request_token

pytestmark = pytest.mark.django_db


def test_it_prints_one_line_of_json_with_the_id_secret_and_token_url(same_org, settings):
    settings.SITE_URL = "https://leadership.example.nhs.uk"
    out = StringIO()
    call_command("create_api_client", "--org", "rt1", "--scopes", "people:read", "organisations:read",
                 stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    printed = json.loads(lines[0])
    assert set(printed) == {"client_id", "client_secret", "token_url"}
    assert printed["token_url"] == "https://leadership.example.nhs.uk/api/oauth/token/"
    client = ApiClient.objects.get(application__client_id=printed["client_id"])
    assert client.organisation == same_org
    assert client.scopes == ["organisations:read", "people:read"]
    assert request_token(printed["client_id"], printed["client_secret"]).status_code == 200


def test_it_refuses_an_unknown_organisation(db):
    with pytest.raises(CommandError, match="No organisation"):
        call_command("create_api_client", "--org", "NOPE", "--scopes", "people:read", stdout=StringIO())


def test_it_refuses_an_unknown_scope(same_org):
    with pytest.raises(CommandError):
        call_command("create_api_client", "--org", "RT1", "--scopes", "people:write", stdout=StringIO(),
                     stderr=StringIO())
