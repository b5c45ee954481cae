"""No module a reader cannot hold: every hand-written Python module of the portal stays within 600
lines (issue 13). Split a module that grows past it into a package along its URL groups."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("portal", "leadership", "training", "appraisal", "talentpool", "governance", "dashboards",
        "communications")
LIMIT = 600


def _modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_every_module_stays_within_the_limit():
    too_long = {
        str(path.relative_to(ROOT)): lines
        for path in _modules()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert too_long == {}, f"Modules over {LIMIT} lines; split them into packages: {too_long}"


def test_the_check_sees_the_apps_modules():
    names = {str(path.relative_to(ROOT)) for path in _modules()}
    assert {"leadership/access/__init__.py", "appraisal/models.py", "portal/settings.py"} <= names
    assert not any("/migrations/" in name for name in names)
