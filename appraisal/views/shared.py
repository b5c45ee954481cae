"""What the appraisal pages share: fetching an appraisal or organisation within reach, the way back."""

from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse

from appraisal import access, presenters
from appraisal.models import Appraisal
from leadership.models import Organisation


def crumbs() -> list[tuple[str, str]]:
    """Every appraisal page sits under the app's own page: Home, then Appraisal."""
    return [("Appraisal", reverse("appraisal:my_appraisals"))]


def appraisal_or_404(request, public_id) -> Appraisal:
    return access.get_or_404(
        access.appraisals(request.user).select_related(
            "appraisee", "appraiser", "countersigner", "cycle", "organisation", "template"
        ),
        public_id,
    )


def managed_organisation_or_404(request, ods_code) -> Organisation:
    return access.managed_organisation_or_404(request.user, ods_code)


def back_to_appraisal(appraisal: Appraisal) -> tuple[str, str]:
    return "the appraisal", reverse("appraisal:appraisal_detail", args=[appraisal.public_id])


def to_appraisal(appraisal: Appraisal) -> HttpResponseRedirect:
    return redirect("appraisal:appraisal_detail", appraisal.public_id)


def table_row(appraisal: Appraisal) -> dict:
    """One row of templates/appraisal/_appraisal_table.html."""
    return {
        "appraisal": appraisal,
        "state": presenters.state(appraisal),
        "waiting_on": presenters.waiting_on(appraisal),
    }
