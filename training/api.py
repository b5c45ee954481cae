"""API v1 resources of the training app; leadership/api/urls.py calls register().

Same conventions as leadership/api: rows from leadership.access, keyset pagination, updated_since,
CSV, consistent errors, scope training:read. The catalogue and the provider register are the same for
every client; training records are scoped by the client's organisation.
"""

import django_filters as filters
from django.apps import apps
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.generics import ListAPIView

from leadership.api.filters import (
    DATETIME_HELP,
    BooleanChoiceFilter,
    StrictFilterSet,
    UpdatedSinceFilter,
    UserDateFilter,
    updated_since_filter,
)
from leadership.api.pagination import DeletionPagination
from leadership.api.serializers import DeletionOut
from leadership.api.sqljson import boolean
from leadership.api.views import (
    FORMAT_PARAMETER,
    ApiView,
    CsvExport,
    PublicIdViewSet,
    detail_responses,
    list_responses,
)
from leadership.models import ApiScope, ManagementLevel
from training import access
from training.models import Course, Enrolment, Mode, Provider, Topic, TrainingRecord

# Output serializers: public ids only. They never write.


class ProviderOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    accredited_today = serializers.SerializerMethodField(
        help_text="Whether the provider is accredited today, computed from its status and dates."
    )

    class Meta:
        model = Provider
        fields = [
            "id",
            "name",
            "kind",
            "website",
            "accreditation_status",
            "accrediting_body",
            "accredited_from",
            "accredited_until",
            "accredited_today",
            "created_at",
            "updated_at",
        ]

    def get_accredited_today(self, provider) -> bool:
        return provider.is_accredited_on(self.context["today"])


class CourseOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    provider = serializers.SlugRelatedField(
        slug_field="public_id", read_only=True, help_text="The provider's id."
    )
    levels = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="Management levels the course is for: first_line, middle, senior, executive, board.",
    )
    competencies = serializers.ListField(
        source="competency_codes",
        child=serializers.CharField(),
        read_only=True,
        help_text="Competency codes the course develops.",
    )

    class Meta:
        model = Course
        fields = [
            "id",
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
            "competencies",
            "qualification",
            "senior_qualification",
            "active",
            "created_at",
            "updated_at",
        ]


class TrainingRecordOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    person = serializers.SlugRelatedField(
        slug_field="public_id", read_only=True, help_text="The person's id."
    )
    organisation = serializers.SlugRelatedField(
        slug_field="ods_code", read_only=True, help_text="ODS code of the person's organisation."
    )
    course = serializers.SlugRelatedField(
        slug_field="public_id",
        read_only=True,
        allow_null=True,
        help_text="The course's id; null for external training.",
    )
    date = serializers.DateField(source="on", read_only=True)
    has_certificate = serializers.SerializerMethodField()

    class Meta:
        model = TrainingRecord
        fields = [
            "id",
            "person",
            "organisation",
            "course",
            "title",
            "provider_name",
            "status",
            "date",
            "hours",
            "cost",
            "has_certificate",
            "source",
            "created_at",
            "updated_at",
        ]

    def get_has_certificate(self, record) -> bool:
        return bool(record.certificate)


class EnrolmentOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    person = serializers.SlugRelatedField(slug_field="public_id", read_only=True,
                                          help_text="The person's id.")
    organisation = serializers.CharField(source="person.organisation.ods_code", read_only=True,
                                         help_text="ODS code of the person's organisation.")
    course = serializers.UUIDField(source="run.course.public_id", read_only=True,
                                   help_text="The course's id.")
    run = serializers.UUIDField(source="run.public_id", read_only=True, help_text="The course run's id.")
    starts_on = serializers.DateField(source="run.starts_on", read_only=True)
    ends_on = serializers.DateField(source="run.ends_on", read_only=True)
    run_cancelled = serializers.BooleanField(source="run.cancelled", read_only=True)

    class Meta:
        model = Enrolment
        # The decision's reason is free text a person wrote about a colleague: it stays on the pages.
        fields = ["id", "person", "organisation", "course", "run", "starts_on", "ends_on", "run_cancelled",
                  "status", "decided_at", "queued_at", "created_at", "updated_at"]


