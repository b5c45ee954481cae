"""Isolation cases for the leadership pages added by feature areas (see tests/isolation_registry.py)."""

from django.urls import reverse

PAGE_CASES = {
    # A subject access export: the person's organisation's HR admin only; another organisation's is 404.
    "person_data_export": ("object", lambda w: reverse(
        "person_data_export", args=[w["same_org_manager"].person.public_id])),
}
