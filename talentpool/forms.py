"""Forms for the talent pool pages. Choices that hold records are built by the view from leadership.access."""

from django import forms

from leadership.dates import DateInput, UserDateField
from leadership.models import ManagementLevel, Organisation, Scale, SectorBackground
from leadership.person_search import PersonSearchField
from talentpool.models import (
    GRADUATE_BASELINE_MAX,
    INTAKE_YEARS,
    MINIMUM_TERM_MONTHS,
    GraduateCohort,
    GraduateTrainee,
    PoolMembership,
    Rating,
    Readiness,
    Secondment,
    TalentReview,
)


class PublicIdChoiceField(forms.ModelChoiceField):
    """Options carry public UUIDs, never database ids."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="public_id", **kwargs)


class PersonChoiceField(PersonSearchField):
    """Found by name or employee number among the people the view's access gives (no list of everyone)."""


class OrganisationChoiceField(forms.ModelChoiceField):
    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="ods_code", **kwargs)


def _textarea(rows: int = 4):
    return forms.Textarea(attrs={"rows": rows})


class NominateForm(forms.Form):
    pool = PublicIdChoiceField(None, label="Pool", empty_label="Choose a pool")
    person = PersonChoiceField(None, label="Person", empty_label="Choose a person")
    rationale = forms.CharField(
        label="Rationale",
        widget=_textarea(),
        help_text="Why this person belongs in the pool: strengths, track record, readiness.",
    )

    def __init__(self, *args, pools, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pool"].queryset = pools
        self.fields["person"].queryset = people


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label="Decision", widget=forms.RadioSelect)
    reason = forms.CharField(label="Reason", widget=_textarea(3), help_text="Recorded with your name.")

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(PoolMembership.Status.choices)
        self.fields["to_status"].choices = [(value, labels[value]) for value in choices]


class AnnualReviewForm(forms.Form):
    reason = forms.CharField(
        label="Review notes",
        widget=_textarea(3),
        help_text="Confirms the member stays in the pool for another year.",
    )


