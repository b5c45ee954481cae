"""Every API error has one shape: {"detail": "...", "errors": {"field": ["message", ...]}}."""

from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

INVALID_INPUT = "Some of the values sent are not valid; see errors."


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        errors = data if isinstance(data, dict) else {"non_field_errors": data}
        response.data = {"detail": INVALID_INPUT, "errors": errors}
    else:
        detail = data.get("detail", "") if isinstance(data, dict) else data
        response.data = {"detail": str(detail), "errors": {}}
    return response
