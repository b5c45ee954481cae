from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by HR admins and imports, never by open sign-up."""

    def is_open_for_signup(self, request):
        return False
