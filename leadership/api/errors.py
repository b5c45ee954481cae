"""Every API error has one shape: {"detail": "...", "errors": {"field": ["message", ...]}}."""

from django.http import JsonResponse
from django.views import defaults
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


# Django's own error views, for errors raised before or outside a DRF view (a URL that matches no
# pattern, a request Django refuses, a crash): JSON in the same shape under /api/, pages elsewhere.
API_PREFIX = "/api/"
NOT_FOUND = "There is no such API resource. See /api/docs/."
PAGE_VIEWS = {400: defaults.bad_request, 403: defaults.permission_denied, 404: defaults.page_not_found}
DETAILS = {
    400: "The request could not be read.",
    403: "You do not have permission to do this.",
    404: NOT_FOUND,
    405: "This method is not allowed here.",
    500: "Something went wrong on our side. It has been logged; try again later.",
}


def is_api_request(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def api_error_response(status: int, detail: str | None = None) -> JsonResponse:
    response = JsonResponse({"detail": detail or DETAILS[status], "errors": {}}, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _json_under_api(status: int):
    def view(request, exception=None):
        if is_api_request(request):
            return api_error_response(status)
        return PAGE_VIEWS[status](request, exception)

    return view


bad_request = _json_under_api(400)
permission_denied = _json_under_api(403)
page_not_found = _json_under_api(404)


def server_error(request):
    if is_api_request(request):
        return api_error_response(500)
    return defaults.server_error(request)
