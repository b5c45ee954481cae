"""API v1 resources of the talentpool app; leadership/api/urls.py calls register().

Rows come from leadership.access (api_* functions). Members of other organisations appear only with
their consent; the senior contracts register is national scope only: a trust's, CCG's or ICB's client
gets an empty list, and there is no detail route to probe.
"""

import django_filters as filters
from rest_framework import mixins, serializers, viewsets

from leadership.api.filters import StrictFilterSet, updated_since_filter
from leadership.api.pagination import KeysetPagination
from leadership.api.views import ApiView, PublicIdViewSet, SqlJsonList, list_and_detail_schema
from leadership.models import ApiScope
from talentpool import access
from talentpool.models import (
    GraduateTrainee,
    PoolMembership,
    Readiness,
    Secondment,
    SeniorContract,
    TalentPool,
)


class PersonRef(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    organisation = serializers.CharField(source="organisation.ods_code")


class TalentPoolOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    region = serializers.SlugRelatedField(slug_field="ods_code", read_only=True, allow_null=True)
    owner = serializers.SlugRelatedField(
        slug_field="ods_code",
        read_only=True,
        allow_null=True,
        help_text="ODS code of the organisation running its own pool.",
    )

    class Meta:
        model = TalentPool
        fields = [
            "id",
            "name",
            "kind",
            "description",
            "region",
            "owner",
            "active",
            "closed_on",
            "created_at",
            "updated_at",
        ]


class PoolMemberOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    pool = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    person = PersonRef(read_only=True)
    mobility_regions = serializers.SlugRelatedField(slug_field="ods_code", many=True, read_only=True)

    class Meta:
        model = PoolMembership
        fields = [
            "id",
            "pool",
            "person",
            "status",
            "route",
            "readiness",
            "mobility_regions",
            "aspirations",
            "consent_to_share",
            "joined_on",
            "last_reviewed_on",
            "ended_on",
            "created_at",
            "updated_at",
        ]


class GraduateTraineeOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    person = PersonRef(read_only=True)
    intake_year = serializers.IntegerField(source="cohort.intake_year", read_only=True)
    pathway = serializers.CharField(source="cohort.pathway", read_only=True)
    outcome_organisation = serializers.SlugRelatedField(
        slug_field="ods_code", read_only=True, allow_null=True
    )

    class Meta:
        model = GraduateTrainee
        fields = [
            "id",
            "person",
            "intake_year",
            "pathway",
            "scheme_year",
            "quality_gate_passed",
            "assessment_gate_passed",
            "outcome",
            "outcome_organisation",
            "outcome_post",
            "created_at",
            "updated_at",
        ]


class SecondmentOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="ods_code", read_only=True)
    person = PersonRef(read_only=True)

    class Meta:
        model = Secondment
        fields = [
            "id",
            "organisation",
            "person",
            "direction",
            "external_sector",
            "external_organisation",
            "starts_on",
            "ends_on",
            "purpose",
            "outcome",
            "cancelled_on",
            "created_at",
            "updated_at",
        ]


class SeniorContractOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="ods_code", read_only=True)
    person = PersonRef(read_only=True)

    class Meta:
        model = SeniorContract
        fields = [
            "id",
            "organisation",
            "person",
            "post",
            "starts_on",
            "minimum_term_months",
            "minimum_term_ends_on",
            "ends_on",
            "next_assessment_due",
            "last_assessed_on",
            "next_appraisal_due",
            "created_at",
            "updated_at",
        ]


class TalentPoolFilter(StrictFilterSet):
    kind = filters.ChoiceFilter(choices=TalentPool.Kind.choices)
    updated_since = updated_since_filter("pools")

    class Meta:
        model = TalentPool
        fields = ["kind", "updated_since"]


