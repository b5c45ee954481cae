"""Lists and exports that read columns instead of model instances.

A viewset's list_columns maps each output name to a field path ("person__public_id") or an
expression, the same fields as its serializer. Pages read them with values_list (page_column);
exports have PostgreSQL write the CSV itself (export_column, leadership/api/export.py).
"""

from django.contrib.postgres.fields import ArrayField
from django.db.models import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    F,
    Func,
    TextField,
    UUIDField,
)
from django.db.models.constants import LOOKUP_SEP
from django.db.models.functions import Cast


def _field(model, spec):
    if not isinstance(spec, str):
        return spec.output_field
    for name in spec.split(LOOKUP_SEP):
        field = model._meta.get_field(name)
        model = field.related_model or model
    return field


def _expression(spec):
    return F(spec) if isinstance(spec, str) else spec


def page_column(model, spec):
    """For a page. UUIDs and decimals come as the text the API writes anyway: building uuid.UUID and
    Decimal objects only to turn them back into text costs more than the query."""
    if isinstance(_field(model, spec), UUIDField | DecimalField):
        return Cast(_expression(spec), TextField())
    return _expression(spec)


class _Sql(Func):
    output_field = TextField()

    def as_sql(self, compiler, connection, **extra):
        sql, params = super().as_sql(compiler, connection, **extra)
        return sql, tuple(params) * self.template.count("%(expressions)s")  # each use binds its own


def export_column(model, spec):
    """For COPY: the text the page's CSV has (leadership.api.renderers.CsvRenderer), formulas
    neutralised (leadership.exports.safe_cell), times in UTC with Z and no zero microseconds."""
    field, expression = _field(model, spec), _expression(spec)
    if isinstance(field, ArrayField):
        expression = _Sql(expression, template="array_to_string(%(expressions)s, ';')")
    if isinstance(field, BooleanField):
        return _Sql(expression,
                    template="CASE %(expressions)s WHEN true THEN 'true' WHEN false THEN 'false' END")
    if isinstance(field, DateTimeField):
        # Microseconds only when there are any, as Python's isoformat() writes them.
        return _Sql(expression, template=(
            "CASE WHEN date_trunc('second', %(expressions)s) = %(expressions)s"
            " THEN to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
            " ELSE to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') END"))
    if isinstance(field, DateField):
        return _Sql(expression, template="to_char(%(expressions)s, 'YYYY-MM-DD')")
    if isinstance(field, CharField | TextField | ArrayField):
        # leadership.exports.FORMULA_PREFIXES (= + - @ tab, carriage return) get a ' in front.
        return _Sql(expression, template=(
            "CASE WHEN left(%(expressions)s, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r')"
            " THEN '''' || %(expressions)s ELSE %(expressions)s END"))
    return Cast(expression, TextField())
