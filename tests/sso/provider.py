"""Start the test OpenID Connect provider (tests/oidc_provider) as a server of its own, and configure
the portal for it through the PORTAL_OIDC_* variables, read by portal/settings.py as in production.

Cookies ignore ports: the provider runs on the other loopback name from the portal's (127.0.0.1 or
localhost), and its cookies have names of their own.
"""

import json
import os
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

BASE_DIR = Path(__file__).resolve().parents[2]
CLIENT_ID = "leadership-portal"
CLIENT_SECRET = "portal-client-secret-for-tests-only"
PROVIDER_PASSWORD = "provider-password-1"
CALLBACK = "/accounts/oidc/sso/login/callback/"
SSO_LOGIN = "/accounts/oidc/sso/login/"
PROVIDER_NAME = "NHSmail"

# The provider's people: (email, groups); see tests/oidc_provider/claims.py.
KNOWN = "Kim.Known@rt1.example.nhs.uk"  # capitalised, as NHSmail sends addresses
INVITED = "nia.newstart@rt1.example.nhs.uk"
STRANGER = "sam.stranger@elsewhere.example.nhs.uk"
UNVERIFIED = "una.unverified@rt1.example.nhs.uk"
ADMIN_PASSWORD_ONLY = "hana.hr@rt1.example.nhs.uk"
ADMIN_WITH_MFA = "mo.mfa@rt1.example.nhs.uk"
PROVIDER_USERS = [
    (KNOWN, []), (INVITED, []), (STRANGER, []), (UNVERIFIED, ["email-unverified"]),
    (ADMIN_PASSWORD_ONLY, []), (ADMIN_WITH_MFA, ["used-mfa"]),
]


@dataclass
class Provider:
    url: str  # the issuer's base, e.g. http://127.0.0.1:8123/o
    process: subprocess.Popen
    portal_settings: dict | None = None  # what portal/settings.py makes of PORTAL_OIDC_* for it


def _free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _provider_env(database: Path) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PORTAL_"))}
    return {**clean, "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
            "OIDC_PROVIDER_DB": str(database), "PYTHONPATH": str(BASE_DIR)}


def _django(env: dict, *args: str) -> None:
    result = subprocess.run([sys.executable, "-m", "django", *args], cwd=BASE_DIR, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def start_provider(folder: Path, portal_origins: list[str]) -> Provider:
    """A real OpenID Connect provider with the portal as its client; the portal's callback on each
    origin given is a registered redirect URI."""
    portal_hosts = {urlsplit(origin).hostname for origin in portal_origins}
    host = "localhost" if "127.0.0.1" in portal_hosts else "127.0.0.1"
    env = _provider_env(folder / "provider.sqlite3")
    _django(env, "migrate", "--verbosity", "0")
    _django(env, "provider_setup", json.dumps({
        "client": {"id": CLIENT_ID, "secret": CLIENT_SECRET, "skip_consent": True,
                   "redirect_uri": " ".join(origin + CALLBACK for origin in portal_origins)},
        "users": [{"email": email, "password": PROVIDER_PASSWORD, "groups": groups}
                  for email, groups in PROVIDER_USERS],
    }))
    port = _free_port(host)
    process = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", "--noreload", "--skip-checks", f"{host}:{port}"],
        cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    provider = Provider(url=f"http://{host}:{port}/o", process=process)
    provider.portal_settings = portal_settings_for(provider)
    deadline = time.monotonic() + 30
    while True:
        try:
            if requests.get(provider.url + "/.well-known/openid-configuration", timeout=2).ok:
                return provider
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop_provider(provider)
            raise AssertionError("The test OpenID Connect provider did not start.")
        time.sleep(0.2)


def stop_provider(provider: Provider) -> None:
    provider.process.terminate()
    try:
        provider.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        provider.process.kill()


def portal_settings_for(provider: Provider) -> dict:
    """What portal/settings.py makes of the PORTAL_OIDC_* variables for this provider."""
    env = {**os.environ, "PORTAL_OIDC_SERVER_URL": provider.url, "PORTAL_OIDC_CLIENT_ID": CLIENT_ID,
           "PORTAL_OIDC_CLIENT_SECRET": CLIENT_SECRET, "PORTAL_OIDC_NAME": PROVIDER_NAME}
    script = ("import json; from portal import settings as s; print(json.dumps({"
              "'providers': s.SOCIALACCOUNT_PROVIDERS,"
              "'form_action': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']}))")
    result = subprocess.run([sys.executable, "-c", script], cwd=BASE_DIR, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def use_provider(settings, provider: Provider) -> None:
    """Configure the running portal (pytest's settings fixture) as those variables would."""
    configured = provider.portal_settings
    settings.SOCIALACCOUNT_PROVIDERS = configured["providers"]
    directives = {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "form-action": configured["form_action"]}
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": directives}


def sign_in_at_provider(authorize_url: str, email: str) -> str:
    """What a person's browser does at the provider: sign in, and come back with the code.
    Returns the portal callback address the provider redirects to."""
    browser = requests.Session()
    response = browser.get(authorize_url, allow_redirects=True, timeout=10)
    assert "/login/" in response.url, response.url
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)
    next_url = re.search(r'name="next" value="([^"]*)"', response.text).group(1).replace("&amp;", "&")
    response = browser.post(response.url, data={"csrfmiddlewaretoken": csrf, "username": email,
                                                "password": PROVIDER_PASSWORD, "next": next_url},
                            headers={"Referer": response.url}, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text
    # Follow the provider's own redirects until it sends the browser back to the portal.
    location = requests.compat.urljoin(response.url, response.headers["Location"])
    while CALLBACK not in location:
        response = browser.get(location, allow_redirects=False, timeout=10)
        assert response.status_code == 302, (response.status_code, response.text[:500])
        location = requests.compat.urljoin(response.url, response.headers["Location"])
    return location


@pytest.fixture(scope="module")
def provider_for(tmp_path_factory):
    """provider_for(portal_origins): the test OpenID Connect provider, stopped after the module."""
    started = []

    def start(portal_origins: list[str]) -> Provider:
        if not started:
            started.append(start_provider(tmp_path_factory.mktemp("oidc-provider"), portal_origins))
        return started[0]

    yield start
    for provider in started:
        stop_provider(provider)
