"""axe-core on every page of the demo: each demo role's pages, as its link crawl reaches them.

Each role signs in with the test client (password, and the TOTP code for administrators) and walks
its pages by links (tests/test_every_page_is_reachable_by_links.py); Chromium then opens the first
page of every route, with that role's session, and axe checks it. A route opened by several roles is
checked once, as the first role that reaches it (home is checked for every role: it differs most).
"""

import pytest
from django.core.management import call_command

from tests.test_every_page_is_reachable_by_links import DEMO_LOGINS, crawl, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_page_the_demo_roles_reach_passes_axe(migration_rows, browser, live_server, page, axe):
    call_command("seed_demo", verbosity=0)
    checked: set[str] = set()
    opened = 0
    for role in sorted(DEMO_LOGINS):
        client = signed_in(role)
        pages: dict[str, str] = {}
        crawl(client, pages=pages)
        page.context.clear_cookies()
        page.context.add_cookies([{"name": name, "value": morsel.value, "url": live_server.url}
                                  for name, morsel in client.cookies.items()])
        for name, url in sorted(pages.items()):
            if name in checked and url != "/":
                continue
            checked.add(name)
            response = page.goto(url)
            assert response is not None and response.status == 200, f"{role} {url}"
            axe(page)
            opened += 1
    assert opened > 100  # the whole demo, not a handful of pages
