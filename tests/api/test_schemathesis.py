"""Schemathesis against a live server with real client tokens, as an attacker would probe it.

Every operation in /api/schema/ gets coverage, fuzzing and stateful cases from a fixed seed of its own
(the examples phase runs too; the schema has no examples yet) under every check schemathesis has
(`--checks all`): no 5xx, responses, status codes, content types and headers conform to the schema,
invalid input is refused and valid input accepted (an empty cursor is the first page, one we did not
issue a 404), requests without the token, or with a forged one, are refused, and, with two peer
clients (an ICB's and an unrelated trust's), neither reads a record only the other may see. Runs in
CI with the rest of the suite (`make test`).
"""

import json
import os
import subprocess
import sys

import pytest
from django.urls import reverse

from leadership.models import ApiScope, ManagementLevel, Organisation
from tests.api.conftest import bearer_client, request_token
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.schemathesis]

SEED = 20150225  # the Rose review's publication date
MAX_EXAMPLES = 25  # with every check on, enough to find each failure the issue lists in a few minutes


@pytest.fixture
def seeded_peers(make_api_client):
    """Two clients that must not see each other's staff: an ICB's over one trust, and another trust's."""
    icb = OrganisationFactory(ods_code="QZ1", name="NHS Fuzz ICB", kind=Organisation.Kind.ICB)
    trust = OrganisationFactory(ods_code="RZ7", parent=icb)
    boss = PersonFactory(organisation=trust, management_level=ManagementLevel.EXECUTIVE, band="vsm")
    for _ in range(5):
        PersonFactory(organisation=trust, line_manager=boss, band="", staff_group="")
    PersonFactory(organisation=trust).delete()
    elsewhere = OrganisationFactory(ods_code="RZ9", name="Elsewhere NHS Trust")
    for _ in range(3):
        PersonFactory(organisation=elsewhere)
    return {"icb": make_api_client(icb, list(ApiScope.values)),
            "trust": make_api_client(elsewhere, list(ApiScope.values))}


def token_for(client_and_secret) -> str:
    client, secret = client_and_secret
    return request_token(client.application.client_id, secret).json()["access_token"]


def with_bearer_scheme(schema: dict) -> dict:
    """Schemathesis's ignored_auth check probes apiKey and http schemes only, not oauth2: declare the
    same bearer token as an http scheme too, so the check removes and forges it."""
    schema["components"]["securitySchemes"]["bearerAuth"] = {"type": "http", "scheme": "bearer"}
    for path in schema["paths"].values():
        for operation in path.values():
            # First, so the check sees our explicit header before any cookie it generated itself.
            operation["security"] = [{"bearerAuth": []}, *operation["security"]]
    return schema


def test_schemathesis_finds_no_failures(live_server, seeded_peers, settings, tmp_path):
    settings.SITE_URL = live_server.url
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": None}}
    tokens = {name: token_for(peer) for name, peer in seeded_peers.items()}
    schema = bearer_client(tokens["icb"]).get(reverse("api:schema"),
                                              HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    (tmp_path / "schema.json").write_text(json.dumps(with_bearer_scheme(schema.json())))
    # Web Fuzzing Commons identities: the ICB's client first (the one every case runs as), then its peer.
    (tmp_path / "auth.json").write_text(json.dumps({"auth": [
        {"name": name, "fixedHeaders": [{"name": "Authorization", "value": f"Bearer {token}"}]}
        for name, token in tokens.items()]}))
    (tmp_path / "schemathesis.toml").write_text(
        '[auth.wfc]\npath = "auth.json"\npeers = ["icb", "trust"]\n')

    result = subprocess.run(
        [sys.executable, "-m", "schemathesis.cli", "run", "schema.json", "--url", live_server.url,
         "--phases", "examples,coverage,fuzzing,stateful", "--checks", "all",
         "--seed", str(SEED), "--max-examples", str(MAX_EXAMPLES), "--workers", "1",
         "--request-timeout", "20", "--suppress-health-check", "too_slow",
         "--warnings", "off", "--generation-database", "none", "--no-color"],
        capture_output=True, text=True, timeout=900, cwd=tmp_path,  # its caches stay out of the checkout
        env={**os.environ, "SCHEMATHESIS_HOOKS": ""},
    )
    assert result.returncode == 0, result.stdout[-12000:] + result.stderr[-4000:]
    assert "Configuration:" in result.stdout and "schemathesis.toml" in result.stdout  # the peers were read
