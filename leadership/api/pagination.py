"""Keyset pagination on (updated_at, public id): exact under inserts and ties, cheap at any depth.

DRF's CursorPagination breaks ties with an offset capped at 1,000, and an import stamps thousands of
people with one updated_at; a keyset on a unique second column has no such limit. The tie-breaker is
the public id, so a cursor carries no database key.

An empty cursor is the first page. Any other cursor we did not issue is a 404, as DRF's own
CursorPagination answers: the schema can only say "a string", so a string it allows is never a 400.
"""

import binascii
import re
import uuid
from base64 import b64decode, b64encode
from datetime import timedelta

import orjson
from django.db.models import BooleanField, DateTimeField, Func, Q, UUIDField, Value
from django.utils.dateparse import parse_datetime
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from leadership.api.columns import page_column
from leadership.api.sqljson import json_page

MAX_PAGE_SIZE = 1000
BAD_CURSOR = "This cursor is not valid: follow the next link exactly as it was given."


class RowCompare(Func):
    """(moment, id) > (%s, %s), or another operator: one row comparison, which the (moment, id) index
    uses as a bound of its scan, however many rows share the moment. (NOT of a row comparison is
    only a filter: the scan would read on to the end of the index.)"""

    output_field = BooleanField()
    template = "(%(expressions)s)"

    def __init__(self, *expressions, operator: str, **extra):
        self.operator = operator
        super().__init__(*expressions, **extra)

    def as_sql(self, compiler, connection, **extra):
        (moment_sql, moment_params), (id_sql, id_params), (after_sql, after_params), (key_sql, key_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions())
        return (f"({moment_sql}, {id_sql}) {self.operator} ({after_sql}, {key_sql})",
                (*moment_params, *id_params, *after_params, *key_params))


def _keyset(ordering, key, operator: str) -> Q:
    (moment_field, id_field), (moment, last_id) = ordering, key
    return Q(RowCompare(moment_field, id_field, Value(moment, output_field=DateTimeField()),
                        Value(last_id, output_field=UUIDField()), operator=operator))


def keyset_after(ordering, key) -> Q:
    """Rows after the key in the (moment, id) order."""
    return _keyset(ordering, key, ">")


def keyset_up_to(ordering, key) -> Q:
    """Rows up to and including the key in the (moment, id) order."""
    return _keyset(ordering, key, "<=")


class KeysetPagination(BasePagination):
    ordering = ("updated_at", "public_id")
    page_size = 100
    max_page_size = MAX_PAGE_SIZE
    page_size_query_param = "page_size"
    cursor_query_param = "cursor"

    def paginate_queryset(self, queryset, request, view=None):
        rows = list(self._page(queryset, request))
        return self._trim(rows, lambda row: tuple(getattr(row, field) for field in self.ordering))

    def paginate_columns(self, queryset, request, columns: dict) -> list[dict]:
        """One page as plain dicts of the columns (output name -> field path or expression).

        No model instances and no serializer: a page of 1,000 rows costs little more than its query.
        The columns must include the ordering fields under the names id and updated_at.
        """
        names = list(columns)
        selected = [page_column(queryset.model, spec) for spec in columns.values()]
        rows = [dict(zip(names, values, strict=True)) for values in self._page(queryset, request).values_list(
            *selected)]
        return self._trim(rows, lambda row: (row["updated_at"], row["id"]))

    def paginate_json(self, queryset, request, row) -> orjson.Fragment:
        """One page written by PostgreSQL as JSON text (leadership.api.sqljson): the row expression
        over the same filtered queryset and keyset; the text goes to the client as it is."""
        page = json_page(self._after(queryset, request), row, self.ordering, self.size)
        self.next_after = page.next_after
        return orjson.Fragment(page.text)

    def _after(self, queryset, request):
        self.request = request
        self.size = self.get_page_size(request)
        after = self.decode_cursor(request)
        return queryset if after is None else queryset.filter(keyset_after(self.ordering, after))

    def _page(self, queryset, request):
        return self._after(queryset, request).order_by(*self.ordering)[: self.size + 1]

    def _trim(self, rows: list, key) -> list:
        """Drop the look-ahead row; remember where the next page starts if there is one."""
        self.next_after = None
        if len(rows) > self.size:
            rows = rows[: self.size]
            self.next_after = key(rows[-1])
        return rows

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not re.fullmatch(r"[0-9]{1,4}", raw) or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [f"Enter a whole number from 1 to {self.max_page_size}."]}
            )
        return int(raw)

    def decode_cursor(self, request):
        encoded = request.query_params.get(self.cursor_query_param)
        if not encoded:  # absent or empty: the first page
            return None
        try:
            text = b64decode(encoded, altchars=b"-_", validate=True).decode("ascii")
            moment_text, id_text = text.split("|")
            moment, last_id = parse_datetime(moment_text), uuid.UUID(id_text)
        except (ValueError, binascii.Error, UnicodeError):
            raise NotFound(BAD_CURSOR) from None
        # Cursors are written in UTC; anything else was not written by us.
        if moment is None or moment.utcoffset() != timedelta(0):
            raise NotFound(BAD_CURSOR)
        return moment, last_id

    @staticmethod
    def encode_cursor(moment, last_id) -> str:
        return b64encode(f"{moment.isoformat()}|{last_id}".encode("ascii"), altchars=b"-_").decode("ascii")

    def get_next_link(self) -> str | None:
        if self.next_after is None:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, self.encode_cursor(*self.next_after))

    def get_paginated_response(self, data):
        next_link = self.get_next_link()
        response = Response({"next": next_link, "results": data})
        if next_link:
            response["Link"] = f'<{next_link}>; rel="next"'
        return response

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri",
                         "description": "The next page; null on the last page."},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {"name": self.cursor_query_param, "required": False, "in": "query",
             "description": "Where the page starts: copy it from the previous page's next link. Empty or "
                            "absent: the first page. A cursor the API did not issue: 404.",
             "schema": {"type": "string"}},
            {"name": self.page_size_query_param, "required": False, "in": "query",
             "description": f"Rows per page, 1 to {self.max_page_size}.",
             "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size,
                        "default": self.page_size}},
        ]


class DeletionPagination(KeysetPagination):
    ordering = ("pgh_created_at", "public_id")
