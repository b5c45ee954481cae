"""allauth's adapters: no open sign-up; single sign-on only reaches logins the portal already has.

Single sign-on (an OpenID Connect provider such as NHSmail's Microsoft Entra ID or NHS CIS2, set up
by PORTAL_OIDC_* variables) signs in the active login whose email is the provider's verified email,
or completes that login's pending invitation. Anyone else gets a page saying to ask their HR team.
When the provider says the person used multi-factor authentication (the `amr` claim holds "mfa"),
that sign-in needs no portal TOTP code (docs/security.md "Signing in").
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.stages import AuthenticateStage
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import render

from leadership.audit import audit_context
from leadership.invitations.services import email_verified
from leadership.models import Invitation, SecurityEvent, User

# The id of the user whose current sign-in the provider vouched used multi-factor authentication.
PROVIDER_MFA_SESSION_KEY = "_portal_mfa_by_provider"
MFA_STAGE = "allauth.mfa.stages.AuthenticateStage"


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by HR admins and imports, never by open sign-up."""

    def is_open_for_signup(self, request):
        return False

    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            from leadership.security import security_event_record

            security_event_record(kind=SecurityEvent.Kind.LOCKED_OUT, request=request,
                                  email=str(credentials.get("email") or ""))
            raise

    def get_login_stages(self):
        return [f"{__name__}.MfaUnlessProviderUsedMfaStage" if stage == MFA_STAGE else stage
                for stage in super().get_login_stages()]


class MfaUnlessProviderUsedMfaStage(AuthenticateStage):
    """allauth's "enter your code" step, skipped when the SSO provider says it already did MFA."""

    def handle(self):
        self.request.session.pop(PROVIDER_MFA_SESSION_KEY, None)  # every sign-in decides afresh
        sociallogin = (self.login.signal_kwargs or {}).get("sociallogin")
        if self.login.user is not None and sociallogin is not None and provider_used_mfa(sociallogin):
            self.request.session[PROVIDER_MFA_SESSION_KEY] = self.login.user.pk
            return None, True
        return super().handle()


def mfa_done_by_provider(request) -> bool:
    """The signed-in user's sign-in used multi-factor authentication at the SSO provider."""
    session = getattr(request, "session", None)
    return session is not None and session.get(PROVIDER_MFA_SESSION_KEY) == request.user.pk


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on finds the portal's login by verified work email, or refuses; it never signs up."""

    def is_open_for_signup(self, request, sociallogin):
        return False

    def pre_social_login(self, request, sociallogin):
        email = verified_email(sociallogin)
        user = User.objects.filter(email__iexact=email, is_active=True).first() if email else None
        if user is None or (sociallogin.is_existing and sociallogin.user.pk != user.pk):
            _refuse(request, sociallogin, "no active login with this verified email")
        invitation = user.invitations.filter(status=Invitation.Status.PENDING).first()
        if invitation is not None and invitation.expired:
            _refuse(request, sociallogin, "the invitation has expired", expired=True)
        _link(request, sociallogin, user, invitation)


@transaction.atomic
def _link(request, sociallogin, user: User, invitation: Invitation | None) -> None:
    # The provider vouched for the address, as an invitation link does.
    email_verified(user=user, invitation=invitation, request=request, how="by single sign-on")
    if not sociallogin.is_existing:
        with audit_context(actor=user):
            sociallogin.connect(request, user)


def _refuse(request, sociallogin, reason: str, expired: bool = False):
    from leadership.security import security_event_record

    claimed = _claims(sociallogin).get("email")
    security_event_record(kind=SecurityEvent.Kind.SIGN_IN_FAILED, request=request,
                          email=claimed if isinstance(claimed, str) else "",
                          detail=f"single sign-on: {reason}")
    context = {"email": verified_email(sociallogin), "expired": expired,
               "provider": sociallogin.account.get_provider().name}
    page = render(request, "account/sso_no_login.html", context, status=403)
    raise ImmediateHttpResponse(page)


def _claims(sociallogin) -> dict:
    """The claims allauth reads the email from: userinfo when fetched, else the ID token."""
    extra = sociallogin.account.extra_data or {}
    return extra.get("userinfo") or extra.get("id_token") or extra


def verified_email(sociallogin) -> str:
    """The provider's email, only when its `email_verified` claim is true."""
    claims = _claims(sociallogin)
    email = claims.get("email")
    if isinstance(email, str) and claims.get("email_verified") in (True, "true"):
        return email.strip()
    return ""


def provider_used_mfa(sociallogin) -> bool:
    """`amr` (RFC 8176) is an ID token claim; a provider may also send it from userinfo."""
    extra = sociallogin.account.extra_data or {}
    amr = (extra.get("id_token") or {}).get("amr") or _claims(sociallogin).get("amr") or []
    return isinstance(amr, list) and "mfa" in amr
