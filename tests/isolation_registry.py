"""Feature areas add their isolation cases in tests/<area>/isolation_cases.py.

Each such module may define PAGE_CASES and API_CASES (route name -> (kind, url builder), as in
tests/test_isolation.py and tests/api/test_api_isolation.py) and build_world(world), which adds the
area's same-organisation objects to the shared `world` dict the URL builders read.
"""

import importlib
from pathlib import Path


def _modules():
    for path in sorted(Path(__file__).parent.glob("*/isolation_cases.py")):
        yield importlib.import_module(f"tests.{path.parent.name}.isolation_cases")


def page_cases() -> dict:
    return {name: case for module in _modules() for name, case in getattr(module, "PAGE_CASES", {}).items()}


def api_cases() -> dict:
    return {name: case for module in _modules() for name, case in getattr(module, "API_CASES", {}).items()}


def build_world(world: dict) -> dict:
    for module in _modules():
        if hasattr(module, "build_world"):
            module.build_world(world)
    return world


def public_routes() -> set:
    """Routes public by design (PUBLIC_ROUTES), each with its own test in its area."""
    return {name for module in _modules() for name in getattr(module, "PUBLIC_ROUTES", ())}