# What a list page reads: TrainingRecordOut's fields as columns (tests check a row equals the detail).
TRAINING_RECORD_COLUMNS = {
    "id": "public_id",
    "person": "person__public_id",
    "organisation": "organisation__ods_code",
    "course": "course__public_id",
    "title": "title",
    "provider_name": "provider_name",
    "status": "status",
    "date": "on",
    "hours": "hours",
    "cost": "cost",
    "has_certificate": ExpressionWrapper(~Q(certificate=""), output_field=BooleanField()),
    "source": "source",
    "created_at": "created_at",
    "updated_at": "updated_at",
}


def accredited_on(day):
    """Provider.is_accredited_on as an SQL condition."""
    return boolean(Q(accreditation_status=Provider.Status.ACCREDITED)
                   & (Q(accredited_from__isnull=True) | Q(accredited_from__lte=day))
                   & (Q(accredited_until__isnull=True) | Q(accredited_until__gte=day)))


# Filters: anything that does not parse is a 400 with a message per field.


class ProviderFilter(StrictFilterSet):
    accreditation_status = filters.ChoiceFilter(choices=Provider.Status.choices)
    kind = filters.ChoiceFilter(choices=Provider.Kind.choices)
    updated_since = updated_since_filter("providers")

    class Meta:
        model = Provider
        fields = ["accreditation_status", "kind", "updated_since"]


class CourseFilter(StrictFilterSet):
    topic = filters.ChoiceFilter(choices=Topic.choices, method="filter_array", field_name="topics")
    level = filters.ChoiceFilter(choices=ManagementLevel.choices, method="filter_array", field_name="levels")
    mode = filters.ChoiceFilter(choices=Mode.choices)
    senior_qualification = BooleanChoiceFilter()
    updated_since = updated_since_filter("courses")

    class Meta:
        model = Course
        fields = ["topic", "level", "mode", "senior_qualification", "updated_since"]

    def filter_array(self, queryset, name, value):
        return queryset.filter(**{f"{name}__contains": [value]})


class TrainingRecordFilter(StrictFilterSet):
    status = filters.ChoiceFilter(choices=TrainingRecord.Status.choices)
    date_from = UserDateFilter(
        field_name="on", lookup_expr="gte",
        help_text="Only records on or after (YYYY-MM-DD; outside 1900 to 2100, the nearer end).",
    )
    date_to = UserDateFilter(
        field_name="on", lookup_expr="lte",
        help_text="Only records on or before (YYYY-MM-DD; outside 1900 to 2100, the nearer end).",
    )
    updated_since = updated_since_filter("records")

    class Meta:
        model = TrainingRecord
        fields = ["status", "date_from", "date_to", "updated_since"]


class EnrolmentFilter(StrictFilterSet):
    status = filters.ChoiceFilter(choices=Enrolment.Status.choices)
    updated_since = updated_since_filter("enrolments")

    class Meta:
        model = Enrolment
        fields = ["status", "updated_since"]


class DeletionSinceFilter(StrictFilterSet):
    since = UpdatedSinceFilter(
        field_name="pgh_created_at",
        lookup_expr="gte",
        help_text=f"Only deletions at or after this moment. {DATETIME_HELP}",
    )


# Viewsets.


@extend_schema_view(
    list=extend_schema(
        summary="List training providers",
        parameters=[FORMAT_PARAMETER],
        responses=list_responses(ProviderOut),
    ),
    retrieve=extend_schema(summary="One training provider", responses=detail_responses(ProviderOut)),
)
class ProviderViewSet(PublicIdViewSet):
    """The national register of training providers, with accreditation (R5)."""

    model = Provider
    read_scope = ApiScope.TRAINING_READ
    serializer_class = ProviderOut
    filterset_class = ProviderFilter
    # Provider.is_accredited_on, in SQL, on the day get_serializer_context gives.
    sql_json_fields = {"accredited_today": lambda view: accredited_on(view.get_serializer_context()["today"])}

    def rows(self):
        return access.api_providers(self.request)

    def get_serializer_context(self):
        from django.utils import timezone

        # The portal's own date (the API answers in UTC, but accreditation runs by English dates).
        return {**super().get_serializer_context(),
                "today": timezone.localdate(timezone=timezone.get_default_timezone())}


