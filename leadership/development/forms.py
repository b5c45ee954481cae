import uuid

from django import forms
from django.core.validators import validate_email

from leadership.dates import UserDateField
from leadership.models import (
    FRAMEWORK_LEVELS,
    Action,
    DevelopmentNeed,
    ManagementLevel,
    RaterInvitation,
    Scale,
)

SCALE_CHOICES = [(str(value), f"{value} – {label}") for value, label in Scale.choices]


class LevelForm(forms.Form):
    level = forms.ChoiceField(
        label="Management level",
        choices=[(level.value, level.label) for level in FRAMEWORK_LEVELS],
        required=False,
    )


class RatingForm(forms.Form):
    """One rating (and, unless anonymous, evidence) per competency."""

    def __init__(self, *args, competencies, current=None, with_evidence=True, with_submit=True, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        self.competencies = list(competencies)
        for competency in self.competencies:
            level, evidence = current.get(competency.id, (None, ""))
            self.fields[f"rating_{competency.id}"] = forms.ChoiceField(
                label=f"Your rating for {competency.name}",
                choices=SCALE_CHOICES,
                widget=forms.RadioSelect,
                initial=str(int(level)) if level is not None else None,
                # A self or line-manager round can be saved part-done; raters answer everything.
                required=not with_submit,
                error_messages={"required": f"Choose a rating for {competency.name}"},
            )
            if with_evidence:
                self.fields[f"evidence_{competency.id}"] = forms.CharField(
                    label=f"Evidence for {competency.name} (optional)",
                    required=False,
                    initial=evidence,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    max_length=4000,
                )
        if with_submit:
            # Set by the "Submit" button; the "Save and finish later" button leaves it out. Whether
            # every competency is rated is the service's rule (services.assessment_save).
            self.fields["submit"] = forms.BooleanField(label="Submit", required=False)

    def rows(self):
        return [
            (
                c,
                self[f"rating_{c.id}"],
                self[f"evidence_{c.id}"] if f"evidence_{c.id}" in self.fields else None,
            )
            for c in self.competencies
        ]

    def ratings(self) -> dict[int, tuple[int, str]]:
        """The competencies rated on this form (a part-done save leaves some out)."""
        data = self.cleaned_data
        return {
            c.id: (int(data[f"rating_{c.id}"]), data.get(f"evidence_{c.id}", ""))
            for c in self.competencies if data.get(f"rating_{c.id}")
        }


class RaterSearchForm(forms.Form):
    q = forms.CharField(
        label="Find a rater",
        help_text=(
            "A colleague in your organisation by name, or anyone on the NHS staff record by their "
            "exact work email. An email that is not on the staff record needs your line manager's approval."
        ),
        max_length=254,
        required=False,
    )


class RaterField(forms.ChoiceField):
    """A search result: "p:<public id>" (found by name) or "e:<email>" (found by exact email).

    Any well-formed value is accepted here; the view checks a person is within the picker's reach
    (404 if not) and the service applies the rules (form errors)."""

    def valid_value(self, value):
        return True

    def clean(self, value):
        value = super().clean(value)
        kind, _, rest = value.partition(":")
        if kind == "p":
            try:
                return ("person", uuid.UUID(rest))
            except ValueError:
                raise forms.ValidationError("Choose who to invite") from None
        if kind == "e":
            try:
                validate_email(rest)
            except forms.ValidationError:
                raise forms.ValidationError("Choose who to invite") from None
            return ("email", rest)
        raise forms.ValidationError("Choose who to invite")


class RaterInviteForm(forms.Form):
    q = forms.CharField(widget=forms.HiddenInput, required=False, max_length=254, label="Search")
    rater = RaterField(
        label="Who to invite",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who to invite"},
    )
    relationship = forms.ChoiceField(
        label="How they work with you",
        choices=RaterInvitation.Relationship.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how they work with you"},
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rater"].choices = list(choices)


class RaterApprovalForm(forms.Form):
    invitation = forms.UUIDField(widget=forms.HiddenInput, label="Invitation")
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("decline", "Decline")], widget=forms.HiddenInput, label="Decision"
    )


