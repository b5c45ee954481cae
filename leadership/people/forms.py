from django import forms

from leadership.models import Person
from leadership.people_import import IMPORTED_FIELDS

EDITABLE_FIELDS = (
    "employee_number", "first_name", "last_name", "work_email", "job_title", "line_manager",
    "management_level", "band", "staff_group", "professional_registration", "sector_background",
    "commissioner_roles",
)
FROM_ESR = "From ESR: the next staff import overwrites it."


class PersonForm(forms.ModelForm):
    """A person's details. Fields the ESR import owns say so; the service checks every rule again."""

    class Meta:
        model = Person
        fields = EDITABLE_FIELDS
        widgets = {"commissioner_roles": forms.CheckboxSelectMultiple}

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line_manager"].queryset = colleagues
        self.fields["line_manager"].empty_label = "No line manager"
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
