"""Query filters for API lists. Anything that does not parse is a 400 with a message per field."""

import re
from datetime import UTC

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from leadership.access import DELETION_RESOURCE_SCHEMA, deletion_feeds
from leadership.dates import clamp_to_range
from leadership.models import Band, ManagementLevel, Organisation, OrganisationKind, Person, StaffGroup

DATETIME_HELP = ("An ISO 8601 date and time with an offset, such as 2025-04-01T02:00:00Z; one before 1900 "
                 "or after 2100 counts as the start of 1900 or the end of 2100.")
BOOLEAN_CHOICES = [("true", "true"), ("false", "false")]


# RFC 3339, as OpenAPI's date-time format means it: a T, seconds, and an offset or Z.
RFC_3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", re.IGNORECASE)
ODS_CODE = r"^[A-Za-z0-9]{1,10}$"


class UpdatedSinceField(IsoDateTimeField):
    default_error_messages = {
        "invalid": "Enter a date and time in ISO 8601 form, such as 2025-04-01T02:00:00Z."
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not RFC_3339.fullmatch(str(value)):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        parsed = clamp_to_range(super().to_python(value))  # the date as written, before the move to UTC
        try:
            # In UTC, so PostgreSQL never sees an offset it cannot hold (it allows +-15:59).
            return parsed.astimezone(UTC)
        except OverflowError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class UpdatedSinceFilter(filters.IsoDateTimeFilter):
    field_class = UpdatedSinceField


def updated_since_filter(noun: str) -> UpdatedSinceFilter:
    """The `updated_since` parameter of every list: rows changed at or after the moment."""
    return UpdatedSinceFilter(field_name="updated_at", lookup_expr="gte",
                              help_text=f"Only {noun} changed at or after this moment. {DATETIME_HELP}")


class QueryDateField(forms.DateField):
    """A date bound of a query, brought into the portal's range (leadership.dates.clamp_to_range)."""

    def to_python(self, value):
        return clamp_to_range(super().to_python(value))


class UserDateFilter(filters.DateFilter):
    """A date parameter: any valid date, outside 1900-2100 taken as the nearest end of the range."""

    field_class = QueryDateField


class StrictFilterSet(filters.FilterSet):
    """A parameter sent empty is an error, not a filter silently skipped."""

    def is_valid(self):
        valid = super().is_valid()
        for name in self.filters:
            if name in self.data and self.data.get(name) == "":
                self.form.add_error(name, "Give a value, or leave this parameter out.")
                valid = False
        return valid


@extend_schema_field(OpenApiTypes.BOOL)
class BooleanChoiceFilter(filters.ChoiceFilter):
    """Only the words true and false: anything else is a 400, where BooleanFilter would ignore it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, choices=BOOLEAN_CHOICES, **kwargs)

    def filter(self, qs, value):
        if value in ("", None):
            return qs
        return qs.filter(**{self.field_name: value == "true"})


class OrganisationFilter(StrictFilterSet):
    kind = filters.ChoiceFilter(choices=OrganisationKind.choices, help_text="Organisation kind.")
    active = BooleanChoiceFilter(help_text="Only active (true) or only dissolved (false) organisations.")
    updated_since = updated_since_filter("organisations")

    class Meta:
        model = Organisation
        fields = ["kind", "active", "updated_since"]


class PersonFilter(StrictFilterSet):
    organisation = filters.CharFilter(
        method="filter_organisation", help_text="ODS code of the person's organisation.",
        validators=[RegexValidator(ODS_CODE, "Enter an ODS code: letters and digits only.")],
    )
    management_level = filters.ChoiceFilter(choices=ManagementLevel.choices)
    band = filters.ChoiceFilter(choices=Band.choices, help_text="Agenda for Change band.")
    staff_group = filters.ChoiceFilter(choices=StaffGroup.choices)
    active = BooleanChoiceFilter(help_text="Only current (true) or only former (false) staff.")
    updated_since = updated_since_filter("people")

    class Meta:
        model = Person
        fields = ["organisation", "management_level", "band", "staff_group", "active", "updated_since"]

    @extend_schema_field({"type": "string", "pattern": ODS_CODE})
    def filter_organisation(self, queryset, name, value):
        return queryset.filter(organisation__ods_code=value.upper())


@extend_schema_field(DELETION_RESOURCE_SCHEMA)
class ResourceFilter(filters.ChoiceFilter):
    """A resource name; the names come from the apps' registered feeds, read at request time."""


class DeletionFilter(StrictFilterSet):
    """The view picks the event table by `resource`; `since` bounds the feed for a delta pull."""

    resource = ResourceFilter(
        choices=lambda: [(name, name) for name in deletion_feeds()], required=True, method="filter_nothing",
        help_text="Which resource's deletions to list: the resource's name as in its URL, such as people.",
    )
    since = UpdatedSinceFilter(
        field_name="pgh_created_at", lookup_expr="gte",
        help_text=f"Only deletions at or after this moment. {DATETIME_HELP}",
    )

    def filter_nothing(self, queryset, name, value):
        return queryset  # the view already chose the table for this resource


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, skipped when a request names none of the view's filters: building a
    FilterSet deep-copies every filter and its choices, a millisecond on every page of a pull."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not any(
            name in request.query_params or declared.extra.get("required")
            for name, declared in filterset_class.base_filters.items()
        ):
            return queryset
        return super().filter_queryset(request, queryset, view)
