"""Forms of the passport pages. Services check the rules; forms check the shape of the input."""

from django import forms

from communications.models.passport import SHARE_DAYS_DEFAULT, SHARE_DAYS_MAX
from leadership.person_search import PersonSearchField


class ShareForm(forms.Form):
    recipient = forms.ModelChoiceField(label="The NHS organisation to share with", queryset=None,
                                       empty_label="Choose an organisation")
    days = forms.IntegerField(label="How many days the link works", min_value=1, max_value=SHARE_DAYS_MAX,
                              initial=SHARE_DAYS_DEFAULT,
                              help_text=f"Between 1 and {SHARE_DAYS_MAX} days. You can revoke it sooner.")

    def __init__(self, *args, recipients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = recipients.order_by("name")


class RevokeForm(forms.Form):
    confirm = forms.BooleanField(label="Yes, revoke the link now",
                                 error_messages={"required": "Confirm to revoke"})


class ImportForm(forms.Form):
    person = PersonSearchField(
        None, label="Your staff record for this person",
        help_text="Their training, qualifications and values attestations are copied to this record.")

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