@extend_schema_view(
    list=extend_schema(
        summary="List courses", parameters=[FORMAT_PARAMETER], responses=list_responses(CourseOut)
    ),
    retrieve=extend_schema(summary="One course", responses=detail_responses(CourseOut)),
)
class CourseViewSet(PublicIdViewSet):
    """The national training catalogue."""

    model = Course
    read_scope = ApiScope.TRAINING_READ
    serializer_class = CourseOut
    filterset_class = CourseFilter

    def rows(self):
        return access.api_courses(self.request).select_related("provider")


@extend_schema_view(
    list=extend_schema(
        summary="List training records",
        parameters=[FORMAT_PARAMETER],
        responses=list_responses(TrainingRecordOut),
    ),
    retrieve=extend_schema(summary="One training record", responses=detail_responses(TrainingRecordOut)),
)
class TrainingRecordViewSet(CsvExport, PublicIdViewSet):
    """Training records of the client's organisation (or every organisation under an ICB)."""

    model = TrainingRecord
    read_scope = ApiScope.TRAINING_READ
    serializer_class = TrainingRecordOut
    list_columns = TRAINING_RECORD_COLUMNS
    sql_json_fields = {"has_certificate": lambda view: boolean(~Q(certificate=""))}
    export_filename = "training-records.csv"
    filterset_class = TrainingRecordFilter

    def rows(self):
        return access.api_training_records(self.request).select_related("person", "organisation", "course")


@extend_schema_view(
    list=extend_schema(summary="List enrolments", parameters=[FORMAT_PARAMETER],
                       responses=list_responses(EnrolmentOut)),
    retrieve=extend_schema(summary="One enrolment", responses=detail_responses(EnrolmentOut)),
)
class EnrolmentViewSet(PublicIdViewSet):
    """Requests for places on course runs and what became of them, for the client's staff."""

    model = Enrolment
    read_scope = ApiScope.TRAINING_READ
    serializer_class = EnrolmentOut
    filterset_class = EnrolmentFilter

    def rows(self):
        return access.api_enrolments(self.request).select_related("person__organisation", "run__course")


# Deprecated on 29 November 2026 in favour of the shared feed; removed six months later.
DEPRECATED_SINCE = "@1795910400"  # RFC 9745: seconds since the epoch, 2026-11-29T00:00:00Z
SUNSET = "Sat, 29 May 2027 00:00:00 GMT"  # RFC 8594: an HTTP date


@extend_schema(
    deprecated=True,
    summary="Deprecated: deleted training records (use /api/v1/deletions/?resource=training-records)",
    responses=list_responses(DeletionOut, csv=False),
)
class TrainingRecordDeletionList(ApiView, ListAPIView):
    """Deprecated: /api/v1/deletions/?resource=training-records answers the same. Until it goes (see
    SUNSET), every answer carries Deprecation, Sunset and a Link to its successor (RFC 8594, 9745)."""

    model = apps.get_model("training", "TrainingRecordEvent")
    read_scope = ApiScope.TRAINING_READ
    serializer_class = DeletionOut
    filterset_class = DeletionSinceFilter
    pagination_class = DeletionPagination

    def rows(self):
        return access.api_training_record_deletions(self.request).only(
            "pgh_id", "pgh_created_at", "public_id"
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "resource": "training-records"}

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Deprecation"] = DEPRECATED_SINCE
        response["Sunset"] = SUNSET
        response["Link"] = '</api/v1/deletions/?resource=training-records>; rel="successor-version"'
        return response


def register(router) -> None:
    """Add this app's viewsets to the shared /api/v1/ router."""
    router.register("training/providers", ProviderViewSet, basename="training-provider")
    router.register("training/courses", CourseViewSet, basename="training-course")
    router.register("training/records", TrainingRecordViewSet, basename="training-record")
    router.register("training/enrolments", EnrolmentViewSet, basename="training-enrolment")


extra_urlpatterns: list = [
    path(
        "training/record-deletions/", TrainingRecordDeletionList.as_view(), name="training-record-deletions"
    ),
]
