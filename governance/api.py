"""API v1 resources of the governance app: data returns, burden assessments and board positions, under
governance:read. Rows come from governance.access (api_* functions). Board positions carry their review
status (next review due, overdue), never a review's content."""

import django_filters as filters
from django.db.models import Case, F, Q, When
from rest_framework import serializers

from governance import access
from governance.models import (
    RETURNS_PER_YEAR,
    BoardPosition,
    BurdenAssessment,
    DataReturn,
    Frequency,
    RequestingBody,
)
from leadership.api.filters import BooleanChoiceFilter, StrictFilterSet, updated_since_filter
from leadership.api.sqljson import boolean, decimal_text
from leadership.api.views import PublicIdViewSet, list_and_detail_schema
from leadership.dates import uk_today
from leadership.models import ApiScope


class BoardMemberRef(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    organisation = serializers.CharField(source="organisation.ods_code")


class DataReturnOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="ods_code", read_only=True)
    items = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    hours_per_year = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)

    class Meta:
        model = DataReturn
        fields = [
            "id",
            "organisation",
            "title",
            "requesting_body",
            "requesting_body_other",
            "purpose",
            "legal_basis",
            "frequency",
            "items",
            "staff_roles",
            "hours_per_return",
            "hours_per_year",
            "review_interval_months",
            "next_review_due",
            "active",
            "created_at",
            "updated_at",
        ]


class BurdenAssessmentOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="ods_code", read_only=True)
    items = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = BurdenAssessment
        fields = [
            "id",
            "organisation",
            "title",
            "request_description",
            "requesting_body",
            "frequency",
            "organisations_affected",
            "items",
            "status",
            "approver_name",
            "decided_on",
            "published",
            "created_at",
            "updated_at",
        ]


class BoardPositionOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="ods_code", read_only=True)
    person = BoardMemberRef(read_only=True)
    # Plain text: the same choices as a person's sector background, which owns the schema's enum name.
    sector_of_origin = serializers.CharField(read_only=True)
    review_overdue = serializers.SerializerMethodField()

    class Meta:
        model = BoardPosition
        fields = [
            "id",
            "organisation",
            "person",
            "kind",
            "title",
            "starts_on",
            "ends_on",
            "remuneration_per_year",
            "time_commitment",
            "sector_of_origin",
            "next_review_due",
            "review_overdue",
            "created_at",
            "updated_at",
        ]

    def get_review_overdue(self, position) -> bool:
        return (
            position.is_non_executive
            and position.next_review_due is not None
            and position.next_review_due < uk_today()
        )


class DataReturnFilter(StrictFilterSet):
    requesting_body = filters.ChoiceFilter(choices=RequestingBody.choices)
    frequency = filters.ChoiceFilter(choices=Frequency.choices)
    active = BooleanChoiceFilter(help_text="Only returns still made (true) or ended ones (false).")
    updated_since = updated_since_filter("data returns")

    class Meta:
        model = DataReturn
        fields = ["requesting_body", "frequency", "active", "updated_since"]


class BurdenAssessmentFilter(StrictFilterSet):
    status = filters.ChoiceFilter(choices=BurdenAssessment.Status.choices)
    published = BooleanChoiceFilter(help_text="Only published (true) or unpublished (false) assessments.")
    updated_since = updated_since_filter("assessments")

    class Meta:
        model = BurdenAssessment
        fields = ["status", "published", "updated_since"]


class BoardPositionFilter(StrictFilterSet):
    kind = filters.ChoiceFilter(choices=BoardPosition.Kind.choices)
    updated_since = updated_since_filter("positions")

    class Meta:
        model = BoardPosition
        fields = ["kind", "updated_since"]


@list_and_detail_schema("data returns", DataReturnOut)
class DataReturnViewSet(PublicIdViewSet):
    model = DataReturn
    read_scope = ApiScope.GOVERNANCE_READ
    serializer_class = DataReturnOut
    filterset_class = DataReturnFilter
    # DataReturn.hours_per_year, quantised as DataReturnOut's field.
    sql_json_fields = {"hours_per_year": lambda view: decimal_text(F("hours_per_return") * Case(
        *(When(frequency=frequency, then=times) for frequency, times in RETURNS_PER_YEAR.items())),
        DataReturnOut._declared_fields["hours_per_year"].decimal_places)}

    def rows(self):
        return access.api_data_returns(self.request).select_related("organisation").prefetch_related("items")


@list_and_detail_schema("burden impact assessments", BurdenAssessmentOut)
class BurdenAssessmentViewSet(PublicIdViewSet):
    """The client's organisations' assessments, and every published one."""

    model = BurdenAssessment
    read_scope = ApiScope.GOVERNANCE_READ
    serializer_class = BurdenAssessmentOut
    filterset_class = BurdenAssessmentFilter

    def rows(self):
        return (
            access.api_burden_assessments(self.request)
            .select_related("organisation")
            .prefetch_related("items")
        )


@list_and_detail_schema("board positions", BoardPositionOut)
class BoardPositionViewSet(PublicIdViewSet):
    model = BoardPosition
    read_scope = ApiScope.GOVERNANCE_READ
    serializer_class = BoardPositionOut
    filterset_class = BoardPositionFilter
    # BoardPositionOut.get_review_overdue in SQL.
    sql_json_fields = {"review_overdue": lambda view: boolean(
        Q(kind__in=BoardPosition.NON_EXECUTIVE_KINDS) & Q(next_review_due__lt=uk_today()))}

    def rows(self):
        return access.api_board_positions(self.request).select_related("organisation", "person__organisation")


def register(router) -> None:
    """Add this app's viewsets to the shared /api/v1/ router."""
    router.register("data-returns", DataReturnViewSet, basename="data-return")
    router.register("burden-assessments", BurdenAssessmentViewSet, basename="burden-assessment")
    router.register("board-positions", BoardPositionViewSet, basename="board-position")


extra_urlpatterns: list = []
