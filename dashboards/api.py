"""/api/v1/dashboards/: the same figures as the dashboard pages, scoped like them (dashboards:read)."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

import leadership.converters  # noqa: F401  (the <ods:...> converter)
from dashboards import selectors
from leadership import access
from leadership.api.views import ApiView, detail_responses
from leadership.disclosure import Hidden
from leadership.models import ApiScope, Organisation


class TableOut(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    kinds = serializers.ListField(child=serializers.CharField(),
                                  help_text="For each value column: count, ratio (0-1) or amount.")
    rows = serializers.ListField(child=serializers.ListField(
        child=serializers.JSONField(allow_null=True)),
        help_text="Each row: its label, then one number (or null) per value column. A figure hidden "
                  "under the small-numbers rule is null, with its reason in `suppressed`.")
    suppressed = serializers.ListField(child=serializers.ListField(
        child=serializers.ChoiceField(choices=[h.value for h in Hidden], allow_null=True)),
        help_text="For each row, one entry per value column: null when the figure is shown, else why "
                  "it is hidden from this client: `small` (a count from 1 to 4, shown on pages as <5), "
                  "`rate` (a rate or average built on fewer than 5 people) or `secondary` (hidden so "
                  "that another hidden figure cannot be worked out from the total). Only the "
                  "organisation's own clients see its figures exactly.")


class DashboardOut(serializers.Serializer):
    ods_code = serializers.CharField()
    name = serializers.CharField()
    period = serializers.DateField(allow_null=True, help_text="The first day of the quarter.")
    figures_as_of = serializers.DateTimeField(allow_null=True)
    tables = TableOut(many=True)


class DashboardView(ApiView, GenericAPIView):
    model = Organisation
    read_scope = ApiScope.DASHBOARDS_READ
    serializer_class = DashboardOut

    def organisation(self, ods_code: str) -> Organisation:
        organisation = self.rows().filter(ods_code=ods_code.upper()).first()
        if organisation is None:
            raise NotFound("No dashboard for that organisation.")
        return organisation

    def respond(self, organisation: Organisation, tables_for) -> Response:
        refresh = selectors.latest_refresh()
        tables = tables_for(refresh.period) if refresh else []
        return Response(DashboardOut({
            "ods_code": organisation.ods_code, "name": organisation.name,
            "period": refresh.period if refresh else None,
            "figures_as_of": refresh.computed_at if refresh else None,
            "tables": [{**vars(table), "suppressed": table.hidden} for table in tables],
        }).data)


class OrganisationDashboard(DashboardView):
    """A trust's figures, each with the national figure beside it, and the trend by quarter."""

    def rows(self):
        return access.api_dashboard_organisations(self.request)

    @extend_schema(summary="An organisation's dashboard", responses=detail_responses(DashboardOut))
    def get(self, request, ods_code):
        organisation = self.organisation(ods_code)
        exact = organisation.id in access.api_exact_figure_organisations(request)
        return self.respond(organisation, lambda period: [
            *selectors.organisation_tables(organisation, period, exact=exact),
            selectors.organisation_trend(organisation, period, exact=exact),
        ])


class FootprintDashboard(DashboardView):
    """Every organisation under an ICB, CCG or region side by side, with the footprint total."""

    def rows(self):
        return access.api_dashboard_footprints(self.request)

    @extend_schema(summary="A footprint's dashboard", responses=detail_responses(DashboardOut))
    def get(self, request, ods_code):
        footprint = self.organisation(ods_code)
        exact_ids = access.api_exact_figure_organisations(request)
        return self.respond(footprint, lambda period: [
            selectors.footprint_table(footprint, period, exact_ids=exact_ids)])


def register(router) -> None:
    """The dashboards are not row collections, so they need no router entries."""


extra_urlpatterns = [
    path("dashboards/organisations/<ods:ods_code>/", OrganisationDashboard.as_view(),
         name="dashboard-organisation"),
    path("dashboards/footprints/<ods:ods_code>/", FootprintDashboard.as_view(),
         name="dashboard-footprint"),
]
