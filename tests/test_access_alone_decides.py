"""Access alone decides: no module outside the access modules checks a role or reads role assignments.

Views, API viewsets, exports, services, tasks and context processors ask `leadership.access` or their
app's `access.py` (DESIGN.md, "Access: one place per rule"). This test reads the source so that a new
role check anywhere else fails here, with the file and line to move into access.
"""

import re
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
APPS = ["portal", "leadership", "training", "appraisal", "talentpool", "governance", "dashboards",
        "communications"]

ROLE_CHECKS = re.compile(
    r"RoleAssignment\.objects|role_assignments__|\bgrants\(|\.has\(Role\.|\.orgs\(Role\."
    r"|==\s*Role\.|\bin\s*\{?\s*Role\.|MFA_ROLES|NATIONAL_ROLES"
)

# Modules that write role assignments (granting, revoking) rather than check them, and why.
WRITERS = {
    "leadership/services.py": "role_assign and role_revoke write the assignments access reads",
    "leadership/data_rights/retention.py": "anonymising a leaver removes their roles",
}


def _is_access_module(relative: str) -> bool:
    return relative.startswith("leadership/access/") or relative.endswith("/access.py")


def _checked_modules():
    for app in APPS:
        for path in sorted((BASE / app).rglob("*.py")):
            relative = path.relative_to(BASE).as_posix()
            if "/migrations/" in relative or _is_access_module(relative) or relative in WRITERS:
                continue
            if path.name in {"admin.py", "demo.py"} or "/demo/" in relative or "/models" in relative:
                continue  # the admin is for national admins only; demo data grants the demo roles
            yield relative, path


def test_no_module_outside_access_checks_a_role():
    found = [
        f"{relative}:{number}: {line.strip()}"
        for relative, path in _checked_modules()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if ROLE_CHECKS.search(line) and not line.lstrip().startswith("#")
    ]
    assert not found, "Role checks outside access (move them into an access rule):\n" + "\n".join(found)


def test_the_check_sees_a_role_check_where_one_is_written(tmp_path):
    """The pattern is not vacuous: the checks this test forbids are ones people have written."""
    for line in ["g = access.grants(user)", "if g.has(Role.HR_ADMIN):",
                 "RoleAssignment.objects.filter(user=user)", "User.objects.filter(role_assignments__role=r)"]:
        assert ROLE_CHECKS.search(line), line