class PoolMemberFilter(StrictFilterSet):
    status = filters.ChoiceFilter(choices=PoolMembership.Status.choices)
    readiness = filters.ChoiceFilter(choices=Readiness.choices)
    pool_kind = filters.ChoiceFilter(field_name="pool__kind", choices=TalentPool.Kind.choices)
    updated_since = updated_since_filter("memberships")

    class Meta:
        model = PoolMembership
        fields = ["status", "readiness", "pool_kind", "updated_since"]


class GraduateTraineeFilter(StrictFilterSet):
    outcome = filters.ChoiceFilter(choices=GraduateTrainee.Outcome.choices)
    updated_since = updated_since_filter("trainees")

    class Meta:
        model = GraduateTrainee
        fields = ["outcome", "updated_since"]


class SecondmentFilter(StrictFilterSet):
    direction = filters.ChoiceFilter(choices=Secondment.Direction.choices)
    updated_since = updated_since_filter("secondments")

    class Meta:
        model = Secondment
        fields = ["direction", "updated_since"]


class SeniorContractFilter(StrictFilterSet):
    updated_since = updated_since_filter("contracts")

    class Meta:
        model = SeniorContract
        fields = ["updated_since"]


@list_and_detail_schema("talent pools", TalentPoolOut)
class TalentPoolViewSet(PublicIdViewSet):
    """National and regional pools, and the client's organisations' own pools."""

    model = TalentPool
    read_scope = ApiScope.TALENT_READ
    serializer_class = TalentPoolOut
    filterset_class = TalentPoolFilter

    def rows(self):
        return access.api_talent_pools(self.request).select_related("region", "owner")


@list_and_detail_schema("talent pool members", PoolMemberOut)
class PoolMemberViewSet(PublicIdViewSet):
    """The client's own members, and other organisations' active members who consented to be seen."""

    model = PoolMembership
    read_scope = ApiScope.TALENT_READ
    serializer_class = PoolMemberOut
    filterset_class = PoolMemberFilter

    def rows(self):
        return (
            access.api_pool_members(self.request)
            .select_related("pool", "person__organisation")
            .prefetch_related("mobility_regions")
        )


@list_and_detail_schema("graduate trainees", GraduateTraineeOut)
class GraduateTraineeViewSet(PublicIdViewSet):
    model = GraduateTrainee
    read_scope = ApiScope.TALENT_READ
    serializer_class = GraduateTraineeOut
    filterset_class = GraduateTraineeFilter

    def rows(self):
        return access.api_graduate_trainees(self.request).select_related(
            "cohort", "person__organisation", "outcome_organisation"
        )


@list_and_detail_schema("secondments", SecondmentOut)
class SecondmentViewSet(PublicIdViewSet):
    model = Secondment
    read_scope = ApiScope.TALENT_READ
    serializer_class = SecondmentOut
    filterset_class = SecondmentFilter

    def rows(self):
        return access.api_secondments(self.request).select_related("organisation", "person__organisation")


@list_and_detail_schema("very senior manager contracts", SeniorContractOut, detail=False)
class SeniorContractViewSet(SqlJsonList, ApiView, mixins.ListModelMixin, viewsets.GenericViewSet):
    """National scope only: empty for any client that is not a national body's (or a national admin)."""

    model = SeniorContract
    read_scope = ApiScope.TALENT_READ
    serializer_class = SeniorContractOut
    filterset_class = SeniorContractFilter
    pagination_class = KeysetPagination
    csv_allowed = True

    def rows(self):
        return access.api_senior_contracts(self.request).select_related(
            "organisation", "person__organisation"
        )


def register(router) -> None:
    """Add this app's viewsets to the shared /api/v1/ router."""
    router.register("talent-pools", TalentPoolViewSet, basename="talent-pool")
    router.register("talent-pool-members", PoolMemberViewSet, basename="talent-pool-member")
    router.register("graduate-trainees", GraduateTraineeViewSet, basename="graduate-trainee")
    router.register("secondments", SecondmentViewSet, basename="secondment")
    router.register("senior-contracts", SeniorContractViewSet, basename="senior-contract")


extra_urlpatterns: list = []
