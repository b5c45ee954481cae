"""API v1 viewsets. Rows come from leadership.access; scopes from leadership.api.auth."""

from datetime import UTC

from django.apps import apps
from django.db.models import TextField, Value
from django.db.models.functions import Cast
from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from oauth2_provider import views as oauth_views
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from leadership import access
from leadership.api import errors
from leadership.api.auth import HasReadScope, IsApiActor
from leadership.api.export import copy_csv
from leadership.api.filters import DeletionFilter, OrganisationFilter, PersonFilter
from leadership.api.pagination import DeletionPagination, KeysetPagination
from leadership.api.renderers import CsvRenderer, FastJSONRenderer
from leadership.api.serializers import (
    ORGANISATION_COLUMNS,
    PERSON_COLUMNS,
    ApiError,
    DeletionOut,
    OrganisationOut,
    PersonOut,
)
from leadership.api.sqljson import NoSqlJson, row_expression
from leadership.models import ApiScope, Organisation, Person
from leadership.replica import reads_replica

JSON = "application/json"
ERRORS = {(status, JSON): ApiError for status in (400, 401, 403, 429)}


def list_responses(serializer, csv: bool = True) -> dict:
    # 404: a cursor the API did not issue (leadership/api/pagination.py).
    responses = {(200, JSON): serializer(many=True), (404, JSON): ApiError, **ERRORS}
    if csv:
        responses[(200, "text/csv")] = OpenApiTypes.STR
    return responses


def detail_responses(serializer) -> dict:
    return {(200, JSON): serializer, (404, JSON): ApiError, **ERRORS}


FORMAT_PARAMETER = OpenApiParameter(
    "format", str, enum=["json", "csv"], description="csv returns the page as a spreadsheet."
)


def list_and_detail_schema(noun: str, serializer, *, csv: bool = True, detail: bool = True):
    """The OpenAPI description of a resource's list view (and its detail view), for a viewset."""
    views = {"list": extend_schema(summary=f"List {noun}", parameters=[FORMAT_PARAMETER] if csv else [],
                                   responses=list_responses(serializer, csv=csv))}
    if detail:
        views["retrieve"] = extend_schema(summary=f"One of the {noun}",
                                          responses=detail_responses(serializer))
    return extend_schema_view(**views)


class JsonErrors:
    """Errors in JSON whatever the view writes on success (CSV, the schema's YAML, Swagger's HTML)."""

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        renderer = getattr(self.request, "accepted_renderer", None)
        # The browsable API (DEBUG only) shows its errors as a page on purpose.
        if not isinstance(renderer, JSONRenderer | BrowsableAPIRenderer):
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type
        return response


class ApiView(JsonErrors):
    """JSON errors whatever format was asked for; CSV only where a list allows it. Times in UTC."""

    permission_classes = [HasReadScope]
    csv_allowed = False
    replica_actions = ("list", "export")  # a view that is no viewset counts as a list

    def dispatch(self, request, *args, **kwargs):
        with timezone.override(UTC):  # one zone for every client, whatever the site's zone
            return super().dispatch(request, *args, **kwargs)

    def get_renderers(self):
        renderers = [renderer() for renderer in api_settings.DEFAULT_RENDERER_CLASSES]
        if self.csv_allowed and getattr(self, "action", "list") in ("list", "export"):
            renderers.append(CsvRenderer())
        return renderers

    def initial(self, request, *args, **kwargs):
        # An unsupported method is a 405 whatever else is wrong with the request.
        method = request.method.lower()
        if method not in self.http_method_names or getattr(self, method, None) is None:
            self.http_method_not_allowed(request, *args, **kwargs)
        super().initial(request, *args, **kwargs)
        # Signed in, allowed and throttled on the primary; a list's, an export's or a dashboard's
        # own reads may then go to the replica (DATABASE_REPLICA_URL). Details stay on the primary.
        if getattr(self, "action", "list") in self.replica_actions:
            setattr(self, method, reads_replica(getattr(self, method)))


    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reading types: no request
            return self.model.objects.none()
        return self.rows()

    def rows(self):
        raise NotImplementedError

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"  # staff records: no browser or proxy keeps a copy
        return response

    def required_scopes(self, request) -> list[str]:
        return [self.read_scope]

    @property
    def scope_alternatives(self) -> list[list[str]]:
        return [[self.read_scope]]


class SqlJsonList:
    """JSON list pages written by PostgreSQL (leadership.api.sqljson) from the serializer's fields.

    sql_json_fields: output name -> function of the view giving an SQL expression, for the fields
    the serializer computes in Python (SerializerMethodField). CSV pages keep the Python path.
    """

    sql_json_fields: dict = {}

    def sql_json_row(self, queryset):
        """The row's JSON as one SQL expression, or None where a field has no SQL (Python path)."""
        try:
            return row_expression(self, queryset)
        except NoSqlJson:
            return None

    def list(self, request, *args, **kwargs):
        if isinstance(getattr(request, "accepted_renderer", None), FastJSONRenderer):
            queryset = self.filter_queryset(self.get_queryset())
            row = self.sql_json_row(queryset)
            if row is not None:
                return self.paginator.get_paginated_response(
                    self.paginator.paginate_json(queryset, request, row))
        return self.python_list(request, *args, **kwargs)

    def python_list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class PublicIdViewSet(SqlJsonList, ApiView, viewsets.ReadOnlyModelViewSet):
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = "[^/]+"  # anything: a malformed id is a JSON 404, not the HTML page
    pagination_class = KeysetPagination
    csv_allowed = True
    # Output name -> field path or expression, the same fields as serializer_class: lists read these
    # with values_list instead of building model instances and serializing them field by field.
    list_columns: dict | None = None

    def python_list(self, request, *args, **kwargs):
        if self.list_columns is None:
            return super().python_list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        return self.paginator.get_paginated_response(
            self.paginator.paginate_columns(queryset, request, self.list_columns))

    def get_object(self):
        row = access.get_or_404(self.get_queryset(), self.kwargs[self.lookup_url_kwarg])
        self.check_object_permissions(self.request, row)
        return row


