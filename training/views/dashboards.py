"""Training dashboards (R3): national figures, and an organisation's beside everyone's."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from leadership.exports import csv_response
from training import access, selectors

CSV_HEADER = ["Section", "Row", "Measure", "Value"]


def _dashboard_organisation(request, ods_code):
    organisation = (
        access.training_dashboard_organisations(request.user).filter(ods_code=ods_code.upper()).first()
    )
    if organisation is None:
        raise Http404
    return organisation


@login_required
def dashboard_national(request):
    if not access.sees_every_organisation(request.user):
        raise Http404
    return render(
        request,
        "training/dashboard.html",
        {
            "scope": "NHS in England",
            "figures": selectors.training_dashboard(None),
            "national": None,
            "export_url": "training:dashboard_national_export",
            "organisation": None,
        },
    )


@login_required
def dashboard_national_export(request):
    if not access.sees_every_organisation(request.user):
        raise Http404
    rows = selectors.dashboard_csv_rows(selectors.training_dashboard(None), "NHS in England")
    return csv_response("training-national.csv", CSV_HEADER, rows)


@login_required
def dashboard_organisation(request, ods_code):
    organisation = _dashboard_organisation(request, ods_code)
    return render(
        request,
        "training/dashboard.html",
        {
            "scope": organisation.name,
            "organisation": organisation,
            "figures": selectors.training_dashboard(
                {organisation.id}, exact=access.sees_exact_figures(request.user, organisation)
            ),
            "national": selectors.training_dashboard(None),  # everyone's figures: small numbers hidden
            "export_url": "training:dashboard_organisation_export",
        },
    )


@login_required
def dashboard_organisation_export(request, ods_code):
    organisation = _dashboard_organisation(request, ods_code)
    figures = selectors.training_dashboard(
        {organisation.id}, exact=access.sees_exact_figures(request.user, organisation)
    )
    rows = selectors.dashboard_csv_rows(figures, organisation.name)
    return csv_response(f"training-{organisation.ods_code}.csv", CSV_HEADER, rows)
