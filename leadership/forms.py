from django import forms
from django.conf import settings

from leadership.models import ApiScope, Band, ManagementLevel, OrganisationKind, StaffGroup


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
    line_manager = forms.UUIDField(required=False, widget=forms.HiddenInput)


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label="Name or ODS code", required=False, max_length=200)
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *OrganisationKind.choices]
    )


class PeopleImportForm(forms.Form):
    file = forms.FileField(
        label="Staff file (CSV, UTF-8)",
        help_text="An ESR export with the columns described in the import guide. Up to 20 MB.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError("The file is larger than 20 MB. Split it into smaller files.")
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError("The file must be a CSV file (ending .csv).")
        return upload


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