class ProfileForm(forms.Form):
    readiness = forms.ChoiceField(label="Readiness", choices=Readiness.choices, widget=forms.RadioSelect)
    mobility_regions = forms.ModelMultipleChoiceField(
        Organisation.objects.none(),
        label="Regions they would work in",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        to_field_name="ods_code",
    )
    aspirations = forms.CharField(label="Aspirations", required=False, widget=_textarea())
    qualifications = forms.CharField(
        label="Qualifications",
        required=False,
        widget=_textarea(3),
        help_text="Beyond those in training records.",
    )
    consent_to_share = forms.BooleanField(
        label="The member consents to be seen by HR admins of other organisations", required=False
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mobility_regions"].queryset = regions


class ShortlistForm(forms.Form):
    organisation = OrganisationChoiceField(None, label="Organisation with the vacancy", empty_label=None)
    vacancy = forms.CharField(label="Vacancy", max_length=200, help_text="The post title and reference.")
    reason = forms.CharField(label="Why this member", widget=_textarea(3))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class SearchForm(forms.Form):
    q = forms.CharField(label="Name, job title or aspiration", required=False, max_length=200)
    readiness = forms.ChoiceField(
        label="Readiness", required=False, choices=[("", "Any readiness"), *Readiness.choices]
    )
    region = OrganisationChoiceField(
        None, label="Would work in region", required=False, empty_label="Any region"
    )
    management_level = forms.ChoiceField(
        label="Management level", required=False, choices=[("", "Any level"), *ManagementLevel.choices]
    )
    sector_background = forms.ChoiceField(
        label="Sector background", required=False, choices=[("", "Any sector"), *SectorBackground.choices]
    )
    qualified = forms.BooleanField(label="Holds the accredited senior-manager qualification", required=False)
    competency = forms.ChoiceField(label="Competency", required=False)
    competency_level = forms.ChoiceField(
        label="Rated at least",
        required=False,
        choices=[("", "Any rating"), *((str(value), label) for value, label in Scale.choices)],
    )

    def __init__(self, *args, regions, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        self.fields["competency"].choices = [("", "Any competency"), *((c, c) for c in competencies)]


class TalentReviewForm(forms.Form):
    organisation = OrganisationChoiceField(None, label="Organisation", empty_label=None)
    title = forms.CharField(
        label="Title", max_length=200, help_text="For example 'Directorate talent review, spring 2025'."
    )
    held_on = UserDateField(label="Held on", widget=DateInput())

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class PlaceForm(forms.Form):
    """Select a person into a box of the 9-box grid: no script needed."""

    person = PersonChoiceField(None, label="Person", empty_label="Choose a person")
    performance = forms.TypedChoiceField(
        label="Performance",
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        choices=Rating.choices,
        help_text="Used only when the person has no appraisal: the latest appraisal band decides otherwise.",
    )
    potential = forms.TypedChoiceField(
        label="Potential",
        coerce=int,
        choices=Rating.choices,
        widget=forms.RadioSelect,
        help_text="As assessed in this review.",
    )
    notes = forms.CharField(label="Notes", required=False, widget=_textarea(3))
    agreed_actions = forms.CharField(
        label="Agreed actions",
        required=False,
        widget=_textarea(3),
        help_text="They go into the person's development plan when the review is decided.",
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class DecisionForm(forms.Form):
    decision = forms.CharField(
        label="Decision record",
        widget=_textarea(5),
        help_text="What the panel decided and why. The grid closes when you save.",
    )


class SuccessionPlanForm(forms.Form):
    organisation = OrganisationChoiceField(None, label="Organisation", empty_label=None)
    post = forms.CharField(label="Key post", max_length=200)
    holder = PersonChoiceField(
        None, label="Current holder", required=False, empty_label="Vacant or not listed"
    )
    notes = forms.CharField(label="Notes", required=False, widget=_textarea(3))

    def __init__(self, *args, organisations, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["holder"].queryset = people


class CandidateForm(forms.Form):
    person = PersonChoiceField(None, label="Candidate", empty_label="Choose a person")
    readiness = forms.ChoiceField(label="Readiness", choices=Readiness.choices, widget=forms.RadioSelect)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class CohortForm(forms.Form):
    intake_year = forms.IntegerField(
        label="Intake year", min_value=INTAKE_YEARS[0], max_value=INTAKE_YEARS[1]
    )
    pathway = forms.ChoiceField(label="Pathway", choices=GraduateCohort.Pathway.choices)


class BaselineForm(forms.Form):
    baseline_2015_intake = forms.IntegerField(
        label="Graduate scheme intake in 2015",
        min_value=1,
        max_value=GRADUATE_BASELINE_MAX,
        help_text="The target is ten times this number each year.",
    )


class TraineeForm(forms.Form):
    cohort = PublicIdChoiceField(GraduateCohort.objects.all(), label="Cohort", empty_label="Choose a cohort")
    person = PersonChoiceField(None, label="Trainee", empty_label="Choose a person")

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class PlacementForm(forms.Form):
    host = OrganisationChoiceField(None, label="Host organisation", empty_label="Choose an organisation")
    starts_on = UserDateField(label="Starts on", widget=DateInput())
    ends_on = UserDateField(label="Ends on", widget=DateInput())
    supervisor = forms.CharField(label="Supervisor", max_length=200)

    def __init__(self, *args, hosts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = hosts


class PlacementReviewForm(forms.Form):
    placement = PublicIdChoiceField(None, label="Placement", empty_label=None)
    review = forms.CharField(label="Placement review", widget=_textarea(3))

    def __init__(self, *args, placements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placement"].queryset = placements


class ProgressForm(forms.Form):
    scheme_year = forms.TypedChoiceField(
        label="Year of the scheme", coerce=int, choices=[(1, "Year 1"), (2, "Year 2"), (3, "Year 3")]
    )
    quality_gate_passed = forms.BooleanField(label="Quality gate passed", required=False)
    assessment_gate_passed = forms.BooleanField(label="Assessment gate passed", required=False)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Guaranteed post",
        widget=forms.RadioSelect,
        choices=[c for c in GraduateTrainee.Outcome.choices if c[0] != GraduateTrainee.Outcome.PENDING],
    )
    organisation = OrganisationChoiceField(
        None, label="Organisation offering the post", required=False, empty_label="Not applicable"
    )
    post = forms.CharField(label="Post", max_length=200, required=False)

    def __init__(self, *args, hosts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = hosts


class SecondmentForm(forms.Form):
    person = PersonChoiceField(None, label="Person", empty_label="Choose a person")
    direction = forms.ChoiceField(
        label="Direction", choices=Secondment.Direction.choices, widget=forms.RadioSelect
    )
    external_sector = forms.ChoiceField(
        label="External sector", choices=Secondment._meta.get_field("external_sector").choices
    )
    external_organisation = forms.CharField(label="External organisation", max_length=200)
    starts_on = UserDateField(label="Starts on", widget=DateInput())
    ends_on = UserDateField(label="Ends on", widget=DateInput())
    purpose = forms.CharField(label="Purpose", widget=_textarea(3))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class SecondmentOutcomeForm(forms.Form):
    outcome = forms.CharField(label="Outcome", widget=_textarea(3))


class ContractForm(forms.Form):
    organisation = OrganisationChoiceField(
        Organisation.objects.all(), label="Organisation ODS code", widget=forms.TextInput
    )
    employee_number = forms.CharField(label="Employee number", max_length=30)
    post = forms.CharField(label="Post", max_length=200)
    starts_on = UserDateField(label="Contract starts on", widget=DateInput())
    minimum_term_months = forms.IntegerField(
        label="Minimum term (months)", min_value=MINIMUM_TERM_MONTHS[0], max_value=MINIMUM_TERM_MONTHS[1]
    )
    next_assessment_due = UserDateField(label="Next assessment due", widget=DateInput())
    next_appraisal_due = UserDateField(label="Next appraisal due", required=False, widget=DateInput())
    notes = forms.CharField(label="Notes", required=False, widget=_textarea(3))

    def clean(self):
        data = super().clean()
        organisation, number = data.get("organisation"), data.get("employee_number")
        if organisation and number:
            person = organisation.people.filter(employee_number=number).first()
            if person is None:
                raise forms.ValidationError("Nobody at that organisation has that employee number.")
            data["person"] = person
        return data


class AssessedForm(forms.Form):
    assessed_on = UserDateField(label="Assessed on", widget=DateInput())
    next_assessment_due = UserDateField(label="Next assessment due", widget=DateInput())


class PoolForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label="Organisation", empty_label=None)
    name = forms.CharField(label="Name", max_length=200)
    description = forms.CharField(label="What the pool is for", required=False, widget=forms.Textarea,
                                  max_length=2000)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class PoolEditForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200)
    description = forms.CharField(label="What the pool is for", required=False, widget=forms.Textarea,
                                  max_length=2000)


class ConfirmWithReasonForm(forms.Form):
    """A destructive action's confirmation page: the reason kept on record, and a deliberate yes."""

    reason = forms.CharField(label="Reason", widget=_textarea(3), max_length=2000,
                             help_text="Recorded with your name.")
    confirm = forms.BooleanField(label="Yes, I am sure", error_messages={"required": "Confirm to continue"})


class ReadinessForm(forms.Form):
    readiness = forms.ChoiceField(label="Readiness", choices=Readiness.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label="Why it changed", widget=_textarea(3), max_length=2000)


class SecondmentEditForm(SecondmentForm):
    """The terms of a secondment; the person stays the same."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, people=None, **kwargs)
        del self.fields["person"]


class ContractEditForm(forms.Form):
    post = forms.CharField(label="Post", max_length=200)
    starts_on = UserDateField(label="Contract starts on", widget=DateInput())
    minimum_term_months = forms.IntegerField(
        label="Minimum term (months)", min_value=MINIMUM_TERM_MONTHS[0], max_value=MINIMUM_TERM_MONTHS[1]
    )
    next_assessment_due = UserDateField(label="Next assessment due", widget=DateInput())
    next_appraisal_due = UserDateField(label="Next appraisal due", required=False, widget=DateInput())
    notes = forms.CharField(label="Notes", required=False, widget=_textarea(3))


class ContractExtendForm(forms.Form):
    months = forms.IntegerField(label="Extend the minimum term by (months)", min_value=1,
                                max_value=MINIMUM_TERM_MONTHS[1])
    reason = forms.CharField(label="Reason", widget=_textarea(3), max_length=2000)


class ContractEndForm(ConfirmWithReasonForm):
    ends_on = UserDateField(label="Contract ends on", widget=DateInput())
    field_order = ["ends_on", "reason", "confirm"]


class PoolExceptionForm(forms.Form):
    reason = forms.CharField(
        label="Why this person may join without the qualification", widget=_textarea(4), max_length=2000,
        help_text="Recorded with your name. For example, an equivalent qualification gained abroad.")


class ExternalRecruitForm(forms.Form):
    sector_background = forms.ChoiceField(label="Recruited from", choices=SectorBackground.choices,
                                          widget=forms.RadioSelect)


def _blank(choices, label):
    return [("", label), *choices]


class ReviewFilterForm(forms.Form):
    q = forms.CharField(label="Title", required=False, max_length=200)
    status = forms.ChoiceField(label="Status", required=False,
                               choices=_blank(TalentReview.Status.choices, "Any status"))


class SuccessionFilterForm(forms.Form):
    q = forms.CharField(label="Post or holder", required=False, max_length=200)
    no_ready_now = forms.BooleanField(label="Only posts with nobody ready now", required=False)


SECONDMENT_STATES = [("upcoming", "Not started"), ("current", "Under way"), ("finished", "Finished"),
                     ("cancelled", "Cancelled")]


class SecondmentFilterForm(forms.Form):
    q = forms.CharField(label="Name or external organisation", required=False, max_length=200)
    direction = forms.ChoiceField(label="Direction", required=False,
                                  choices=_blank(Secondment.Direction.choices, "Either direction"))
    external_sector = forms.ChoiceField(
        label="External sector", required=False,
        choices=_blank(Secondment._meta.get_field("external_sector").choices, "Any sector"))
    state = forms.ChoiceField(label="State", required=False, choices=_blank(SECONDMENT_STATES, "Any state"))


CONTRACT_STATES = [("running", "Running"), ("assessment_overdue", "Assessment overdue"),
                   ("term_ending", "Minimum term ends within 6 months"), ("ended", "Ended")]


class ContractFilterForm(forms.Form):
    q = forms.CharField(label="Name, post or organisation", required=False, max_length=200)
    state = forms.ChoiceField(label="State", required=False, choices=_blank(CONTRACT_STATES, "Any state"))


class TraineeFilterForm(forms.Form):
    q = forms.CharField(label="Name", required=False, max_length=200)
    cohort = PublicIdChoiceField(GraduateCohort.objects.all(), label="Cohort", required=False,
                                 empty_label="Any cohort")
    scheme_year = forms.TypedChoiceField(
        label="Year of the scheme", required=False, coerce=int, empty_value=None,
        choices=[("", "Any year"), (1, "Year 1"), (2, "Year 2"), (3, "Year 3")])
    outcome = forms.ChoiceField(label="Guaranteed post", required=False,
                                choices=_blank(GraduateTrainee.Outcome.choices, "Any outcome"))


class CohortFilterForm(forms.Form):
    intake_year = forms.IntegerField(label="Intake year", required=False, min_value=INTAKE_YEARS[0],
                                     max_value=INTAKE_YEARS[1])
    pathway = forms.ChoiceField(label="Pathway", required=False,
                                choices=_blank(GraduateCohort.Pathway.choices, "Any pathway"))