class NeedForm(forms.Form):
    competency = forms.ChoiceField(label="Competency (optional)", required=False)
    description = forms.CharField(
        label="What do you need to develop?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Describe the development need"},
    )

    def __init__(self, *args, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.competency_map = {c.code: c for c in competencies}
        self.fields["competency"].choices = [("", "Not linked to a competency")] + [
            (c.code, c.name) for c in competencies
        ]

    def clean_competency(self):
        return self.competency_map.get(self.cleaned_data["competency"])


class CycleStartForm(forms.Form):
    focus = forms.CharField(
        label="Focus of this 90-day cycle",
        max_length=300,
        error_messages={"required": "Enter the focus of the cycle"},
    )
    starts_on = UserDateField(
        label="Start date",
    )


class ActionForm(forms.Form):
    title = forms.CharField(label="Action", max_length=300, error_messages={"required": "Enter the action"})
    due_on = UserDateField(
        label="Due date",
    )
    need = forms.ChoiceField(label="Development need (optional)", required=False)
    course_id = forms.TypedChoiceField(
        label="Course (optional)", required=False, widget=forms.RadioSelect, coerce=uuid.UUID,
        empty_value=None, error_messages={"invalid_choice": "Choose a course from the search results"},
    )
    objective_id = forms.UUIDField(
        label="Appraisal objective id (optional)",
        required=False,
        error_messages={"invalid": "Enter an objective id in UUID form"},
    )

    def __init__(self, *args, needs, course_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        set_course_choices(self, course_choices)
        self.need_map = {str(n.public_id): n for n in needs}
        self.fields["need"].choices = [("", "Not linked to a need")] + [
            (str(n.public_id), n.description[:80]) for n in needs
        ]

    def clean_need(self):
        return self.need_map.get(self.cleaned_data["need"])


class ActionUpdateForm(forms.Form):
    title = forms.CharField(label="Action", max_length=300, error_messages={"required": "Enter the action"})
    due_on = UserDateField(
        label="Due date",
    )
    status = forms.ChoiceField(label="Status", choices=Action.Status.choices, widget=forms.RadioSelect)
    course_id = ActionForm.base_fields["course_id"]

    def __init__(self, *args, course_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        set_course_choices(self, course_choices)


def set_course_choices(form, course_choices) -> None:
    """The course radios: "no course", then the catalogue search's results (and the current course)."""
    form.fields["course_id"].choices = [("", "No course")] + [
        (str(choice.public_id), choice.label) for choice in course_choices
    ]


class CourseSearchForm(forms.Form):
    course_q = forms.CharField(
        label="Find a course in the training catalogue", max_length=100, required=False,
        help_text="Part of the course's title or its provider's name, for example \"coaching\".",
    )


class NeedStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="What happened to this need?", widget=forms.RadioSelect,
        choices=[(DevelopmentNeed.Status.MET, "Met: it has been developed"),
                 (DevelopmentNeed.Status.CARRIED_OVER, "Carried over: keep working on it in the next period"),
                 (DevelopmentNeed.Status.DROPPED, "Dropped: no longer needed"),
                 (DevelopmentNeed.Status.OPEN, "Open: still being worked on")],
        error_messages={"required": "Choose what happened to the need"},
    )
    note = forms.CharField(
        label="Note", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000, required=False,
        help_text="What was done, or why it was dropped or carried over. Needed unless the need is open.",
    )


class AspirationForm(forms.Form):
    aspiration = forms.CharField(
        label="Career aspiration", widget=forms.Textarea(attrs={"rows": 5}), max_length=4000,
        required=False,
        help_text="Where you want your career to go in the next few years, for example the role you "
                  "are working towards.",
    )


class CheckInForm(forms.Form):
    progress = forms.CharField(
        label="Progress since the last check-in",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "Describe your progress"},
    )


class CommentForm(forms.Form):
    comment = forms.CharField(
        label="Your comment as line manager",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter your comment"},
    )


class ReviewForm(forms.Form):
    summary = forms.CharField(
        label="What did this cycle achieve?",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "Summarise the cycle"},
    )
    next_focus = forms.CharField(
        label="Focus of the next cycle",
        max_length=300,
        error_messages={"required": "Enter the focus of the next cycle"},
    )


class CompetencyForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200)
    description = forms.CharField(label="Description", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for level in FRAMEWORK_LEVELS:
            self.fields[f"expected_{level.value}"] = forms.ChoiceField(
                label=f"Expected level: {level.label}", choices=SCALE_CHOICES
            )
            self.fields[f"behaviour_{level.value}"] = forms.CharField(
                label=f"Expected behaviour: {level.label}", widget=forms.Textarea(attrs={"rows": 2})
            )

    def behaviours(self) -> dict[str, tuple[int, str]]:
        return {
            level.value: (
                int(self.cleaned_data[f"expected_{level.value}"]),
                self.cleaned_data[f"behaviour_{level.value}"],
            )
            for level in FRAMEWORK_LEVELS
        }


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label="Yes, I am sure", error_messages={"required": "Confirm to continue"})


MANAGEMENT_LEVEL_LABELS = dict(ManagementLevel.choices)
