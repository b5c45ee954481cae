"""Forms of communications' pages. Services hold the rules; forms only shape and validate input."""

from django import forms

from communications.models import Board, BroadcastCategory
from leadership.models import CommissionerRole, ManagementLevel, Organisation, OrganisationKind


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _when(label: str, help_text: str, required: bool = False) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        help_text=help_text,
        required=required,
        widget=LocalDateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )


class BroadcastForm(forms.Form):
    """A broadcast. `national` adds the audience by organisation; an HR admin writes to their own staff."""

    sender_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label="Send from", empty_label=None
    )
    category = forms.ChoiceField(choices=BroadcastCategory.choices, widget=forms.RadioSelect)
    title = forms.CharField(max_length=200)
    body = forms.CharField(
        label="Message",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Markdown: **bold**, *italic*, lists, links. HTML is shown as text.",
    )
    everyone = forms.BooleanField(label="Everyone in the NHS portal", required=False)
    organisation_kinds = forms.MultipleChoiceField(
        label="Organisation kinds",
        choices=OrganisationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    regions = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.filter(kind=OrganisationKind.REGION),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    footprint = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(kind__in=[OrganisationKind.ICB, OrganisationKind.CCG]),
        required=False,
        help_text="An ICB or CCG: the organisations under it.",
        empty_label="No footprint",
    )
    organisation_codes = forms.CharField(
        label="Named organisations",
        required=False,
        help_text="ODS codes, separated by commas, for example RXX, QXX.",
    )
    management_levels = forms.MultipleChoiceField(
        choices=ManagementLevel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave empty for every level.",
    )
    commissioner_roles = forms.MultipleChoiceField(
        label="CCG/ICB leadership roles",
        choices=CommissionerRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave empty for everyone, whatever their role.",
    )
    publish_at = _when("Publish at", "Leave empty to publish now.")
    expires_at = _when("Expires at", "Optional: after this it leaves the feed.")

    NATIONAL_ONLY = ("everyone", "organisation_kinds", "regions", "footprint", "organisation_codes")

    def __init__(self, *args, senders, national: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sender_organisation"].queryset = senders
        if not national:
            for name in self.NATIONAL_ONLY:
                del self.fields[name]

    def clean_organisation_codes(self):
        codes = [c.strip().upper() for c in self.cleaned_data["organisation_codes"].split(",") if c.strip()]
        found = list(Organisation.objects.filter(ods_code__in=codes))
        missing = sorted(set(codes) - {o.ods_code for o in found})
        if missing:
            raise forms.ValidationError(f"No organisation has the ODS code {', '.join(missing)}.")
        return found

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["organisations"] = data.pop("organisation_codes", [])
        return data


class CascadeForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label="Pass it on to the staff of", empty_label=None
    )
    local_note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Local note",
        help_text="Markdown. Shown above the national message to your staff.",
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ConfirmForm(forms.Form):
    """A button only (acknowledge, withdraw, follow)."""


class ThreadForm(forms.Form):
    board = forms.ModelChoiceField(queryset=Board.objects.all(), empty_label=None)
    title = forms.CharField(max_length=200)
    body = forms.CharField(
        label="Your post",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Markdown. HTML is shown as text.",
    )
    tags = forms.CharField(
        required=False, help_text="Up to 5, separated by commas, for example rota, appraisal."
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Your reply",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Markdown. HTML is shown as text.",
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class SearchForm(forms.Form):
    q = forms.CharField(label="Search the boards", required=False, max_length=200)
    tag = forms.CharField(required=False, max_length=40)
