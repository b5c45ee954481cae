from django.contrib.auth.forms import SetPasswordForm


class AcceptForm(SetPasswordForm):
    """The invited person's new password, twice, checked by Django's password validators."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].label = "Create a password"
        self.fields["new_password1"].help_text = (
            "At least 12 characters. Avoid words and numbers that are easy to guess.")
        self.fields["new_password2"].label = "Type the password again"
