from django import forms
from django.conf import settings

from leadership.dates import DateInput, UserDateField
from leadership.invitations.selectors import LoginStatus
from leadership.models import (
    PERSONAL_SCOPES,
    ApiScope,
    Band,
    ManagementLevel,
    Organisation,
    OrganisationKind,
    StaffGroup,
)
from leadership.selectors import PeopleFilters


class ButtonForm(forms.Form):
    """A form that is only a button (revoke, rotate, draft, cancel): its errors are a service's refusal."""


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label="Name, email, job title or employee number", required=False,
                        max_length=200)
    management_level = forms.ChoiceField(
        label="Management level", required=False,
        choices=[("", "Any level"), *ManagementLevel.choices],
    )
    band = forms.ChoiceField(label="Band", required=False, choices=[("", "Any band"), *Band.choices])
    staff_group = forms.ChoiceField(
        label="Staff group", required=False, choices=[("", "Any staff group"), *StaffGroup.choices]
    )
    login = forms.ChoiceField(label="Login", required=False, choices=[("", "Any"), *LoginStatus.choices])
    line_manager = forms.UUIDField(required=False, widget=forms.HiddenInput)


def people_filters(query) -> tuple[PeopleFilterForm, PeopleFilters]:
    """The people list's filters from its query string. The valid ones apply even when another is not
    (that one is shown with its error)."""
    form = PeopleFilterForm(query or None)
    if not form.is_bound:
        return form, PeopleFilters()
    form.is_valid()
    data = {k: ("" if v is None else str(v)) for k, v in form.cleaned_data.items()}
    return form, PeopleFilters(**data)


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label="Name or ODS code", required=False, max_length=200)
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *OrganisationKind.choices]
    )


class CsvUploadForm(forms.Form):
    """The one upload form of the imports: a CSV file of at most IMPORT_MAX_BYTES. Subclasses name it."""

    file = forms.FileField()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError("The file is larger than 20 MB. Split it into smaller files.")
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError("The file must be a CSV file (ending .csv).")
        return upload


class PeopleImportForm(CsvUploadForm):
    file = forms.FileField(
        label="Staff file (CSV, UTF-8)",
        help_text="An ESR export with the columns described in the import guide. Up to 20 MB.",
    )


class ApiClientForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=200,
        help_text="The system that will use it, for example 'Workforce dashboard'.",
    )
    scopes = forms.MultipleChoiceField(
        label="What it may read", choices=ApiScope.choices, widget=forms.CheckboxSelectMultiple,
        help_text="Give only the scopes the system needs.",
    )


class NotificationPreferenceForm(forms.Form):
    email = forms.ChoiceField(
        label="How do you want reminders by email?", widget=forms.RadioSelect,
        choices=[("each", "An email for each reminder"), ("weekly_digest", "One summary email each Monday")],
        help_text="Reminders always appear on your Notifications page too.",
    )


class SharingAgreementForm(forms.Form):
    """A trust's data-sharing agreement with a footprint above it; the service re-checks every rule."""

    footprint = forms.ModelChoiceField(
        label="Shared with", queryset=Organisation.objects.none(), to_field_name="ods_code",
        help_text="The ICB, CCG or region above the trust that may read its staff's records.",
    )
    scopes = forms.MultipleChoiceField(
        label="Which records", widget=forms.CheckboxSelectMultiple,
        choices=[(scope.value, scope.label) for scope in PERSONAL_SCOPES],
        help_text="Only these areas. Talent-pool members who have not consented stay hidden whatever "
                  "you choose.",
    )
    valid_from = UserDateField(label="From", widget=DateInput)
    valid_until = UserDateField(label="Until (optional)", required=False,
                                  widget=DateInput,
                                  help_text="The last day it covers. Leave empty if it has no end date.")
    agreed_by_name = forms.CharField(label="Who agreed it", max_length=200,
                                     help_text="The name and role of the person who signed, for example "
                                               "'A Smith, Caldicott Guardian'.")

    def __init__(self, *args, footprints, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["footprint"].queryset = footprints

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", "The end date must be on or after the start date.")
        return cleaned
