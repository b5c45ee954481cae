from pghistory.middleware import HistoryMiddleware


def request_source(path: str) -> str:
    if path.startswith("/admin/"):
        return "admin"
    if path.startswith("/api/"):
        return "api"
    return "page"


class AuditContextMiddleware(HistoryMiddleware):
    """Every change made during a request is recorded with who, the URL and where it came from."""

    def get_context(self, request):
        return {**super().get_context(request), "source": request_source(request.path)}


class NoStoreMiddleware:
    """Pages for signed-in users carry personal data: browsers and proxies must not keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response
