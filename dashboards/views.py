"""Trust, footprint and national dashboards: figures from the summary tables, CSV of every table."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from dashboards import presenters, selectors
from leadership import access
from leadership.exports import csv_response
from leadership.replica import reads_replica


def _organisation_or_404(queryset, ods_code: str):
    organisation = queryset.filter(ods_code=ods_code.upper()).first()
    if organisation is None:
        raise Http404
    return organisation


def _render(request, template: str, tables: list, context: dict, sort: str = "",
            descending: bool = False, *, trend=None, headlines=()):
    """The page, or one of its tables as CSV when ?format=csv&table=<name> asks for it. The summary
    (headlines) comes first, then the trend as charts with their tables, then the other tables."""
    if request.GET.get("format") == "csv":
        downloadable = [*tables, trend] if trend is not None else tables
        table = next((t for t in downloadable if t.name == request.GET.get("table")), None)
        if table is None:
            raise Http404
        return csv_response(f"{table.name}.csv", table.columns, presenters.csv_rows(table))
    refresh = selectors.latest_refresh()
    return render(request, template, {
        **context, "refresh": refresh,
        "headlines": presenters.headlines(headlines),
        "trend": trend, "trends": presenters.trends(trend) if trend is not None else [],
        "trend_note": presenters.small_numbers_note(trend) if trend is not None else "",
        "tables": [presenters.present(t, sort, descending) for t in tables],
    })


def _sort(request) -> tuple[str, bool]:
    return request.GET.get("sort", ""), request.GET.get("dir") == "desc"


@login_required
@reads_replica
def organisation_dashboard(request, ods_code):
    organisation = _organisation_or_404(access.dashboard_organisations(request.user), ods_code)
    refresh = selectors.latest_refresh()
    tables, trend = [], None
    if refresh is not None:
        exact = access.sees_exact_figures(request.user, organisation)  # small numbers: only the employer
        tables = selectors.organisation_tables(organisation, refresh.period, exact=exact)
        trend = selectors.organisation_trend(organisation, refresh.period, exact=exact)
    return _render(request, "dashboards/organisation.html", tables, {"organisation": organisation},
                   trend=trend, headlines=selectors.organisation_headlines(tables))


@login_required
@reads_replica
def footprint_dashboard(request, ods_code):
    footprint = _organisation_or_404(access.dashboard_footprints(request.user), ods_code)
    refresh = selectors.latest_refresh()
    sort, descending = _sort(request)
    exact_ids = access.exact_figure_organisations(request.user)
    if refresh is None:
        return _render(request, "dashboards/footprint.html", [], {"footprint": footprint})
    table = selectors.footprint_table(footprint, refresh.period, sort, descending, exact_ids)
    member_ids = [org.id for org in selectors.footprint_members(footprint)]
    trend = selectors.scope_trend(member_ids, refresh.period,
                                  exact=bool(member_ids) and set(member_ids) <= exact_ids)
    return _render(request, "dashboards/footprint.html", [table], {"footprint": footprint},
                   sort, descending, trend=trend,
                   headlines=selectors.footprint_headlines(table, refresh.period, len(member_ids)))


@login_required
@reads_replica
def national_dashboard(request):
    if not access.sees_national_dashboard(request.user):
        raise Http404
    refresh = selectors.latest_refresh()
    sort, descending = _sort(request)
    exact_ids = access.exact_figure_organisations(request.user)
    if refresh is None:
        return _render(request, "dashboards/national.html", [], {})
    tables = selectors.national_tables(refresh.period, sort, descending, exact_ids)
    trend = selectors.scope_trend(None, refresh.period)  # England's figures are everyone's
    return _render(request, "dashboards/national.html", tables, {}, sort, descending, trend=trend,
                   headlines=selectors.trend_headlines(trend))


@login_required
@reads_replica
def dashboard_index(request):
    """Where the signed-in user's dashboards are."""
    return render(request, "dashboards/index.html", {
        "organisations": access.dashboard_organisations(request.user).filter(
            kind__in=["nhs_trust", "foundation_trust"]).order_by("name")[:50],
        "footprints": access.dashboard_footprints(request.user).order_by("name")[:60],
        "national": access.sees_national_dashboard(request.user),
    })
