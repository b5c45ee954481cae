"""Isolation cases for leadership routes added outside tests/test_isolation.py's own table."""

from django.urls import reverse

PAGE_CASES = {
    # Every organisation's undelivered email: national admins only, 404 for anyone else.
    "undelivered_mail": ("national", lambda w: reverse("undelivered_mail")),
    # A subject access export: the person's organisation's HR admin only; another organisation's is 404.
    "person_data_export": ("object", lambda w: reverse(
        "person_data_export", args=[w["same_org_manager"].person.public_id])),
}
