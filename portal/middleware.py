import time

from allauth.usersessions.middleware import UserSessionsMiddleware as AllauthUserSessionsMiddleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthenticationMiddleware
from django.contrib.auth.views import redirect_to_login
from django.contrib.messages.middleware import MessageMiddleware as DjangoMessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.shortcuts import redirect
from pghistory.middleware import HistoryMiddleware

from leadership.security import SESSION_STARTED_KEY


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


MFA_EXEMPT_PREFIXES = ("/accounts/2fa/", "/accounts/logout/", "/accounts/reauthenticate/",
                       "/static/", "/healthz")


class _SessionLifetimeMiddleware:
    """Signs a user out 12 hours after sign-in, however active they have been (ASVS 7.3)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.setdefault(SESSION_STARTED_KEY, time.time())
            if time.time() - started > settings.SESSION_ABSOLUTE_AGE:
                logout(request)
                messages.info(request, "You have been signed out after 12 hours. Sign in again.")
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class _MfaRequiredMiddleware:
    """People with administrative roles reach nothing but MFA set-up until they have enrolled, unless
    this sign-in used multi-factor authentication at the single sign-on provider."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from leadership import security
        from leadership.adapters import mfa_done_by_provider

        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(MFA_EXEMPT_PREFIXES)
            and security.mfa_required(user)
            and not security.has_mfa(user)
            and not mfa_done_by_provider(request)  # the SSO provider's amr said "mfa" at this sign-in
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def carries_bearer_token(request) -> bool:
    """An API client's request: its token says who it is, so it has no session, cookie or message."""
    return (request.path_info.startswith("/api/")
            and request.META.get("HTTP_AUTHORIZATION", "")[:7].lower() == "bearer ")


HOOKS = ("process_view", "process_exception", "process_template_response")


def _unless_bearer(hook):
    def hook_unless_bearer(self, request, *args, **kwargs):
        return None if carries_bearer_token(request) else hook(self, request, *args, **kwargs)
    return hook_unless_bearer


def not_for_bearer_requests(middleware):
    """The middleware, passed by for requests that carry a bearer token to the API (issue 18: a
    session read, a cookie and the message store cost more than the rest of a small page).

    It stays a subclass of the middleware, so Django's checks still find the session, sign-in and
    message middleware. allauth's AccountMiddleware and Django's CSRF middleware must be named as
    they are; the first only sets a context, the second exempts API views."""

    class PassedByForBearerRequests(middleware):
        def __call__(self, request):
            if carries_bearer_token(request):
                return self.get_response(request)
            return super().__call__(request)

    for hook in HOOKS:
        if hasattr(middleware, hook):
            setattr(PassedByForBearerRequests, hook, _unless_bearer(getattr(middleware, hook)))
    PassedByForBearerRequests.__name__ = PassedByForBearerRequests.__qualname__ = middleware.__name__
    return PassedByForBearerRequests


SessionMiddleware = not_for_bearer_requests(DjangoSessionMiddleware)
SessionLifetimeMiddleware = not_for_bearer_requests(_SessionLifetimeMiddleware)
MfaRequiredMiddleware = not_for_bearer_requests(_MfaRequiredMiddleware)
AuthenticationMiddleware = not_for_bearer_requests(DjangoAuthenticationMiddleware)
MessageMiddleware = not_for_bearer_requests(DjangoMessageMiddleware)
UserSessionsMiddleware = not_for_bearer_requests(AllauthUserSessionsMiddleware)
