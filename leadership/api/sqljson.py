"""PostgreSQL writes a list page's JSON: one statement, one text value, no Python rows.

The SQL is derived from the viewset's serializer, field by field, so the bytes are the ones the
serializer and leadership.api.renderers.FastJSONRenderer (orjson, compact) write: UUIDs and
decimals as strings (decimals quantised to the field's places), UTC times with Z and microseconds
only when there are any, nested objects from joins and nested lists from correlated ARRAY
subqueries in the order the prefetches give. Text goes through to_json, whose escapes are orjson's
(tests/api/test_sql_json.py compares the two for every list resource).

A SerializerMethodField has no SQL of its own: the viewset names an expression for it in
sql_json_fields, or the list keeps its Python path (NoSqlJson).
"""

import orjson
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import (
    BooleanField,
    DateField,
    DateTimeField,
    DecimalField,
    Expression,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Prefetch,
    TextField,
    UUIDField,
    Value,
)
from django.db.models.constants import LOOKUP_SEP
from django.db.models.functions import Coalesce
from rest_framework import fields as drf
from rest_framework import relations, serializers
from rest_framework.settings import api_settings


class NoSqlJson(Exception):
    """A field the SQL cannot write the way its serializer does."""


class JsonText(Func):
    """An expression that is already JSON text (never SQL NULL): goes into an object as it is."""

    output_field = TextField()
    template = "%(expressions)s"


class _Value(JsonText):
    pass


# Each kind of value as JSON text; SQL NULL becomes null.
TO_JSON = "coalesce(to_json(%(expressions)s)::text, 'null')"
AS_STRING = "coalesce('\"' || (%(expressions)s)::text || '\"', 'null')"  # uuids, numeric: nothing to escape
# As DRF writes a time in UTC: isoformat(), +00:00 as Z, no fraction when the microseconds are 0.
DATETIME = ("coalesce('\"' || replace(to_char(%(expressions)s AT TIME ZONE 'UTC',"
            " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), '.000000Z', 'Z') || '\"', 'null')")


def boolean(condition) -> Coalesce:
    """A condition as true or false, never null (as a Python `and` of the same tests gives)."""
    return Coalesce(ExpressionWrapper(condition, output_field=BooleanField()), Value(False))


def to_json(expression) -> JsonText:
    return _Value(expression, template=TO_JSON)


def decimal_text(expression, places: int) -> JsonText:
    # round() is half away from zero, as DRF's quantize (ROUND_HALF_UP); the scale becomes `places`.
    return _Value(Func(expression, template=f"round(%(expressions)s, {int(places)})"), template=AS_STRING)


def datetime_text(expression) -> JsonText:
    return _Value(expression, template=DATETIME)


def uuid_text(expression) -> JsonText:
    return _Value(expression, template=AS_STRING)


class JsonObject(Func):
    """'{"key":' || value || ',"key2":' || value2 || '}': compact, keys in the serializer's order."""

    output_field = TextField()

    def __init__(self, members: dict, null_when=None):
        self.keys = list(members)
        self.has_null_when = null_when is not None
        super().__init__(*members.values(), *([null_when] if null_when is not None else []))

    def as_sql(self, compiler, connection, **extra):
        expressions = self.get_source_expressions()
        null_when = expressions.pop() if self.has_null_when else None
        parts, params = [], []
        for index, (key, expression) in enumerate(zip(self.keys, expressions, strict=True)):
            literal = ("{" if index == 0 else ",") + orjson.dumps(key).decode() + ":"
            sql, expression_params = compiler.compile(expression)
            parts += ["'" + literal.replace("'", "''") + "'", f"({sql})"]
            params += expression_params
        sql = " || ".join([*parts, "'}'"]) if parts else "'{}'"
        if null_when is not None:  # a nested object whose key is null is null, as DRF writes it
            null_sql, null_params = compiler.compile(null_when)
            sql = f"CASE WHEN ({null_sql}) IS NULL THEN 'null' ELSE {sql} END"
            params = [*null_params, *params]
        return f"({sql})", params


