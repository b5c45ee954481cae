"""API v1 resources of the appraisal app; leadership/api/urls.py calls register().

Summary fields only, under appraisals:read: state, dates, band, scores per perspective. The free text of
an appraisal (self-review, appraiser review, meeting notes, objectives' wording, addenda) is never
served by the API (docs/appraisal.md): ApiScope has no scope for it yet.
"""

import django_filters as filters
from django.core.validators import RegexValidator
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from appraisal import access, selectors
from appraisal.models import Appraisal, AppraisalState, OrganisationScorecard
from leadership.api.filters import ODS_CODE, StrictFilterSet, updated_since_filter
from leadership.api.sqljson import JsonText
from leadership.api.views import FORMAT_PARAMETER, PublicIdViewSet, detail_responses, list_responses
from leadership.models import ApiScope, ManagementLevel


class PerspectiveScoreOut(serializers.Serializer):
    perspective = serializers.CharField()
    score = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)


class AppraisalOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="ods_code", read_only=True)
    cycle = serializers.CharField(source="cycle.name", read_only=True)
    cycle_opens_on = serializers.DateField(source="cycle.opens_on", read_only=True)
    cycle_closes_on = serializers.DateField(source="cycle.closes_on", read_only=True)
    appraisee = serializers.SlugRelatedField(
        slug_field="public_id", read_only=True, help_text="The person's id."
    )
    appraiser = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    countersigner = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)
    management_level = serializers.ChoiceField(
        source="level", choices=ManagementLevel.choices, read_only=True,
        help_text="The appraisee's level when the appraisal started.")
    template_version = serializers.IntegerField(source="template.version", read_only=True)
    overall_band = serializers.CharField(source="final_band", read_only=True)
    perspective_scores = serializers.SerializerMethodField()

    class Meta:
        model = Appraisal
        fields = [
            "id",
            "organisation",
            "cycle",
            "cycle_opens_on",
            "cycle_closes_on",
            "appraisee",
            "appraiser",
            "countersigner",
            "management_level",
            "template_version",
            "state",
            "state_changed_at",
            "meeting_on",
            "signed_off_at",
            "countersigned_at",
            "overall_score",
            "overall_band",
            "perspective_scores",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(PerspectiveScoreOut(many=True))
    def get_perspective_scores(self, appraisal) -> list[PerspectiveScoreOut]:
        rows = selectors.perspective_rows(appraisal)
        return [
            {"perspective": r["perspective"], "score": None if r["score"] in (None, "None") else r["score"]}
            for r in rows
        ]


# get_perspective_scores in SQL: the stored object's members in order, "None" as null, values as stored.
PERSPECTIVE_SCORES = (
    "(SELECT '[' || coalesce(string_agg('{\"perspective\":' || to_json(e.key)::text || ',\"score\":'"
    " || CASE WHEN e.value = '\"None\"'::jsonb THEN 'null' ELSE e.value::text END || '}', ','"
    " ORDER BY e.n), '') || ']' FROM jsonb_each(%(expressions)s) WITH ORDINALITY AS e(key, value, n))"
)


class ScorecardMeasureOut(serializers.Serializer):
    perspective = serializers.CharField()
    name = serializers.CharField()
    target = serializers.DecimalField(max_digits=12, decimal_places=2)
    actual = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    higher_is_better = serializers.BooleanField()


class ScorecardOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="ods_code", read_only=True)
    measures = ScorecardMeasureOut(many=True, read_only=True)

    class Meta:
        model = OrganisationScorecard
        fields = ["id", "organisation", "period", "measures", "created_at", "updated_at"]


class AppraisalFilter(StrictFilterSet):
    organisation = filters.CharFilter(
        method="filter_organisation",
        help_text="ODS code of the organisation.",
        validators=[RegexValidator(ODS_CODE, "Enter an ODS code: letters and digits only.")],
    )
    state = filters.ChoiceFilter(choices=AppraisalState.choices)
    management_level = filters.ChoiceFilter(field_name="level", choices=ManagementLevel.choices)
    updated_since = updated_since_filter("appraisals")

    class Meta:
        model = Appraisal
        fields = ["organisation", "state", "management_level", "updated_since"]

    @extend_schema_field({"type": "string", "pattern": ODS_CODE})
    def filter_organisation(self, queryset, name, value):
        return queryset.filter(organisation__ods_code=value.upper())


class ScorecardFilter(StrictFilterSet):
    updated_since = updated_since_filter("scorecards")

    class Meta:
        model = OrganisationScorecard
        fields = ["updated_since"]


@extend_schema_view(
    list=extend_schema(
        summary="List appraisals (summary fields)",
        parameters=[FORMAT_PARAMETER],
        responses=list_responses(AppraisalOut),
    ),
    retrieve=extend_schema(
        summary="One appraisal (summary fields)", responses=detail_responses(AppraisalOut)
    ),
)
class AppraisalViewSet(PublicIdViewSet):
    """Appraisals' state, dates, band and scores per perspective; never their free text."""

    model = Appraisal
    read_scope = ApiScope.APPRAISALS_READ
    serializer_class = AppraisalOut
    filterset_class = AppraisalFilter
    sql_json_fields = {
        # Appraisal.final_band: the calibrated band, else the band.
        "overall_band": lambda view: Coalesce(NullIf(F("calibrated_band"), Value("")), F("band")),
        "perspective_scores": lambda view: JsonText(F("perspective_scores"), template=PERSPECTIVE_SCORES),
    }

    def rows(self):
        return access.api_appraisals(self.request).select_related(
            "organisation", "cycle", "appraisee", "appraiser", "countersigner", "template"
        )


@extend_schema_view(
    list=extend_schema(
        summary="List organisational scorecards", responses=list_responses(ScorecardOut, csv=False)
    ),
    retrieve=extend_schema(summary="One organisational scorecard", responses=detail_responses(ScorecardOut)),
)
class ScorecardViewSet(PublicIdViewSet):
    """Each organisation's balanced scorecard per quarter: hand-entered measures, targets and actuals."""

    model = OrganisationScorecard
    read_scope = ApiScope.APPRAISALS_READ
    serializer_class = ScorecardOut
    filterset_class = ScorecardFilter
    csv_allowed = False

    def rows(self):
        return access.api_scorecards(self.request).select_related("organisation").prefetch_related("measures")


def register(router) -> None:
    """Add this app's viewsets to the shared /api/v1/ router."""
    router.register("appraisals", AppraisalViewSet, basename="appraisal")
    router.register("scorecards", ScorecardViewSet, basename="scorecard")


extra_urlpatterns: list = []
