"""Chromium through Playwright against pytest-django's live server, with axe-core on every page.

Debian's /usr/bin/chromium is used; Playwright never downloads a browser. Requests to anything but
the live server (the NHS.UK fonts on assets.nhs.uk) are aborted, so no test leaves 127.0.0.1.
axe is added as an init script, which the Content-Security-Policy does not block (a <script> tag
would be), and any CSP violation the pages cause fails the check.
"""

import json
import os
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]
BLOCKING_IMPACTS = {"serious", "critical"}


def _missing(reason: str) -> None:
    """On CI a missing browser or axe is a broken set-up, not a reason to pass quietly."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} is missing: install Debian's chromium package to run browser tests.")
    if not AXE.exists():
        _missing(f"{AXE} is missing: run `npm install` to get axe-core.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread, which makes Django refuse
    # ORM calls (test data, the database flush) while the browser is open.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()


def _is_csp_violation(text: str) -> bool:
    # The NHS.UK stylesheet asks for Frutiger from assets.nhs.uk; font-src 'self' refuses it and
    # the pages fall back to Arial, as NHS.UK frontend intends when the font cannot load.
    return "Content Security Policy" in text and "Loading the font" not in text


@pytest.fixture
def csp_violations():
    return []


@pytest.fixture
def page(browser, live_server, csp_violations):
    context = browser.new_context(base_url=live_server.url, locale="en-GB",
                                  viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(live_server.url)
        else route.abort(),
    )
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.on("console", lambda message: csp_violations.append(f"{page.url}: {message.text}")
            if _is_csp_violation(message.text) else None)
    yield page
    context.close()


@pytest.fixture
def axe(csp_violations):
    """Call axe(page) after each navigation: fails on any serious or critical violation."""

    def check(page) -> None:
        page.wait_for_load_state("load")
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " targets: v.nodes.map(n => n.target.join(' '))}))"
        )
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            pytest.fail(
                f"axe found {len(blocking)} serious or critical violation(s) on {page.url}:\n"
                + "\n".join(
                    f"  {v['impact']} {v['id']}: {v['help']}\n    {json.dumps(v['targets'])}"
                    for v in blocking
                )
            )
        if csp_violations:
            pytest.fail("The Content-Security-Policy blocked something:\n  "
                        + "\n  ".join(csp_violations))

    return check


# The rows data migrations add, each seed idempotent: an earlier transactional test's flush removes
# them, and a test that seeds the demo or reads reference data puts them back first.
MIGRATION_SEEDS = [
    ("appraisal.migrations.0002_national_template", "create"),
    ("communications.migrations.0003_boards", "add_boards"),
    ("governance.migrations.0003_pay_rates", "seed"),
    ("leadership.migrations.0009_default_career_pathways", "forwards"),
    ("talentpool.migrations.0002_national_pools", "create_pools"),
    ("training.migrations.0002_reference_providers_and_courses", "seed"),
]


@pytest.fixture
def migration_rows(transactional_db):
    import importlib

    from django.apps import apps

    from tests.development.conftest import ensure_default_framework

    ensure_default_framework()
    for module, function in MIGRATION_SEEDS:
        getattr(importlib.import_module(module), function)(apps, None)
