"""Calibration (HR admins): a cycle's bands side by side, its reviews, and the band changes agreed."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from appraisal import access, forms, selectors, services
from appraisal.models import CalibrationReview
from appraisal.views.shared import (
    appraisal_or_404,
    back_to_appraisal,
    crumbs,
    managed_organisation_or_404,
    to_appraisal,
)
from leadership.web import REFUSED, posted, render_form_page, submit


@login_required
def calibration(request, ods_code):
    organisation = managed_organisation_or_404(request, ods_code)
    cycles = list(access.appraisal_cycles(request.user).filter(organisation=organisation))
    cycle = next(
        (c for c in cycles if str(c.public_id) == request.GET.get("cycle")), cycles[0] if cycles else None
    )
    form = forms.CalibrationReviewForm(posted(request) if cycle is not None else None)  # no cycle: no form
    if cycle is not None and submit(
        request,
        form,
        lambda data: services.calibration_review_create(actor=request.user, cycle=cycle, **data),
        success="Calibration review recorded: agree changes from each appraisal's page.",
    ) is not REFUSED:
        return redirect(f"{request.path}?cycle={cycle.public_id}")
    rated = []
    if cycle is not None:
        rated = cycle.appraisals.filter(overall_score__isnull=False).select_related("appraisee", "appraiser")
    return render(
        request,
        "appraisal/calibration.html",
        {
            "organisation": organisation,
            "cycles": cycles,
            "cycle": cycle,
            "form": form,
            "figures": selectors.calibration(organisation, cycle) if cycle else None,
            "rated": rated,
            "reviews": CalibrationReview.objects.filter(
                organisation=organisation, cycle=cycle
            ).prefetch_related("changes__appraisal__appraisee")
            if cycle
            else [],
        },
    )


@login_required
def calibration_change(request, public_id):
    appraisal = appraisal_or_404(request, public_id)
    if not access.is_hr_for(request.user, appraisal.organisation):
        raise Http404  # only HR calibrate: for anyone else this page is not there
    review = CalibrationReview.objects.filter(cycle=appraisal.cycle).first()

    def record(data):
        if review is None:
            raise ValidationError("Record the calibration review on the calibration page first.")
        return services.calibration_change(actor=request.user, review=review, appraisal=appraisal, **data)

    form = forms.CalibrationChangeForm(posted(request))
    if submit(request, form, record, success="Calibration change recorded.") is not REFUSED:
        return to_appraisal(appraisal)
    return render_form_page(
        request,
        form,
        title="Record an agreed calibration change",
        caption=f"Appraisal of {appraisal.appraisee}: {appraisal.final_band or 'not rated'}",
        back=back_to_appraisal(appraisal),
        crumbs=crumbs(),
    )
