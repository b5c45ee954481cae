"""Who may call the API: OAuth client credentials bound to one organisation, or a signed-in user.

Token issuance only ever grants scopes the client holds; a revoked client gets no token and the
tokens it holds stop working. Which rows an actor sees is decided in leadership.access.
"""

import hashlib
import secrets
from collections import OrderedDict

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from oauth2_provider.models import get_access_token_model
from oauth2_provider.oauth2_validators import OAuth2Validator
from rest_framework.permissions import BasePermission
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from leadership import access
from leadership.models import ApiScope

# A looked-up token is kept in Redis this long at most (and never past its expiry). Deleting a token
# (revoke, rotate, expiry clean-up) or changing its client forgets it at once: forget_tokens.
TOKEN_CACHE_SECONDS = 300


def token_cache_key(checksum: str) -> str:
    return f"api-token:{checksum}"


def forget_tokens(checksums: list[str]) -> None:
    """Drop these tokens from the cache now and again after commit, so that no request running
    beside the change can put back a copy read before it."""
    keys = [token_cache_key(checksum) for checksum in checksums if checksum]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


def live_api_client(application):
    """The application's API client, unless it has none or it was revoked."""
    client = getattr(application, "api_client", None)
    return None if client is None or client.revoked else client


class ApiClientOAuth2Validator(OAuth2Validator):
    """django-oauth-toolkit's validator, limited to live API clients and the scopes each holds."""

    def authenticate_client(self, request, *args, **kwargs):
        if not super().authenticate_client(request, *args, **kwargs):
            return False
        return live_api_client(request.client) is not None

    def validate_scopes(self, client_id, scopes, client, request, *args, **kwargs):
        api_client = live_api_client(client)
        return api_client is not None and bool(scopes) and set(scopes) <= set(api_client.scopes)

    def get_default_scopes(self, client_id, request, *args, **kwargs):
        api_client = live_api_client(request.client)
        return list(api_client.scopes) if api_client is not None else []

    def _load_access_token(self, token):
        # From Redis when a request has read it lately; else one query for the token, its client and
        # the client's organisation (client-credentials tokens have no user to join).
        checksum = hashlib.sha256(token.encode("utf-8")).hexdigest()
        found = cache.get(token_cache_key(checksum))
        if found is not None:
            return found
        # Always the primary, never the replica: a token revoked a moment ago must fail now.
        found = (
            get_access_token_model().objects.using(DEFAULT_DB_ALIAS)
            .select_related("application__api_client__organisation")
            .filter(token_checksum=checksum)
            .first()
        )
        if found is not None:
            lifetime = (found.expires - timezone.now()).total_seconds()
            if lifetime > 1:
                cache.set(token_cache_key(checksum), found, min(TOKEN_CACHE_SECONDS, int(lifetime)))
        return found

    def validate_bearer_token(self, token, scopes, request):
        if not super().validate_bearer_token(token, scopes, request):
            return False
        if live_api_client(request.access_token.application) is None:
            request.oauth2_error = OrderedDict(
                [("error", "invalid_token"), ("error_description", "The API client was revoked.")]
            )
            return False
        return True


class ClientCredentialsAuthentication(OAuth2Authentication):
    """A bearer token from /api/oauth/token/. The request's user is anonymous; its auth is the token."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        _, token = result
        return AnonymousUser(), token


class IsApiActor(BasePermission):
    """A live API client's token, or a signed-in user."""

    def has_permission(self, request, view):
        if access.api_client(request) is not None:
            return True
        return bool(request.user and request.user.is_authenticated)


class HasReadScope(IsApiActor):
    """A client's token must carry the view's scope; a signed-in user is limited by access alone."""

    message = "This API client does not have the scope this resource needs."

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        if access.api_client(request) is None:
            return True
        return request.auth.allow_scopes(view.required_scopes(request))


# A sliding log per client in one sorted set, trimmed, counted and extended by one script: one Redis
# round trip a request, where DRF's throttle reads the whole history and writes it back (two).
SLIDING_LOG = """
local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= limit then
  return redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2]
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], math.ceil(window * 1000))
return false
"""


class ApiClientRateThrottle(SimpleRateThrottle):
    """One budget per API client (or signed-in user), kept in Redis as a sliding log."""

    scope = "api"
    _script = None

    def get_rate(self):
        # Read at request time, so an override of REST_FRAMEWORK takes effect (tests, env).
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        client = access.api_client(request)
        if client is not None:
            ident = f"client-{client.application_id}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"ip-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        self.now = self.timer()
        redis_key = cache.make_and_validate_key(key)
        client = cache._cache.get_client(redis_key, write=True)
        if ApiClientRateThrottle._script is None:
            ApiClientRateThrottle._script = client.register_script(SLIDING_LOG)
        # The member only has to be unique: two requests in one microsecond are two entries.
        oldest = self._script(keys=[redis_key], args=[self.now, self.duration, self.num_requests,
                                                       f"{self.now}:{secrets.token_hex(4)}"], client=client)
        self.oldest = None if oldest is None else float(oldest)
        return self.oldest is None

    def wait(self):
        return max(0.0, self.duration - (self.now - self.oldest))


def token_url() -> str:
    return settings.SITE_URL.rstrip("/") + reverse("api:oauth_token")


class ClientCredentialsScheme(OpenApiAuthenticationExtension):
    """Declares the oauth2 client-credentials flow, its token URL and scopes in the schema."""

    target_class = ClientCredentialsAuthentication
    name = "oauth2"
    priority = 1

    def get_security_definition(self, auto_schema):
        return {
            "type": "oauth2",
            "description": "OAuth 2.0 client credentials. Tokens last at most one hour.",
            "flows": {
                "clientCredentials": {"tokenUrl": token_url(), "scopes": dict(ApiScope.choices)}
            },
        }

    def get_security_requirement(self, auto_schema):
        alternatives = getattr(auto_schema.view, "scope_alternatives", [[]])
        return [{self.name: list(scopes)} for scopes in alternatives]
