"""What the governance pages share: page size and the back links of the form pages."""

from django.urls import reverse

PAGE_SIZE = 25


def back_to(label: str, name: str, *args) -> tuple[str, str]:
    """A form page's back link, (label, url), read as "Back to <label>"."""
    return label, reverse(name, args=args or None)
