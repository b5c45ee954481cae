"""Forms for the governance pages. Choices that hold records are built by the view from governance.access."""

from django import forms

from governance.models import (
    BoardPosition,
    BurdenAssessment,
    CompetencyDomain,
    DataReturnReview,
    FitProperCheck,
    Frequency,
    Rating,
    RequestingBody,
    WellLedTheme,
)
from leadership.dates import UserDateField
from leadership.models import Band, SectorBackground
from leadership.person_search import PersonSearchField


class PublicIdChoiceField(forms.ModelChoiceField):
    """Options carry public UUIDs, never database ids."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="public_id", **kwargs)


class PublicIdMultipleChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="public_id", **kwargs)


class OrganisationChoiceField(forms.ModelChoiceField):
    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="ods_code", **kwargs)


def _textarea(rows: int = 4):
    return forms.Textarea(attrs={"rows": rows})


NEW_ITEMS_HELP = (
    "One per line. They join the shared catalogue, so other organisations' returns can name them too."
)


class DataReturnForm(forms.Form):
    organisation = OrganisationChoiceField(None, label="Organisation making the return", empty_label=None)
    title = forms.CharField(label="Name of the return", max_length=200)
    requesting_body = forms.ChoiceField(label="Requesting body", choices=RequestingBody.choices)
    requesting_body_other = forms.CharField(
        label="Other requesting body",
        max_length=200,
        required=False,
        help_text="Only if you chose another body.",
    )
    purpose = forms.CharField(label="Purpose", widget=_textarea(3))
    legal_basis = forms.CharField(label="Legal basis", max_length=300)
    frequency = forms.ChoiceField(label="Frequency", choices=Frequency.choices)
    items = PublicIdMultipleChoiceField(
        None, label="Data items it asks for", required=False, widget=forms.CheckboxSelectMultiple
    )
    new_items = forms.CharField(
        label="Data items not in the catalogue yet",
        required=False,
        widget=_textarea(3),
        help_text=NEW_ITEMS_HELP,
    )
    owner = PersonSearchField(None, label="Owner", required=False)
    staff_roles = forms.CharField(label="Staff roles that complete it", max_length=300)
    hours_per_return = forms.DecimalField(
        label="Hours to complete each time", min_value=0, max_digits=7, decimal_places=2
    )
    review_interval_months = forms.IntegerField(
        label="Review every (months)", min_value=1, max_value=60, initial=12, help_text="Yearly by default."
    )

    def __init__(self, *args, organisations, items, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["items"].queryset = items
        self.fields["owner"].queryset = owners


class DataReturnEditForm(DataReturnForm):
    """The new-return form, less the organisation: a correction never moves a return elsewhere."""

    def __init__(self, *args, items, owners, **kwargs):
        super().__init__(*args, organisations=None, items=items, owners=owners, **kwargs)
        del self.fields["organisation"]


class DataReturnEndForm(forms.Form):
    ended_on = UserDateField(label="Ended on")
    reason = forms.CharField(
        label="Reason", widget=_textarea(3), help_text="Why the return is no longer made."
    )


class DataReturnReviewForm(forms.Form):
    reviewed_on = UserDateField(label="Reviewed on")
    still_needed = forms.TypedChoiceField(
        label="Is the return still needed?",
        widget=forms.RadioSelect,
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
    )
    decision = forms.ChoiceField(
        label="Decision", choices=DataReturnReview.Decision.choices, widget=forms.RadioSelect
    )
    merged_into = PublicIdChoiceField(
        None,
        label="Merge into",
        required=False,
        empty_label="Not merging",
        help_text="Only when the decision is to merge.",
    )
    hours_saved_per_year = forms.DecimalField(
        label="Hours saved a year", min_value=0, max_digits=9, decimal_places=2, initial=0
    )
    findings = forms.CharField(
        label="Findings",
        widget=_textarea(),
        help_text="For the executive and non-executive teams: what the review found.",
    )

    def __init__(self, *args, other_returns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merged_into"].queryset = other_returns


class BurdenAssessmentForm(forms.Form):
    organisation = OrganisationChoiceField(None, label="Organisation assessing the request", empty_label=None)
    title = forms.CharField(label="Name of the data request", max_length=200)
    request_description = forms.CharField(label="What the new or changed request asks", widget=_textarea(3))
    requesting_body = forms.ChoiceField(label="Requesting body", choices=RequestingBody.choices)
    frequency = forms.ChoiceField(label="Frequency", choices=Frequency.choices)
    organisations_affected = forms.IntegerField(
        label="Organisations affected",
        min_value=1,
        max_value=10_000,
        help_text="How many organisations would make the return.",
    )
    items = PublicIdMultipleChoiceField(
        None, label="Data items asked for", required=False, widget=forms.CheckboxSelectMultiple
    )
    new_items = forms.CharField(
        label="Data items not in the catalogue yet",
        required=False,
        widget=_textarea(3),
        help_text=NEW_ITEMS_HELP,
    )

    def __init__(self, *args, organisations, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["items"].queryset = items


class BurdenRoleForm(forms.Form):
    role = forms.CharField(label="Staff role", max_length=200)
    band = forms.ChoiceField(
        label="Agenda for Change band", choices=[c for c in Band.choices if c[0] not in ("vsm", "non_afc")]
    )
    minutes_per_return = forms.IntegerField(
        label="Estimated minutes per return", min_value=1, max_value=100_000
    )


class BurdenDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        choices=[c for c in BurdenAssessment.Status.choices if c[0] != "draft"],
    )
    approver_name = forms.CharField(
        label="Approved by",
        max_length=200,
        help_text="The name and post of the person who approved the decision.",
    )
    decided_on = UserDateField(label="Decided on")
    decision_notes = forms.CharField(label="Reasons", widget=_textarea(3))
    publish = forms.BooleanField(label="Publish it: readable across the NHS", required=False)


class PayBandRateForm(forms.Form):
    annual_midpoint = forms.DecimalField(
        label="Annual midpoint (£)", min_value=0.01, max_digits=9, decimal_places=2
    )
    confirmed = forms.BooleanField(label="Confirmed against the published pay scales", required=False)
    source = forms.CharField(label="Source", max_length=300, required=False)


class BoardPositionForm(forms.Form):
    person = PersonSearchField(None, label="Board member")
    kind = forms.ChoiceField(
        label="Position",
        choices=[c for c in BoardPosition.Kind.choices if c[0] != BoardPosition.Kind.VOLUNTEER_NED],
    )
    title = forms.CharField(label="Title", max_length=200)
    starts_on = UserDateField(label="Term starts")
    ends_on = UserDateField(label="Term ends", required=False)
    remuneration_per_year = forms.DecimalField(
        label="Remuneration a year (£)", min_value=0, max_digits=9, decimal_places=2, required=False
    )
    time_commitment = forms.CharField(
        label="Time commitment", max_length=200, required=False, help_text="For example, 3 days a month."
    )
    sector_of_origin = forms.ChoiceField(label="Sector of origin", choices=SectorBackground.choices)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class BoardPositionEditForm(BoardPositionForm):
    """The position form, less its holder; a volunteer position keeps its kind."""

    def __init__(self, *args, volunteer: bool, **kwargs):
        super().__init__(*args, people=None, **kwargs)
        del self.fields["person"]
        if volunteer:
            del self.fields["kind"]


class BoardTermEndForm(forms.Form):
    ends_on = UserDateField(label="Last day of the term")


RATING_CHOICES = [("", "Choose a rating"), *[(str(value), label) for value, label in Rating.choices]]


class BoardReviewForm(forms.Form):
    reviewed_on = UserDateField(label="Reviewed on")
    meetings_expected = forms.IntegerField(
        label="Board and committee meetings expected", min_value=0, max_value=32_767
    )
    meetings_attended = forms.IntegerField(label="Meetings attended", min_value=0, max_value=32_767)
    committees = forms.CharField(label="Committees", max_length=300, required=False)
    remuneration_review = forms.CharField(label="Remuneration review", widget=_textarea(3))
    findings = forms.CharField(label="Findings and objectives", widget=_textarea())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in CompetencyDomain.choices:
            self.fields[f"competence_{code}"] = forms.ChoiceField(
                label=f"Competence: {label}", choices=RATING_CHOICES
            )
        for code, label in WellLedTheme.choices:
            self.fields[f"well_led_{code}"] = forms.ChoiceField(
                label=f"Well-Led: {label}", choices=RATING_CHOICES
            )

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["competence"] = {code: data.pop(f"competence_{code}") for code in CompetencyDomain.values}
        data["well_led"] = {code: data.pop(f"well_led_{code}") for code in WellLedTheme.values}
        return data


class FitProperCheckForm(forms.Form):
    kind = forms.ChoiceField(label="Check", choices=FitProperCheck.Kind.choices)
    checked_on = UserDateField(label="Checked on")
    outcome = forms.ChoiceField(
        label="Outcome", choices=FitProperCheck.Outcome.choices, widget=forms.RadioSelect
    )
    evidence = forms.CharField(
        label="Evidence",
        widget=_textarea(3),
        help_text="What was seen: references, register searches, certificates.",
    )


class AttestationForm(forms.Form):
    statement = forms.CharField(
        label="Your statement",
        widget=_textarea(3),
        initial=(
            "I confirm that I remain a fit and proper person under the Fit and Proper Person Test framework: "
            "of good character, with the qualifications, competence and health the role needs, and with no "
            "serious misconduct or grounds of unfitness."
        ),
    )
    confirm = forms.BooleanField(label="I confirm this statement is true")


class VolunteerForm(forms.Form):
    first_name = forms.CharField(label="First name", max_length=100)
    last_name = forms.CharField(label="Last name", max_length=100)
    email = forms.EmailField(label="Email")
    sector_of_origin = forms.ChoiceField(
        label="Sector of origin",
        choices=[c for c in SectorBackground.choices if c[0] != SectorBackground.NHS],
    )
    current_role = forms.CharField(label="Current role", max_length=200)
    skills = forms.MultipleChoiceField(
        label="Skills against the board competency domains",
        choices=CompetencyDomain.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    consent_to_share = forms.BooleanField(
        label="They consent to trusts finding them in the volunteer pool", required=False
    )


class VolunteerSearchForm(forms.Form):
    skill = forms.ChoiceField(
        label="Skill", required=False, choices=[("", "Any skill"), *CompetencyDomain.choices]
    )
    sector = forms.ChoiceField(
        label="Sector of origin",
        required=False,
        choices=[("", "Any sector"), *[c for c in SectorBackground.choices if c[0] != SectorBackground.NHS]],
    )


class AppointForm(forms.Form):
    organisation = OrganisationChoiceField(None, label="Appoint to the board of", empty_label=None)
    title = forms.CharField(label="Title", max_length=200, initial="Volunteer non-executive director")
    starts_on = UserDateField(label="Term starts")
    ends_on = UserDateField(label="Term ends", required=False)
    time_commitment = forms.CharField(label="Time commitment", max_length=200, required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
