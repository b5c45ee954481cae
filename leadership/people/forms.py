from django import forms

from leadership import leavers
from leadership.dates import DateInput, UserDateField
from leadership.models import Person
from leadership.people_import import IMPORTED_FIELDS
from leadership.person_search import PersonSearchField

EDITABLE_FIELDS = (
    "employee_number", "first_name", "last_name", "work_email", "job_title", "line_manager",
    "management_level", "band", "staff_group", "professional_registration", "sector_background",
    "commissioner_roles",
)
FROM_ESR = "From ESR: the next staff import overwrites it."


class PersonForm(forms.ModelForm):
    """A person's details. Fields the ESR import owns say so; the service checks every rule again."""

    line_manager = PersonSearchField(required=False, label="Line manager")

    class Meta:
        model = Person
        fields = EDITABLE_FIELDS
        widgets = {"commissioner_roles": forms.CheckboxSelectMultiple}

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line_manager"].queryset = colleagues  # the same organisation's active people
        self.fields["line_manager"].help_text = "Someone in the same organisation. " + FROM_ESR
        roles = Person._meta.get_field("commissioner_roles")
        self.fields["commissioner_roles"] = forms.MultipleChoiceField(
            label=roles.verbose_name.capitalize() if roles.verbose_name[0].islower() else roles.verbose_name,
            required=False, widget=forms.CheckboxSelectMultiple, choices=roles.base_field.choices)
        for name in IMPORTED_FIELDS:
            if name in self.fields:
                self.fields[name].help_text = " ".join(filter(None, [self.fields[name].help_text, FROM_ESR]))
        self.fields["employee_number"].help_text = "The ESR employee number: imports find the person by it."

    def _post_clean(self):
        """Rules are the service's (leadership.services): it answers with errors on the right fields."""


class LeaverForm(forms.Form):
    """The leaving itself, then one choice of successor per direct report and per handed-over duty."""

    last_day = UserDateField(label="Last day", widget=DateInput, help_text="Their last working day.")
    reason = forms.CharField(label="Reason for leaving", max_length=500,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="Recorded on their closed cycles, lapsed pool memberships and "
                                       "withdrawn appraisals.")

    def __init__(self, *args, person, reports, handovers, successors, **kwargs):
        super().__init__(*args, **kwargs)
        self.reports, self.handovers = list(reports), list(handovers)
        stays = person.line_manager if person.line_manager and person.line_manager.active else None
        for report in self.reports:
            self.fields[leavers.line_manager_key(report)] = forms.ModelChoiceField(
                queryset=successors, required=False, empty_label="No line manager", initial=stays,
                label=f"New line manager for {report.full_name}")
        for item in self.handovers:
            self.fields[item.key] = forms.ModelChoiceField(
                queryset=successors, empty_label="Choose someone", initial=item.initial, label=item.label,
                error_messages={"required": "Choose who takes this over."})

    def report_fields(self):
        return [self[leavers.line_manager_key(report)] for report in self.reports]

    def handover_sections(self) -> dict[str, list]:
        sections: dict[str, list] = {}
        for item in self.handovers:
            sections.setdefault(item.section, []).append(self[item.key])
        return sections

    def choices(self) -> dict:
        """The cleaned data as the service takes it."""
        data = self.cleaned_data
        return {
            "last_day": data["last_day"], "reason": data["reason"],
            "new_line_managers": {r.public_id: data.get(leavers.line_manager_key(r)) for r in self.reports},
            "handovers": {item.key: data.get(item.key) for item in self.handovers},
        }
