from django import forms

from leadership.dates import UserDateField


class MergerForm(forms.Form):
    predecessor = forms.CharField(label="ODS code of the organisation that was dissolved", max_length=10)
    successor = forms.CharField(label="ODS code of its successor", max_length=10)
    dissolved_on = UserDateField(label="Dissolved on", help_text="For example, 2025-04-01.")
    move_people = forms.ChoiceField(label="Its staff records", widget=forms.RadioSelect, choices=[
        ("move", "Move them to the successor now"),
        ("leave", "Leave them for the successor's next ESR import"),
    ])
    reason = forms.CharField(label="Why", help_text="For example, the order or decision that merged them.",
                             widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates

    def _organisation(self, name):
        code = self.cleaned_data[name].strip().upper()
        organisation = self.candidates.filter(ods_code=code).first()
        if organisation is None:
            raise forms.ValidationError(f"No open organisation has the ODS code {code}.")
        return organisation

    def clean_predecessor(self):
        return self._organisation("predecessor")

    def clean_successor(self):
        return self._organisation("successor")


class ConfirmMergerForm(forms.Form):
    confirm = forms.BooleanField(label="Yes, record this merger", error_messages={
        "required": "Confirm to record the merger"})
