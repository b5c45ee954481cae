"""Every page a demo role may open is reachable by following links from its home page.

The demo is seeded once for the module (rolled back at the end). Each demo role signs in with the test
client and walks the site breadth first: same origin, GET only, <a href> only. The route names it
reaches are compared with the routes the isolation registry says that role may open (REACHABLE_BY in
tests/test_isolation.py and tests/<area>/isolation_cases.py): every route the role may open in the
demo must be reached, and every route reached must name the role. A page that no link reaches gets a
link (in the page that leads to it), not an exemption.
"""

from collections import deque
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

from leadership.demo import DEMO_PASSWORD
from tests import isolation_registry
from tests.sign_in import post_security_code, post_sign_in, totp_code
from tests.test_isolation import CASES, REACHABLE_BY

pytestmark = pytest.mark.django_db

DEMO_LOGINS = {  # one login per role (other.hr.admin is the same role in another trust)
    "national_admin": "national.admin@demo.nhs.uk",
    "education_lead": "education.lead@demo.nhs.uk",
    "hr_admin": "hr.admin@demo.nhs.uk",
    "board_secretary": "board.secretary@demo.nhs.uk",
    "footprint_viewer": "icb.viewer@demo.nhs.uk",
    "manager": "manager@demo.nhs.uk",
}
NEEDS_TOTP = {"national_admin", "education_lead", "hr_admin", "board_secretary"}

PAGE_BUDGET = 600  # pages fetched per role, at most
PER_ROUTE = 4  # pages fetched per route name: the fifth person's page adds no new links
# Links never followed: signing out, the Django admin, allauth's own pages.
SKIPPED_PREFIXES = ("/admin/", "/accounts/", "/api/", "/static/", "/media/")
# Downloads: a link to one counts as reaching it, but it is not fetched (no links inside).
DOWNLOADS = {
    "people_export", "people_import_errors", "person_data_export", "training:record_certificate",
    "training:import_errors", "training:dashboard_national_export",
    "training:dashboard_organisation_export", "appraisal:appraisal_pdf", "talentpool:search_export",
}
DOWNLOAD_SUFFIXES = (".csv", ".pdf", ".zip")

# Routes a role uses that no link reaches, by design. Keep this short.
REACHED_OTHERWISE = {
    "notification_open",  # POST-only: the button on each notification, never a link
    # Public, from email links (their token is the key): a 360 rater's form, an invitation.
    "development:rater_form", "invitation_accept",
    # From the link a manager sends another organisation (its token is the key).
    "communications:passport_shared",
}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _links(base: str, html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        parts = urlsplit(urljoin("http://testserver" + base, href))
        if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
            continue
        if parts.path.startswith(SKIPPED_PREFIXES):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def _route_name(url: str) -> str | None:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.view_name


WAY_BACK = ('class="nhsuk-back-link"', 'class="nhsuk-breadcrumb"')


def crawl(client: Client, no_way_back: set[str] | None = None,
          pages: dict[str, str] | None = None) -> set[str]:
    """The route names reached from the home page by links alone (and, into no_way_back, the
    routes whose page has neither a back link nor breadcrumbs; into pages, the first address of each
    route that answered with a page)."""
    reached: set[str] = set()
    fetched_per_route: dict[str, int] = {}
    queue, seen, fetched = deque(["/"]), {"/"}, 0
    while queue and fetched < PAGE_BUDGET:
        url = queue.popleft()
        name = _route_name(url)
        if name is None:
            continue
        if name in DOWNLOADS or urlsplit(url).path.endswith(DOWNLOAD_SUFFIXES):
            reached.add(name)
            continue
        if fetched_per_route.get(name, 0) >= PER_ROUTE:
            continue
        fetched_per_route[name] = fetched_per_route.get(name, 0) + 1
        fetched += 1
        response = client.get(url)
        if response.status_code in (301, 302):
            target = urlsplit(urljoin("http://testserver" + url, response.url))
            if target.netloc == "testserver" and target.path not in seen \
                    and not target.path.startswith(SKIPPED_PREFIXES):
                seen.add(target.path)
                queue.append(target.path)
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        reached.add(name)
        if pages is not None:
            pages.setdefault(name, url)
        html = response.content.decode()
        if no_way_back is not None and url != "/" and not any(marker in html for marker in WAY_BACK):
            no_way_back.add(name)
        for link in _links(url, html):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return reached


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, seeded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def signed_in(role: str) -> Client:
    client = Client()
    response = post_sign_in(client, DEMO_LOGINS[role], DEMO_PASSWORD)
    assert response.status_code == 302, response.status_code
    if role in NEEDS_TOTP:
        assert post_security_code(client, totp_code()).status_code == 302
    return client


def test_every_page_route_names_the_demo_roles_that_may_open_it():
    assert set(REACHABLE_BY) == set(CASES), "Add the route to REACHABLE_BY (an empty set for none)."
    unknown = {role for roles in REACHABLE_BY.values() for role in roles} - set(DEMO_LOGINS)
    assert not unknown


def test_the_exemptions_name_real_routes():
    assert not REACHED_OTHERWISE - set(CASES) - isolation_registry.public_routes()


@pytest.mark.parametrize("role", sorted(DEMO_LOGINS))
def test_every_page_a_role_may_open_is_reached_by_links(demo, role):
    no_way_back: set[str] = set()
    reached = crawl(signed_in(role), no_way_back)
    may_open = {name for name, roles in REACHABLE_BY.items() if role in roles}
    assert sorted(may_open - reached - REACHED_OTHERWISE) == [], "no link reaches these pages"
    assert sorted(reached - may_open) == [], "reached, but REACHABLE_BY does not name the role"
    assert not no_way_back, f"no back link or breadcrumbs on: {', '.join(sorted(no_way_back))}"
