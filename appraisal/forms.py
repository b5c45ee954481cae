"""Forms of the appraisal pages. The step form is built for the step and the objectives in hand."""

from django import forms
from django.utils.html import format_html

from appraisal.models import BAND_LABELS, DEFAULT_PERSPECTIVES, Appraisal, AppraisalState
from appraisal.selectors import COMPETENCY_SCALE, competencies_for_level
from leadership.dates import DateInput, UserDateField
from leadership.models import ManagementLevel
from leadership.person_search import PersonSearchField

RATINGS = [
    ("", "Choose a rating"),
    ("4", "4 - Exceeds"),
    ("3", "3 - Meets"),
    ("2", "2 - Partly meets"),
    ("1", "1 - Does not meet"),
]
COMPETENCY_RATINGS = [("", "Choose a rating")] + [
    (str(k), f"{k} - {v}") for k, v in reversed(COMPETENCY_SCALE.items())
]
MAX_PERSPECTIVES = 6


class CycleForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="For example 2026/27.")
    opens_on = UserDateField(widget=DateInput, label="Opens on")
    closes_on = UserDateField(
        widget=DateInput,
        label="Closes on",
        required=False,
        help_text="Leave empty for a year from the opening date.",
    )


class StartForm(forms.Form):
    appraisee = PersonSearchField()
    appraiser = PersonSearchField(
        required=False,
        help_text="Leave empty for the appraisee's line manager.",
    )
    countersigner = PersonSearchField(
        required=False,
        label="Countersigning manager",
        help_text="Senior levels only; empty for the appraiser's line manager.",
    )
    directorate = forms.CharField(max_length=100, required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("appraisee", "appraiser", "countersigner"):
            self.fields[name].queryset = people


class ReassignForm(forms.Form):
    appraiser = PersonSearchField()

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appraiser"].queryset = people


class ObjectiveForm(forms.Form):
    perspective = forms.ModelChoiceField(queryset=None)
    title = forms.CharField(max_length=300, label="Objective")
    measure = forms.CharField(max_length=300, help_text="How achievement will be measured.")
    target = forms.CharField(max_length=200)
    weight = forms.IntegerField(
        min_value=1,
        max_value=100,
        initial=100,
        help_text="Share of the perspective, in per cent: a perspective's objectives add up to 100.",
    )

    def __init__(self, *args, appraisal: Appraisal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perspective"].queryset = appraisal.template.perspectives.all()


class ObjectiveRemoveForm(forms.Form):
    """Nothing to fill in: the button confirms the removal."""


class AddendumForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea,
        label="Addendum",
        help_text="The signed-off appraisal does not change; the addendum is shown with it.",
    )


class TemplateForm(forms.Form):
    name = forms.CharField(max_length=200)
    levels = forms.MultipleChoiceField(
        choices=[
            (v, label)
            for v, label in ManagementLevel.choices
            if v in (ManagementLevel.NONE, ManagementLevel.FIRST_LINE, ManagementLevel.MIDDLE)
        ],
        widget=forms.CheckboxSelectMultiple,
        label="Management levels",
    )
    competency_ratings = forms.BooleanField(required=False, initial=True, label="Rate competencies")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(MAX_PERSPECTIVES):
            default = DEFAULT_PERSPECTIVES[i] if i < len(DEFAULT_PERSPECTIVES) else ""
            self.fields[f"perspective_{i}"] = forms.CharField(
                max_length=100, required=False, label=f"Perspective {i + 1}", initial=default
            )
            self.fields[f"weight_{i}"] = forms.IntegerField(
                required=False,
                min_value=1,
                max_value=100,
                label=f"Weight of perspective {i + 1}",
                initial=25 if default else None,
            )

    def perspectives(self) -> list[tuple[str, int]]:
        rows = []
        for i in range(MAX_PERSPECTIVES):
            name, weight = self.cleaned_data.get(f"perspective_{i}"), self.cleaned_data.get(f"weight_{i}")
            if name or weight:
                rows.append((name or "", weight or 0))
        return rows


class TemplateRevisionForm(TemplateForm):
    """A template's next version: its name, perspectives and weights; the levels stay as they are."""

    def __init__(self, *args, template, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["levels"]
        self.fields["name"].initial = template.name
        self.fields["competency_ratings"].initial = template.competency_ratings
        perspectives = list(template.perspectives.all())
        for i in range(MAX_PERSPECTIVES):
            given = perspectives[i] if i < len(perspectives) else None
            self.fields[f"perspective_{i}"].initial = given.name if given else ""
            self.fields[f"weight_{i}"].initial = given.weight if given else None


class CalibrationReviewForm(forms.Form):
    held_on = UserDateField(widget=DateInput, label="Held on")
    notes = forms.CharField(widget=forms.Textarea, required=False)


class CalibrationChangeForm(forms.Form):
    band = forms.ChoiceField(choices=[(b, b) for b in BAND_LABELS], label="Agreed band")
    reason = forms.CharField(widget=forms.Textarea, help_text="Recorded in the audit trail.")


class MeasureForm(forms.Form):
    perspective = forms.ChoiceField(choices=[(p, p) for p in DEFAULT_PERSPECTIVES])
    name = forms.CharField(max_length=200, label="Measure")
    target = forms.DecimalField(max_digits=12, decimal_places=2)
    actual = forms.DecimalField(max_digits=12, decimal_places=2, required=False)
    higher_is_better = forms.BooleanField(required=False, initial=True, label="Higher is better")


def step_form(step: str, appraisal: Appraisal, data=None) -> forms.Form:
    """The form for the step the actor may take now (fields named after objectives' public ids)."""
    form = forms.Form(data)
    objectives = list(appraisal.objectives.select_related("perspective"))
    if step == "self_review":
        for o in objectives:
            form.fields[f"actual_{o.public_id}"] = forms.CharField(
                max_length=200, label=f"Actual: {o.title}", initial=o.actual,
                help_text=format_html("Target: {}", o.target),  # the target is typed by the appraisee
            )
        form.fields["self_review"] = forms.CharField(widget=forms.Textarea, label="Your self-review")
    elif step == "appraiser_review":
        for o in objectives:
            form.fields[f"rating_{o.public_id}"] = forms.ChoiceField(
                choices=RATINGS,
                label=f"Rating: {o.title}",
                # The target, actual and perspective are typed by users: format_html escapes each of them.
                help_text=format_html("{}. Target {}; actual {}.", o.perspective.name, o.target, o.actual),
            )
        if appraisal.template.competency_ratings:
            for code, name in competencies_for_level(appraisal.level):
                form.fields[f"competency_{code}"] = forms.ChoiceField(
                    choices=COMPETENCY_RATINGS, label=f"Competency: {name}"
                )
        form.fields["appraiser_review"] = forms.CharField(widget=forms.Textarea, label="Your review")
    elif step == "meeting":
        form.fields["meeting_on"] = UserDateField(widget=DateInput, label="Meeting date")
        form.fields["meeting_notes"] = forms.CharField(widget=forms.Textarea, required=False, label="Notes")
        codes = [("", "No particular competency")] + competencies_for_level(appraisal.level)
        for i in range(3):
            form.fields[f"need_{i}"] = forms.CharField(
                max_length=500, required=False, label=f"Development need {i + 1}"
            )
            form.fields[f"need_code_{i}"] = forms.ChoiceField(
                choices=codes, required=False, label=f"Competency for need {i + 1}"
            )
    return form


class ReportStartForm(forms.Form):
    """A line manager starts a report's appraisal: only the cycle to choose; they are the appraiser."""

    cycle = forms.ModelChoiceField(queryset=None, to_field_name="public_id", empty_label=None,
                                   label="Appraisal cycle", widget=forms.RadioSelect)

    def __init__(self, *args, cycles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = cycles


class AppraiserExceptionForm(forms.Form):
    reason = forms.CharField(
        label="Why may this person appraise without the appraisal-skills course?",
        help_text="Recorded in the audit trail with your name.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CycleFilterForm(forms.Form):
    state = forms.ChoiceField(label="Stage", required=False,
                              choices=[("", "Every stage"), *AppraisalState.choices])


class TargetForm(forms.Form):
    target = forms.DecimalField(max_digits=12, decimal_places=2, min_value=0,
                                help_text="For a rate, a percentage: 90 for 90%.")
