"""URL converters shared by every app's urls: importing this module registers them."""

from django.urls import register_converter


class OdsCodeConverter:
    """ODS codes are short and alphanumeric; anything else is a 404 before a view sees it."""

    regex = "[A-Za-z0-9]{1,10}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value


register_converter(OdsCodeConverter, "ods")
