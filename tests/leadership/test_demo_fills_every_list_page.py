"""The demo fills every list page: after seed_demo, each HTML list page the demo HR admin reaches by
links shows at least one row, not its empty state; the list pages only national admins reach (those
the HR admin's walk never reaches) show rows to the demo national admin. The page equivalent of
test_demo_fills_every_list.py (the API lists).

The pages come from the link crawl of tests/test_every_page_is_reachable_by_links.py, so a new page is
checked as soon as a link reaches it. A page is a list when its view hands the template a paginator
page (every long list is paginated), or its route is named `..._list`; an unpaginated list names the
context variable that holds its rows in UNPAGINATED. A list that is empty in the demo gets demo rows
(leadership/demo/, <app>/demo.py), not an exemption.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.paginator import Page
from django.db import transaction

from tests.test_every_page_is_reachable_by_links import crawl, signed_in

pytestmark = pytest.mark.django_db

# Lists shown whole (short by nature), by the context variable that holds their rows.
UNPAGINATED = {
    "api_client_list": "clients",
    "appraisal:organisation_appraisals": "cycles",
    "appraisal:template_list": "templates",
    "communications:board_list": "groups",
    "communications:handbook_versions": "versions",
    "development:framework_versions": "versions",
    "development:local_competencies": "competencies",
    "governance:overlap_list": "overlaps",
    "governance:pay_rate_list": "rates",
    "my_team": "rows",
    "talentpool:home": "pools",
    "training:course_detail": "runs",
    "training:provider_list": "rows",
}
# Pages that hand over a paginator page or are named like a list but list nothing to fill, and why.
# Keep this short: an empty list gets demo rows instead.
NOT_LISTS: dict[str, str] = {}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, seeded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def _context(response) -> dict:
    values: dict = {}
    for context in response.context or []:
        values.update(context.flatten())
    return values


def _rows(name: str, context: dict) -> int | None:
    """How many rows a list page holds (across all its pages), or None for a page that is no list."""
    pages = [value for value in context.values() if isinstance(value, Page)]
    if pages:
        return sum(page.paginator.count for page in pages)
    if name in UNPAGINATED:
        return len(context[UNPAGINATED[name]])
    if name.endswith("_list"):
        raise AssertionError(f"{name} is named like a list but is not paginated: add it to UNPAGINATED "
                             "with the context variable that holds its rows")
    return None


def _lists(client, routes: dict[str, str]) -> dict[str, int]:
    """Each list page among the routes: {route name: rows}."""
    found = {}
    for name, url in sorted(routes.items()):
        if name in NOT_LISTS:
            continue
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        rows = _rows(name, _context(response))
        if rows is not None:
            found[name] = rows
    return found


@pytest.fixture(scope="module")
def walked(demo, django_db_blocker):
    """Each role's list pages and their rows, from one crawl per role (a TOTP code signs in once)."""
    with django_db_blocker.unblock():
        lists = {}
        reached = {}
        for role in ("hr_admin", "national_admin"):
            client = signed_in(role)
            reached[role] = {}
            crawl(client, pages=reached[role])
            lists[role] = _lists(client, reached[role])
        national_only = set(reached["national_admin"]) - set(reached["hr_admin"])
        return lists["hr_admin"], {name: rows for name, rows in lists["national_admin"].items()
                                   if name in national_only}


def test_the_walk_finds_the_list_pages_of_every_area(walked):
    hr_admin, national_only = walked
    assert {"people_list", "appraisal:cycle_detail", "talentpool:pool_detail", "talentpool:review_list",
            "talentpool:succession_list", "talentpool:secondment_list", "talentpool:graduate_list",
            "governance:position_list", "governance:return_list", "communications:broadcast_feed",
            "communications:board_detail", "training:catalogue", "training:course_detail",
            "api_client_list"} <= set(hr_admin)
    assert {"talentpool:contract_list", "merger_list", "security_events", "undelivered_mail",
            "communications:moderation_queue"} <= set(national_only)


def test_every_list_page_the_demo_hr_admin_reaches_shows_rows(walked):
    hr_admin, _ = walked
    empty = sorted(name for name, rows in hr_admin.items() if rows == 0)
    assert empty == [], f"the demo leaves these list pages empty for its HR admin: {', '.join(empty)}"


def test_every_list_page_only_national_admins_reach_shows_rows_to_the_demo_national_admin(walked):
    _, national_only = walked
    empty = sorted(name for name, rows in national_only.items() if rows == 0)
    assert empty == [], f"the demo leaves these list pages empty for its national admin: {', '.join(empty)}"


def test_the_exemptions_are_real_routes():
    from django.urls import NoReverseMatch, reverse

    for name in [*UNPAGINATED, *NOT_LISTS]:
        try:
            reverse(name)
        except NoReverseMatch as error:  # a route that takes arguments still exists
            assert "with no arguments not found" in str(error), name
