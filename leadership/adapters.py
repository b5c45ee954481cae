from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ValidationError

from leadership.models import SecurityEvent


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
