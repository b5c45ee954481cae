"""Sign-in security: who must use MFA, the security event log, and ending a user's sessions."""

import logging

from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.db import transaction

from leadership import access
from leadership.models import SecurityEvent, User

logger = logging.getLogger("leadership.security")

SESSION_STARTED_KEY = "_portal_signed_in_at"  # when the session signed in, for its absolute limit
def mfa_required(user: User) -> bool:
    return access.needs_mfa(user)


def has_mfa(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def client_ip(request) -> str | None:
    """The client's address: behind N trusted proxies, the Nth address from the right of
    X-Forwarded-For (the same rule allauth's rate limits use)."""
    if request is None:
        return None
    proxies = settings.ALLAUTH_TRUSTED_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def security_event_record(*, kind: str, request=None, user: User | None = None, email: str = "",
                          actor: User | None = None, detail: str = "") -> SecurityEvent:
    event = SecurityEvent.objects.create(
        kind=kind, user=user, email=email[:254], actor=actor, ip_address=client_ip(request),
        detail=detail[:300],
    )
    logger.info("security event %s user=%s email=%s ip=%s %s", kind, user.pk if user else None,
                email, event.ip_address, detail)
    return event


def sessions_end(user: User) -> None:
    """Sign the user out everywhere (allauth's user sessions)."""
    for session in UserSession.objects.filter(user=user):
        session.end()


@transaction.atomic
def user_deactivate(*, actor: User | None, user: User) -> None:
    """Deactivate a login and end every session it has."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    sessions_end(user)
    security_event_record(kind=SecurityEvent.Kind.USER_DEACTIVATED, user=user, actor=actor)
