from django import forms

from leadership.models import Role


class RoleGrantForm(forms.Form):
    email = forms.EmailField(label="Work email of their login", max_length=254,
                             help_text="The person must already have a login. Invite them first if not.")
    role = forms.ChoiceField(label="Role", widget=forms.RadioSelect)

    def __init__(self, *args, roles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role, Role(role).label) for role in roles]
