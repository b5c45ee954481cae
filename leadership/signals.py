"""Record security events from Django's and allauth's sign-in signals (logging only, no workflow), and
forget cached API tokens the moment they or their client change."""

from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oauth2_provider.models import AccessToken

from leadership.api.auth import forget_tokens
from leadership.models import ApiClient, SecurityEvent
from leadership.security import SESSION_STARTED_KEY, security_event_record


@receiver(auth_signals.user_logged_in)
def on_signed_in(sender, request, user, **kwargs):
    import time

    if request is not None and hasattr(request, "session"):
        request.session[SESSION_STARTED_KEY] = time.time()
    security_event_record(kind=SecurityEvent.Kind.SIGNED_IN, request=request, user=user)


@receiver(auth_signals.user_login_failed)
def on_sign_in_failed(sender, credentials, request=None, **kwargs):
    # Only something shaped like an email is kept: a password typed in the wrong box is not.
    tried = str(credentials.get("email") or credentials.get("username") or "")
    try:
        validate_email(tried)
    except ValidationError:
        tried = ""
    security_event_record(kind=SecurityEvent.Kind.SIGN_IN_FAILED, request=request, email=tried)


@receiver(mfa_signals.authenticator_added)
def on_mfa_added(sender, request, user, authenticator, **kwargs):
    security_event_record(kind=SecurityEvent.Kind.MFA_ADDED, request=request, user=user,
                          detail=authenticator.type)


@receiver(mfa_signals.authenticator_removed)
def on_mfa_removed(sender, request, user, authenticator, **kwargs):
    security_event_record(kind=SecurityEvent.Kind.MFA_REMOVED, request=request, user=user,
                          detail=authenticator.type)


@receiver(mfa_signals.authentication_failed)
def on_mfa_failed(sender, request, user, **kwargs):
    security_event_record(kind=SecurityEvent.Kind.MFA_FAILED, request=request, user=user)


@receiver(post_delete, sender=AccessToken)
def on_token_deleted(sender, instance, **kwargs):
    forget_tokens([instance.token_checksum])


@receiver(post_save, sender=ApiClient)
def on_api_client_changed(sender, instance, **kwargs):
    # A cached token carries its client (scopes, organisation, revoked_at): a changed client forgets it.
    forget_tokens(list(AccessToken.objects.filter(application_id=instance.application_id)
                       .values_list("token_checksum", flat=True)))
