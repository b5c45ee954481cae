"""API v1 resources for development; leadership/api/urls.py calls register()."""

import django_filters as filters
from django.db.models import DateField, ExpressionWrapper, F, Prefetch, Value
from rest_framework import serializers

from leadership import access
from leadership.api.filters import StrictFilterSet, updated_since_filter
from leadership.api.views import PublicIdViewSet, list_and_detail_schema
from leadership.models import (
    Action,
    ActionCycle,
    ApiScope,
    Assessment,
    CheckIn,
    Competency,
    CompetencyFramework,
    DevelopmentNeed,
    DevelopmentPlan,
    ExpectedBehaviour,
    Rating,
)
from leadership.models.development import CYCLE_DAYS


class BehaviourOut(serializers.ModelSerializer):
    class Meta:
        model = ExpectedBehaviour
        fields = ["management_level", "expected_level", "description"]


class CompetencyOut(serializers.ModelSerializer):
    behaviours = BehaviourOut(many=True, read_only=True)

    class Meta:
        model = Competency
        fields = ["code", "name", "group", "description", "behaviours"]


class FrameworkOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    competencies = CompetencyOut(many=True, read_only=True)

    class Meta:
        model = CompetencyFramework
        fields = [
            "id",
            "name",
            "version",
            "status",
            "published_at",
            "competencies",
            "created_at",
            "updated_at",
        ]


class RatingOut(serializers.ModelSerializer):
    competency = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Rating
        fields = ["competency", "level"]


class AssessmentOut(serializers.ModelSerializer):
    """A self or line-manager assessment, or a released 360 round's stored means: never a rater,
    an invitation or an answer."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    person = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    framework_version = serializers.IntegerField(source="framework.version", read_only=True)
    round = serializers.IntegerField(source="round_number", read_only=True)
    ratings = RatingOut(many=True, read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "person",
            "framework_version",
            "kind",
            "round",
            "status",
            "submitted_at",
            "rater_count",
            "ratings",
            "created_at",
            "updated_at",
        ]


class NeedOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    competency = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = DevelopmentNeed
        fields = ["id", "competency", "description", "status", "status_note", "status_changed_at",
                  "created_at", "updated_at"]


class PlanOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    person = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    needs = NeedOut(many=True, read_only=True)

    class Meta:
        model = DevelopmentPlan
        fields = ["id", "person", "aspiration", "needs", "created_at", "updated_at"]


class ActionOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    owner = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)
    need = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)

    class Meta:
        model = Action
        fields = ["id", "title", "owner", "due_on", "status", "need", "course_id", "objective_id"]


class CheckInOut(serializers.ModelSerializer):
    class Meta:
        model = CheckIn
        fields = ["day", "due_on", "recorded_at", "progress", "manager_comment", "commented_at"]


class CycleOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    person = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)
    organisation = serializers.SlugRelatedField(slug_field="ods_code", read_only=True)
    previous = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)
    ends_on = serializers.DateField(read_only=True)
    actions = ActionOut(many=True, read_only=True)
    check_ins = CheckInOut(many=True, read_only=True)

    class Meta:
        model = ActionCycle
        fields = [
            "id",
            "person",
            "organisation",
            "focus",
            "starts_on",
            "ends_on",
            "status",
            "previous",
            "review_summary",
            "closed_at",
            "actions",
            "check_ins",
            "created_at",
            "updated_at",
        ]


class FrameworkFilter(StrictFilterSet):
    status = filters.ChoiceFilter(choices=CompetencyFramework.Status.choices)
    updated_since = updated_since_filter("frameworks")

    class Meta:
        model = CompetencyFramework
        fields = ["status", "updated_since"]


class AssessmentFilter(StrictFilterSet):
    kind = filters.ChoiceFilter(choices=Assessment.Kind.choices)
    updated_since = updated_since_filter("assessments")

    class Meta:
        model = Assessment
        fields = ["kind", "updated_since"]


class PlanFilter(StrictFilterSet):
    updated_since = updated_since_filter("plans")

    class Meta:
        model = DevelopmentPlan
        fields = ["updated_since"]


class CycleFilter(StrictFilterSet):
    status = filters.ChoiceFilter(choices=ActionCycle.Status.choices)
    updated_since = updated_since_filter("cycles")

    class Meta:
        model = ActionCycle
        fields = ["status", "updated_since"]


@list_and_detail_schema("competency frameworks", FrameworkOut, csv=False)
class FrameworkViewSet(PublicIdViewSet):
    """The national framework's versions, with competencies and expected behaviours per level."""

    model = CompetencyFramework
    read_scope = ApiScope.DEVELOPMENT_READ
    serializer_class = FrameworkOut
    filterset_class = FrameworkFilter
    csv_allowed = False

    def rows(self):
        return CompetencyFramework.objects.prefetch_related(
            Prefetch(
                "competencies",
                queryset=Competency.objects.filter(organisation=None).prefetch_related("behaviours"),
            )
        )


@list_and_detail_schema("assessments", AssessmentOut, csv=False)
class AssessmentViewSet(PublicIdViewSet):
    """Submitted self and line-manager assessments, and released 360 rounds only (closed with at least
    3 answers; an open round is a 404)."""

    model = Assessment
    read_scope = ApiScope.DEVELOPMENT_READ
    serializer_class = AssessmentOut
    filterset_class = AssessmentFilter
    csv_allowed = False

    def rows(self):
        return (
            access.api_assessments(self.request)
            .select_related("person", "framework")
            .prefetch_related(Prefetch("ratings", queryset=Rating.objects.select_related("competency")))
        )


@list_and_detail_schema("development plans", PlanOut, csv=False)
class PlanViewSet(PublicIdViewSet):
    model = DevelopmentPlan
    read_scope = ApiScope.DEVELOPMENT_READ
    serializer_class = PlanOut
    filterset_class = PlanFilter
    csv_allowed = False

    def rows(self):
        return (
            access.api_development_plans(self.request)
            .select_related("person")
            .prefetch_related(
                Prefetch("needs", queryset=DevelopmentNeed.objects.select_related("competency"))
            )
        )


@list_and_detail_schema("action cycles", CycleOut, csv=False)
class CycleViewSet(PublicIdViewSet):
    """90-day cycles of people and organisations, with their actions and check-ins."""

    model = ActionCycle
    read_scope = ApiScope.DEVELOPMENT_READ
    serializer_class = CycleOut
    filterset_class = CycleFilter
    # ActionCycle.ends_on: day 90 (a date plus days is a date in PostgreSQL).
    sql_json_fields = {"ends_on": lambda view: ExpressionWrapper(F("starts_on") + Value(CYCLE_DAYS),
                                                                 output_field=DateField())}
    csv_allowed = False

    def rows(self):
        return (
            access.api_action_cycles(self.request)
            .select_related("person", "organisation", "previous")
            .prefetch_related(
                Prefetch("actions", queryset=Action.objects.select_related("owner", "need")),
                Prefetch("check_ins", queryset=CheckIn.objects.order_by("day")),
            )
        )


def register(router) -> None:
    """Add the development viewsets to the shared /api/v1/ router."""
    router.register("competency-frameworks", FrameworkViewSet, basename="competency-framework")
    router.register("assessments", AssessmentViewSet, basename="assessment")
    router.register("development-plans", PlanViewSet, basename="development-plan")
    router.register("action-cycles", CycleViewSet, basename="action-cycle")


extra_urlpatterns: list = []
