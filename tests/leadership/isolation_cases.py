"""Isolation cases for leadership routes added outside tests/test_isolation.py's own table."""

from django.urls import reverse

PAGE_CASES = {
    # Every organisation's undelivered email: national admins only, 404 for anyone else.
    "undelivered_mail": ("national", lambda w: reverse("undelivered_mail")),
}