class CsvExport:
    """GET <list>/export/: every row the list would page through (same filters) as one CSV download."""

    export_filename = "export.csv"

    @extend_schema(filters=True, responses={(200, "text/csv"): OpenApiTypes.STR, **ERRORS},
                   description="The whole list as CSV, streamed: one request instead of a page walk.")
    @action(detail=False, url_path="export", pagination_class=None)
    def export(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        queryset = queryset.using(queryset.db)  # the stream runs after the view: keep its database
        response = StreamingHttpResponse(copy_csv(queryset, self.list_columns),
                                         content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.export_filename}"'
        return response


@extend_schema_view(
    list=extend_schema(summary="List organisations", parameters=[FORMAT_PARAMETER],
                       responses=list_responses(OrganisationOut)),
    retrieve=extend_schema(summary="One organisation", responses=detail_responses(OrganisationOut)),
)
class OrganisationViewSet(CsvExport, PublicIdViewSet):
    """The client's organisation, and for an ICB, CCG or region every organisation under it."""

    model = Organisation
    read_scope = ApiScope.ORGANISATIONS_READ
    serializer_class = OrganisationOut
    list_columns = ORGANISATION_COLUMNS
    export_filename = "organisations.csv"
    filterset_class = OrganisationFilter

    def rows(self):
        return access.api_organisations(self.request).select_related("parent", "successor")


@extend_schema_view(
    list=extend_schema(summary="List people", parameters=[FORMAT_PARAMETER],
                       responses=list_responses(PersonOut)),
    retrieve=extend_schema(summary="One person", responses=detail_responses(PersonOut)),
)
class PersonViewSet(CsvExport, PublicIdViewSet):
    """Staff records, current and former (filter with active=true)."""

    model = Person
    read_scope = ApiScope.PEOPLE_READ
    serializer_class = PersonOut
    list_columns = PERSON_COLUMNS
    export_filename = "people.csv"
    filterset_class = PersonFilter

    def rows(self):
        return access.api_people(self.request).select_related("organisation", "line_manager")


@extend_schema(summary="Deletions, so a mirror stays exact",
               responses=list_responses(DeletionOut, csv=False))
class DeletionList(SqlJsonList, ApiView, ListAPIView):
    """Records deleted since a moment, for the resource named. Needs that resource's read scope."""

    model = apps.get_model("leadership", "PersonEvent")  # for the schema; rows() picks the table
    serializer_class = DeletionOut
    filterset_class = DeletionFilter
    pagination_class = DeletionPagination
    sql_json_fields = {"resource": lambda view: Cast(Value(view._resource()), TextField())}
    # Each resource's feed needs the resource's own read scope, registered with the feed.
    @property
    def scopes_by_resource(self) -> dict[str, str]:
        return {resource: feed.scope for resource, feed in access.deletion_feeds().items()}

    @property
    def scope_alternatives(self) -> list[list[str]]:
        return [[scope] for scope in dict.fromkeys(self.scopes_by_resource.values())]

    def _resource(self) -> str | None:
        resource = self.request.query_params.get("resource")
        return resource if resource in self.scopes_by_resource else None

    def required_scopes(self, request) -> list[str]:
        resource = self._resource()
        # An unknown resource is refused by the filter (400) once the caller is known.
        return [self.scopes_by_resource[resource]] if resource else []

    def rows(self):
        resource = self._resource()
        if resource is None:  # the filter refuses the request with a 400
            return self.model.objects.none()
        return access.api_deletions(self.request, resource).only("pgh_id", "pgh_created_at", "public_id")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "resource": self._resource()}


class SchemaView(JsonErrors, SpectacularAPIView):
    """The OpenAPI document: for any valid client token or signed-in user."""

    permission_classes = [IsApiActor]


class DocsView(JsonErrors, SpectacularSwaggerSplitView):
    """Swagger UI with its script served separately and its assets from our own static files (CSP)."""

    permission_classes = [IsApiActor]
    url_name = "api:schema"


class NotFoundView(APIView):
    """Any other /api/ URL: a JSON 404 for everyone, in the API's error shape."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = []

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        raise NotFound(errors.NOT_FOUND)

    # Whatever the method, even one HTTP does not define: there is nothing here to allow.
    post = put = patch = delete = head = options = trace = http_method_not_allowed = get


class TokenView(oauth_views.TokenView):
    """django-oauth-toolkit's token endpoint; a method other than POST is a JSON 405, not an empty page."""

    def http_method_not_allowed(self, request, *args, **kwargs):
        response = errors.api_error_response(405, f'Method "{request.method}" not allowed.')
        response["Allow"] = ", ".join(self._allowed_methods())
        return response
