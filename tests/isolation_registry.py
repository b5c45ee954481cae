"""Feature areas add their isolation cases in tests/<area>/isolation_cases.py.

Each such module may define PAGE_CASES and API_CASES (route name -> (kind, url builder), as in
tests/test_isolation.py and tests/api/test_api_isolation.py) and build_world(world), which adds the
area's same-organisation objects to the shared `world` dict the URL builders read.
"""

import importlib
from pathlib import Path

# The demo roles (one login each, leadership/demo/role_logins.py) that REACHABLE_BY names. Each area's
# REACHABLE_BY maps every page route to the roles that open it in the demo by following links from home
# (tests/test_every_page_is_reachable_by_links.py); a new route names its roles there too.
EVERYONE = frozenset({"national_admin", "education_lead", "hr_admin", "board_secretary", "footprint_viewer",
                      "manager"})
STAFF = frozenset({"hr_admin", "board_secretary", "manager"})  # logins with a staff record of their own
TRUST_ADMINS = frozenset({"hr_admin", "national_admin"})  # those who change a trust's records
NATIONAL = frozenset({"education_lead", "national_admin"})  # those who see every organisation
# The demo holds no such object yet (an API client, a pending invitation, an import, a 360 round,
# a draft framework, an enrolment, a certificate): no role reaches the page in the demo.
NOT_IN_DEMO: frozenset[str] = frozenset()


def _modules():
    for path in sorted(Path(__file__).parent.glob("*/isolation_cases.py")):
        yield importlib.import_module(f"tests.{path.parent.name}.isolation_cases")


def page_cases() -> dict:
    return {name: case for module in _modules() for name, case in getattr(module, "PAGE_CASES", {}).items()}


def api_cases() -> dict:
    return {name: case for module in _modules() for name, case in getattr(module, "API_CASES", {}).items()}


def reachable_by() -> dict:
    """Route name -> the demo roles that may open it (REACHABLE_BY), for the link-reachability test."""
    return {name: roles for module in _modules()
            for name, roles in getattr(module, "REACHABLE_BY", {}).items()}


def build_world(world: dict) -> dict:
    for module in _modules():
        if hasattr(module, "build_world"):
            module.build_world(world)
    return world


def public_routes() -> set:
    """Routes public by design (PUBLIC_ROUTES), each with its own test in its area."""
    return {name for module in _modules() for name in getattr(module, "PUBLIC_ROUTES", ())}


# The project's own apps: every table they own is fingerprinted, including many-to-many tables and
# the pghistory event tables (a refused request must not record a change either).
PROJECT_APPS = ("leadership", "training", "appraisal", "talentpool", "governance", "dashboards",
                "communications", "portal")
# Tables a refused request may legitimately write; none so far (sign-in events are written when the
# test signs in, before the first fingerprint).
WRITTEN_BY_A_REFUSED_REQUEST: frozenset[str] = frozenset()


def _project_tables() -> list[tuple[str, str]]:
    from django.apps import apps

    tables = {}
    for app_label in PROJECT_APPS:
        for model in apps.get_app_config(app_label).get_models(include_auto_created=True):
            if model._meta.managed and not model._meta.proxy:
                tables[model._meta.db_table] = model._meta.pk.column
    return sorted((t, pk) for t, pk in tables.items() if t not in WRITTEN_BY_A_REFUSED_REQUEST)


def table_fingerprints() -> dict[str, tuple[int, str]]:
    """Row count and an md5 of every row (in key order) of every project table, in one query."""
    from django.db import connection

    quote, tables = connection.ops.quote_name, _project_tables()
    # Table and key names come from the model registry, quoted; only the labels are parameters.
    selects = [
        f"SELECT %s, count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t.{quote(pk)}), ''))"  # noqa: S608
        f" FROM {quote(table)} AS t"
        for table, pk in tables
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), [table for table, _ in tables])
        return {table: (count, digest) for table, count, digest in cursor.fetchall()}


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(table for table in before.keys() | after.keys() if before.get(table) != after.get(table))
