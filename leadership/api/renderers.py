"""CSV for people who want a spreadsheet, and content negotiation that answers 400, not 404."""

import csv
import io

from django.http import Http404
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.settings import api_settings

from leadership.exports import safe_cell


def _cell(value) -> str:
    if isinstance(value, bool):
        value = "true" if value else "false"
    elif isinstance(value, list | tuple):
        value = ";".join(str(item) for item in value)
    return safe_cell(value)


class CsvRenderer(BaseRenderer):
    """One page of a list as CSV; the next page's URL is in the Link header. Formulas neutralised."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        view = (renderer_context or {}).get("view")
        rows = data.get("results", []) if isinstance(data, dict) else data or []
        header = list(view.get_serializer().fields) if view is not None else list(rows[0] if rows else [])
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        for row in rows:
            writer.writerow([_cell(row.get(column)) for column in header])
        return out.getvalue().encode(self.charset)


class StrictContentNegotiation(DefaultContentNegotiation):
    """An unknown ?format= is a bad parameter (400), where DRF would answer 404."""

    def select_renderer(self, request, renderers, format_suffix=None):
        if request.query_params.get(api_settings.URL_FORMAT_OVERRIDE) == "":
            raise ValidationError({"format": ["Give a format, or leave this parameter out."]})
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            formats = ", ".join(sorted({renderer.format for renderer in renderers}))
            raise ValidationError({"format": [f"Unknown format. Use one of: {formats}."]}) from None
