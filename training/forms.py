from django import forms

from leadership.dates import DateInput, UserDateField
from leadership.forms import CsvUploadForm
from leadership.models import ManagementLevel
from training.models import (
    COMPETENCY_LABELS,
    MANAGER_LEVELS,
    Course,
    CourseRun,
    Mode,
    Provider,
    Topic,
    TrainingRecord,
)
from training.services import certificate_check

LEVEL_CHOICES = [(value, label) for value, label in ManagementLevel.choices if value in MANAGER_LEVELS]
COMPETENCY_CHOICES = list(COMPETENCY_LABELS.items())
SCORE_CHOICES = [
    (str(n), f"{n} – {label}")
    for n, label in ((1, "very poor"), (2, "poor"), (3, "fair"), (4, "good"), (5, "very good"))
]


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label="Search courses", required=False, max_length=100)
    topic = forms.ChoiceField(label="Topic", required=False, choices=[("", "Any topic"), *Topic.choices])
    level = forms.ChoiceField(
        label="Management level", required=False, choices=[("", "Any level"), *LEVEL_CHOICES]
    )
    competency = forms.ChoiceField(
        label="Competency", required=False, choices=[("", "Any competency"), *COMPETENCY_CHOICES]
    )
    mode = forms.ChoiceField(
        label="How it is taught", required=False, choices=[("", "Any way"), *Mode.choices]
    )
    provider = forms.ChoiceField(label="Provider", required=False)
    accredited_only = forms.BooleanField(label="Only accredited providers", required=False)

    def __init__(self, *args, providers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = [
            ("", "Any provider"),
            *((str(p.public_id), p.name) for p in providers),
        ]


class EnrolmentRequestForm(forms.Form):
    person = forms.ChoiceField(label="Who is the place for?", widget=forms.RadioSelect)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(str(p.public_id), p.full_name) for p in people]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        widget=forms.RadioSelect,
        choices=[("approve", "Approve the request"), ("decline", "Decline the request")],
    )
    reason = forms.CharField(
        label="Reason (needed to decline)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not data.get("reason", "").strip():
            self.add_error("reason", "Give a reason for declining.")
        return data


class ProviderForm(forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https")

    class Meta:
        model = Provider
        field_classes = {"accredited_from": UserDateField, "accredited_until": UserDateField}
        fields = [
            "name",
            "kind",
            "website",
            "accreditation_status",
            "accrediting_body",
            "accredited_from",
            "accredited_until",
        ]
        widgets = {"accredited_from": DateInput(), "accredited_until": DateInput()}


class CourseForm(forms.ModelForm):
    topics = forms.MultipleChoiceField(
        choices=Topic.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    levels = forms.MultipleChoiceField(
        label="Management levels", choices=LEVEL_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )
    competency_codes = forms.MultipleChoiceField(
        label="Competencies it develops",
        choices=COMPETENCY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Course
        fields = [
            "code",
            "provider",
            "title",
            "summary",
            "topics",
            "levels",
            "cross_functional",
            "mode",
            "hours",
            "cost",
            "competency_codes",
            "qualification",
            "senior_qualification",
            "active",
        ]


class RunForm(forms.ModelForm):
    class Meta:
        model = CourseRun
        fields = ["starts_on", "ends_on", "place", "capacity"]
        field_classes = {"starts_on": UserDateField, "ends_on": UserDateField}
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}


class RunCancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is the run cancelled?",
        help_text="The people with a place, a request or a waiting-list entry are told this.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CertificateField(forms.FileField):
    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload is not initial:
            certificate_check(upload)  # raises ValidationError for the wrong type or size
        return upload


class RecordForm(forms.Form):
    course = forms.ModelChoiceField(
        label="Course in the catalogue",
        required=False,
        queryset=Course.objects.none(),
        help_text="Leave empty for training outside the catalogue.",
    )
    title = forms.CharField(label="Title of external training", required=False, max_length=200)
    provider_name = forms.CharField(label="Provider of external training", required=False, max_length=200)
    status = forms.ChoiceField(
        label="Outcome", choices=TrainingRecord.Status.choices, widget=forms.RadioSelect
    )
    on = UserDateField(label="Date", widget=DateInput(), help_text="The day it ended.")
    hours = forms.DecimalField(
        label="Hours",
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=1,
        help_text="Leave empty to use the course's hours.",
    )
    certificate = CertificateField(label="Certificate (PDF, PNG or JPG, up to 5 MB)", required=False)

    def __init__(self, *args, courses=None, **kwargs):
        super().__init__(*args, **kwargs)
        if courses is not None:
            self.fields["course"].queryset = courses
        self.fields["certificate"].widget.attrs["accept"] = ".pdf,.png,.jpg,.jpeg"

    def clean(self):
        data = super().clean()
        if not data.get("course") and not data.get("title"):
            self.add_error("title", "Choose a course, or give the title of the external training.")
        return data


class RecordUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label="Outcome", choices=TrainingRecord.Status.choices, widget=forms.RadioSelect
    )
    on = UserDateField(label="Date", widget=DateInput())
    hours = forms.DecimalField(label="Hours", min_value=0, max_digits=6, decimal_places=1)
    certificate = CertificateField(label="Certificate (PDF, PNG or JPG, up to 5 MB)", required=False)


class EvaluationForm(forms.Form):
    content = forms.TypedChoiceField(
        label="How good was the content?", choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    delivery = forms.TypedChoiceField(
        label="How well was it delivered?", choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    relevance = forms.TypedChoiceField(
        label="How relevant is it to your job?", choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label="Comment (optional)", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class TrainingImportForm(CsvUploadForm):
    file = forms.FileField(
        label="Training records file (CSV, UTF-8)",
        help_text="The columns are described in the import guide. Up to 20 MB.",
    )


class PathwayCourseSearchForm(forms.Form):
    q = forms.CharField(label="Course title or provider", required=False, max_length=200)
