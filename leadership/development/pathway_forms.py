"""Forms for career pathways, their steps, and the framework's competencies (added, moved, local)."""

from django import forms

from leadership.development.forms import CompetencyForm
from leadership.models import FRAMEWORK_LEVELS, Competency
from leadership.validators import validate_plain_text


class PathwayFilterForm(forms.Form):
    q = forms.CharField(label="Name", required=False, max_length=200)
    owner = forms.ChoiceField(label="Kept by", required=False, choices=[
        ("", "Everyone's"), ("national", "National"), ("local", "An organisation's own")])


class PathwayForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200, validators=[validate_plain_text])
    description = forms.CharField(label="Description", required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        if owners is not None:  # an HR admin chooses which of their organisations keeps it
            self.fields["organisation"] = forms.ModelChoiceField(
                label="Organisation", queryset=owners, empty_label=None,
                error_messages={"invalid_choice": "Choose one of your organisations"})


class StepForm(forms.Form):
    title = forms.CharField(label="Role", max_length=200, help_text="For example, Matron.",
                            validators=[validate_plain_text])
    management_level = forms.ChoiceField(label="Management level",
                                         choices=[(level.value, level.label) for level in FRAMEWORK_LEVELS])
    competency_codes = forms.MultipleChoiceField(
        label="Competencies this step needs", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked to need every competency of the step's level, at the level the "
                  "framework expects.")

    def __init__(self, *args, competencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency_codes"].choices = [(c.code, c.name) for c in competencies]


class NewCompetencyForm(CompetencyForm):
    group = forms.ChoiceField(label="Group", widget=forms.RadioSelect, choices=[
        (Competency.Group.HLM.value, Competency.Group.HLM.label),
        (Competency.Group.BASICS.value, Competency.Group.BASICS.label)])

    field_order = ["name", "description", "group"]


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])
