"""API clients: create, rotate and revoke a trust's, CCG's or ICB's OAuth client credentials.

The secret is returned once, in plain text, and stored hashed by django-oauth-toolkit. An `actor`
of None is the system (manage.py create_api_client); a user must be able to manage the
organisation.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import AccessToken, Application

from leadership import access
from leadership.models import ApiClient, ApiScope, Organisation, SecurityEvent, User
from leadership.security import security_event_record


def _check_actor(actor: User | None, organisation: Organisation) -> None:
    if actor is not None and not access.can_manage_organisation(actor, organisation):
        raise PermissionDenied("You cannot manage API clients for this organisation.")


def _clean_scopes(scopes: Iterable[str]) -> list[str]:
    chosen = sorted(set(scopes))
    unknown = [scope for scope in chosen if scope not in ApiScope.values]
    if unknown:
        raise ValidationError({"scopes": f"Unknown scope: {', '.join(unknown)}."})
    if not chosen:
        raise ValidationError({"scopes": "Choose at least one scope."})
    return chosen


@transaction.atomic
def api_client_create(
    *, actor: User | None, organisation: Organisation, scopes: Iterable[str], name: str
) -> tuple[ApiClient, str]:
    """A new client and its plain secret, which is shown once and never stored."""
    _check_actor(actor, organisation)
    chosen = _clean_scopes(scopes)
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Give the client a name, such as the system that uses it."})
    secret = generate_client_secret()
    application = Application.objects.create(
        name=name[:255],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        client_secret=secret,
        hash_client_secret=True,
    )
    client = ApiClient.objects.create(
        application=application, organisation=organisation, scopes=chosen, created_by=actor
    )
    security_event_record(
        kind=SecurityEvent.Kind.API_CLIENT_CREATED, actor=actor,
        detail=f"{name[:120]} for {organisation.ods_code}: {' '.join(chosen)} "
               f"(client id {application.client_id})",
    )
    return client, secret


@transaction.atomic
def api_client_rotate(*, actor: User | None, client: ApiClient) -> str:
    """A new secret; the old one and every token issued with it stop working at once."""
    _check_actor(actor, client.organisation)
    if client.revoked:
        raise ValidationError("A revoked client cannot be given a new secret.")
    secret = generate_client_secret()
    client.application.client_secret = secret
    client.application.save(update_fields=["client_secret", "updated"])
    AccessToken.objects.filter(application=client.application).delete()
    client.save(update_fields=["updated_at"])
    security_event_record(
        kind=SecurityEvent.Kind.API_CLIENT_ROTATED, actor=actor,
        detail=f"{client.application.name[:120]} for {client.organisation.ods_code} "
               f"(client id {client.application.client_id})",
    )
    return secret


@transaction.atomic
def api_client_revoke(*, actor: User | None, client: ApiClient) -> ApiClient:
    """The client gets no more tokens, and the tokens it holds stop working."""
    _check_actor(actor, client.organisation)
    if client.revoked:
        return client
    client.revoked_at = timezone.now()
    client.save(update_fields=["revoked_at"])
    # Belt and braces: the validator refuses revoked clients, and the secret no longer matches.
    client.application.client_secret = generate_client_secret()
    client.application.save(update_fields=["client_secret", "updated"])
    AccessToken.objects.filter(application=client.application).delete()
    security_event_record(
        kind=SecurityEvent.Kind.API_CLIENT_REVOKED, actor=actor,
        detail=f"{client.application.name[:120]} for {client.organisation.ods_code} "
               f"(client id {client.application.client_id})",
    )
    return client