class JsonList(Func):
    """A correlated subquery's JSON texts, in its order, as one JSON array."""

    output_field = TextField()
    template = "('[' || array_to_string(%(expressions)s, ',') || ']')"


def _model_field(model, path: str):
    field = None
    for name in path.split(LOOKUP_SEP):
        field = model._meta.get_field(name)
        model = field.related_model or model
    return field


def _scalar(model, path: str, field) -> JsonText:
    """A serializer field's value at a field path, written as the field writes it."""
    expression = F(path)
    if isinstance(field, drf.DecimalField):
        if not getattr(field, "coerce_to_string", api_settings.COERCE_DECIMAL_TO_STRING):
            raise NoSqlJson(f"{path}: a decimal written as a number")
        return decimal_text(expression, field.decimal_places)
    if isinstance(field, drf.DateTimeField):
        return datetime_text(expression)
    if isinstance(field, drf.UUIDField):
        if field.uuid_format != "hex_verbose":
            raise NoSqlJson(f"{path}: a UUID in {field.uuid_format}")
        return uuid_text(expression)
    if isinstance(field, drf.FloatField | drf.JSONField | drf.DurationField | drf.TimeField):
        raise NoSqlJson(f"{path}: {type(field).__name__} is not written in SQL")
    model_field = _model_field(model, path)
    if isinstance(field, drf.ReadOnlyField | relations.SlugRelatedField):  # the model field's own type
        if isinstance(model_field, DecimalField):
            return decimal_text(expression, model_field.decimal_places)
        if isinstance(model_field, DateTimeField):
            return datetime_text(expression)
        if isinstance(model_field, UUIDField):
            return uuid_text(expression)
    if isinstance(field, drf.DateField) and not isinstance(model_field, DateField):
        raise NoSqlJson(f"{path}: a date from a {type(model_field).__name__}")
    if isinstance(field, drf.BooleanField) and not isinstance(model_field, BooleanField):
        raise NoSqlJson(f"{path}: a boolean from a {type(model_field).__name__}")
    if isinstance(field, drf.ListField) and not isinstance(model_field, ArrayField):
        raise NoSqlJson(f"{path}: a list from a {type(model_field).__name__}")
    return to_json(expression)  # text, integers, booleans, dates (ISO), arrays of text


def _prefetches(queryset) -> dict:
    """The queryset's prefetches by the attribute each fills (to_attr or the relation's name)."""
    found = {}
    for lookup in getattr(queryset, "_prefetch_related_lookups", ()):
        prefetch = lookup if isinstance(lookup, Prefetch) else Prefetch(lookup)
        if LOOKUP_SEP not in prefetch.prefetch_to:
            found[prefetch.prefetch_to] = prefetch
    return found


def _related_rows(model, attribute: str, prefetches: dict):
    """The rows a many-relation (or its prefetch) gives one outer row, as a correlated queryset."""
    prefetch = prefetches.get(attribute)
    relation = prefetch.prefetch_through if prefetch is not None else attribute
    field = model._meta.get_field(relation)
    if not (field.one_to_many or field.many_to_many):
        raise NoSqlJson(f"{model.__name__}.{attribute} is not a many-relation")
    # A forward many-to-many filters by its related query name; a reverse relation by its field.
    back = field.related_query_name() if field.many_to_many and not field.auto_created else field.field.name
    rows = prefetch.queryset if prefetch is not None and prefetch.queryset is not None else None
    if rows is None:
        rows = field.related_model._default_manager.all()
    # The prefetch's own order (the model's default unless it says), then the key to break ties.
    ordering = list(rows.query.order_by or rows.model._meta.ordering) + ["pk"]
    return rows.filter(**{back: OuterRef("pk")}).order_by(*ordering)


