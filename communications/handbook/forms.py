"""Forms of the handbook pages. Services check the rules; forms check the shape of the input."""

from django import forms

from communications.models.handbook import HANDBOOK_LEVELS


class AttestForm(forms.Form):
    confirm = forms.BooleanField(
        label="I have read the handbook and will lead by these values",
        error_messages={"required": "Confirm that you have read the handbook and will lead by its values"})


class ValueForm(forms.Form):
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)

    def __init__(self, *args, value=None, **kwargs):
        super().__init__(*args, **kwargs)
        for level in HANDBOOK_LEVELS:
            self.fields[f"meaning_{level.value}"] = forms.CharField(
                label=f"What it means for a {level.label.lower()} manager", max_length=1000,
                widget=forms.Textarea(attrs={"rows": 3}))
        if value is not None and not self.is_bound:
            self.initial = {"summary": value.summary,
                            **{f"meaning_{lvl}": text for lvl, text in value.meanings.items()}}

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {"summary": data["summary"],
                "meanings": {level.value: data[f"meaning_{level.value}"] for level in HANDBOOK_LEVELS}}


class PublishForm(forms.Form):
    change_note = forms.CharField(label="What changed in this version", max_length=300,
                                  help_text="Managers see this when they are asked to attest again.")
    confirm = forms.BooleanField(label="Yes, publish it and ask every manager to attest again",
                                 error_messages={"required": "Confirm to publish"})


class StartDraftForm(forms.Form):
    """A bare POST: starting a draft needs no input."""