def serializer_json(model, serializer, sql_fields: dict | None = None, queryset=None,
                    prefix: str = "", null_when=None) -> JsonObject:
    """The JSON object a serializer writes for one row of `model`, as one SQL expression."""
    sql_fields = sql_fields or {}
    prefetches = _prefetches(queryset) if queryset is not None else {}
    members = {}
    for name, field in serializer.fields.items():
        if name in sql_fields:
            expression = sql_fields[name]
            members[name] = expression if isinstance(expression, JsonText) else to_json(expression)
            continue
        if field.source == "*" or isinstance(field, serializers.SerializerMethodField):
            raise NoSqlJson(f"{type(serializer).__name__}.{name} has no SQL (name it in sql_json_fields)")
        path = prefix + field.source.replace(".", LOOKUP_SEP)
        if isinstance(field, serializers.ListSerializer):
            rows = _related_rows(model, path, prefetches)
            item = serializer_json(rows.model, field.child, queryset=rows)
            members[name] = JsonList(ArraySubquery(rows.values(sqljson_item=item)))
        elif isinstance(field, relations.ManyRelatedField):
            child = field.child_relation
            if not isinstance(child, relations.SlugRelatedField):
                raise NoSqlJson(f"{name}: a many-relation that is not a slug")
            rows = _related_rows(model, path, prefetches)
            item = _scalar(rows.model, child.slug_field, child)
            members[name] = JsonList(ArraySubquery(rows.values(sqljson_item=item)))
        elif isinstance(field, serializers.BaseSerializer):  # one nested object, through joins
            relation = _model_field(model, path)
            members[name] = serializer_json(model, field, prefix=path + LOOKUP_SEP,
                                            null_when=F(path) if relation.null else None)
        elif isinstance(field, relations.SlugRelatedField):
            members[name] = _scalar(model, path + LOOKUP_SEP + field.slug_field, field)
        elif isinstance(field, relations.RelatedField):
            raise NoSqlJson(f"{name}: {type(field).__name__} is not written in SQL")
        else:
            members[name] = _scalar(model, path, field)
    return JsonObject(members, null_when=null_when)


class Page:
    """One page's rows as JSON text, and the key of its last row when another page follows."""

    def __init__(self, text: str, next_after):
        self.text, self.next_after = text, next_after


PAGE_SQL = (
    "SELECT '[' || coalesce(string_agg(s.sqljson_row, ',' ORDER BY s._n) FILTER (WHERE s._n <= %s), '')"
    " || ']', (array_agg(s.sqljson_moment) FILTER (WHERE s._n = %s))[1],"
    " (array_agg(s.sqljson_key) FILTER (WHERE s._n = %s))[1], count(*)"
    " FROM (SELECT t.sqljson_row, t.sqljson_moment, t.sqljson_key,"
    " row_number() OVER (ORDER BY t.sqljson_moment, t.sqljson_key) AS _n FROM ({inner}) t) s"
)


def json_page(queryset, row: Expression, ordering, size: int) -> Page:
    """The first `size` rows of the ordered queryset as one JSON array text (one statement).

    The inner query reads size + 1 rows in keyset order; the outer one joins the first `size` and
    returns the key of the last of them when the look-ahead row exists.
    """
    moment, key = ordering
    inner = queryset.order_by(*ordering).values(
        sqljson_row=row, sqljson_moment=F(moment), sqljson_key=F(key))[: size + 1]
    database = inner.db  # the router's choice: the replica for an API list when one is configured
    try:
        sql, params = inner.query.get_compiler(using=database).as_sql()
    except EmptyResultSet:  # a scope that can match nothing: no rows, no query
        return Page("[]", None)
    statement = PAGE_SQL.replace("{inner}", sql)  # the queryset's own SQL: its values are parameters
    with connections[database].cursor() as cursor:
        cursor.execute(statement, (size, size, size, *params))
        text, last_moment, last_key, count = cursor.fetchone()
    return Page(text, (last_moment, last_key) if count > size else None)


def row_expression(view, queryset) -> JsonObject:
    """The viewset's serializer as SQL, with its sql_json_fields (name -> expression of the view)."""
    sql_fields = {name: make(view) for name, make in getattr(view, "sql_json_fields", {}).items()}
    return serializer_json(queryset.model, view.get_serializer(), sql_fields, queryset=queryset)
