"""Organisational scorecards (R15): one organisation's quarter, its measures, and a footprint's comparison."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from appraisal import access, forms, selectors, services
from appraisal.views.shared import crumbs
from leadership.dates import parse_user_date, quarter_start
from leadership.forms import ButtonForm
from leadership.web import REFUSED, posted, render_form_page, submit


def _period(request) -> date:
    """The quarter holding ?quarter= (any day of it), or this quarter when it is not given."""
    text = request.GET.get("quarter", "")
    return quarter_start(parse_user_date(text) if text else timezone.localdate())


def _bad_quarter(request, error: ValidationError, back: str):
    """An unreadable or out-of-range quarter is a 400 with the reason, never another quarter's page."""
    context = {
        "title": "There is a problem with the quarter in the address",
        "problems": [f"Quarter: {message}" for message in error.messages],
        "back_url": back,
        "back_label": "Go to this quarter's scorecard",
    }
    return render(request, "bad_request.html", context, status=400)


def _quarters_back(period: date, n: int = 4) -> list[date]:
    quarters, current = [], period
    for _ in range(n):
        quarters.append(current)
        month = current.month - 3
        current = date(current.year - (month <= 0), month + 12 if month <= 0 else month, 1)
    return quarters


@login_required
def scorecard(request, ods_code):
    organisation = get_object_or_404(access.scorecard_organisations(request.user), ods_code=ods_code.upper())
    try:
        period = _period(request)
    except ValidationError as error:
        return _bad_quarter(request, error, reverse("appraisal:scorecard", args=[organisation.ods_code]))
    exact = access.sees_exact_figures(request.user, organisation)  # small numbers: only the employer
    rows = selectors.scorecard_rows(organisation, period, timezone.localdate(), exact=exact)
    return render(
        request,
        "appraisal/scorecard.html",
        {
            "organisation": organisation,
            "period": period,
            "rows": rows,
            "small_numbers": selectors.small_numbers_note(rows),
            "trend": selectors.scorecard_trend(organisation, _quarters_back(period)),
            "can_edit": access.may_edit_scorecard(request.user, organisation),
        },
    )


@login_required
def scorecard_measure_new(request, ods_code):
    organisation = get_object_or_404(access.scorecard_organisations(request.user), ods_code=ods_code.upper())
    if not access.may_edit_scorecard(request.user, organisation):
        raise Http404  # readers of the scorecard do not edit it: for them this page is not there
    scorecard_url = reverse("appraisal:scorecard", args=[organisation.ods_code])
    try:
        period = _period(request)
    except ValidationError as error:
        return _bad_quarter(request, error, scorecard_url)
    form = forms.MeasureForm(posted(request))
    if submit(
        request,
        form,
        lambda data: services.scorecard_measure_save(
            actor=request.user, organisation=organisation, period=period, **data
        ),
        success="Measure saved.",
    ) is not REFUSED:
        return redirect(f"{scorecard_url}?quarter={period.isoformat()}")
    return render_form_page(
        request,
        form,
        title="Add a scorecard measure",
        caption=f"{organisation.name}, quarter from {period:%B %Y}",
        back=("the scorecard", scorecard_url),
        crumbs=crumbs(),
    )


@login_required
def scorecard_footprint(request, ods_code):
    footprint = get_object_or_404(access.dashboard_footprints(request.user), ods_code=ods_code.upper())
    try:
        period = _period(request)
    except ValidationError as error:
        return _bad_quarter(
            request, error, reverse("appraisal:scorecard_footprint", args=[footprint.ods_code])
        )
    return render(
        request,
        "appraisal/scorecard_footprint.html",
        {
            "footprint": footprint,
            "period": period,
            **selectors.footprint_comparison(
                footprint, period, timezone.localdate(), access.exact_figure_organisations(request.user)
            ),
        },
    )


def _editable_measure(request, public_id):
    measure = access.get_or_404(access.scorecard_measures(request.user).select_related(
        "scorecard__organisation"), public_id)
    if not access.may_edit_scorecard(request.user, measure.scorecard.organisation):
        raise Http404  # readers of the scorecard do not edit it
    return measure


def _back_to_quarter(scorecard) -> str:
    return (reverse("appraisal:scorecard", args=[scorecard.organisation.ods_code])
            + f"?quarter={scorecard.period.isoformat()}")


@login_required
def scorecard_measure_edit(request, public_id):
    measure = _editable_measure(request, public_id)
    back = _back_to_quarter(measure.scorecard)
    initial = {name: getattr(measure, name) for name in forms.MeasureForm.base_fields}
    form = forms.MeasureForm(posted(request), initial=initial)
    if submit(request, form, lambda data: services.scorecard_measure_update(
            actor=request.user, measure=measure, **data), success="Measure changed.") is not REFUSED:
        return redirect(back)
    return render_form_page(request, form, title=f"Change {measure.name}", back=("the scorecard", back),
                            caption=f"{measure.scorecard.organisation.name}, quarter from "
                            f"{measure.scorecard.period:%B %Y}", crumbs=crumbs())


@login_required
def scorecard_measure_delete(request, public_id):
    """A confirmation page; the removed measure stays in the audit history."""
    measure = _editable_measure(request, public_id)
    back = _back_to_quarter(measure.scorecard)
    form = ButtonForm(posted(request))
    if submit(request, form, lambda _: services.scorecard_measure_delete(actor=request.user, measure=measure),
              success=f"{measure.name} removed.") is not REFUSED:
        return redirect(back)
    return render_form_page(request, form, title=f"Remove {measure.name}?", submit="Remove the measure",
                            intro="The measure leaves this quarter's scorecard. Its history keeps what it "
                            "was and who removed it.", back=("the scorecard", back), crumbs=crumbs(),
                            caption=f"{measure.scorecard.organisation.name}, quarter from "
                            f"{measure.scorecard.period:%B %Y}")


@login_required
def scorecard_target_edit(request, ods_code, measure):
    organisation = get_object_or_404(access.scorecard_organisations(request.user), ods_code=ods_code.upper())
    editable = access.may_edit_scorecard(request.user, organisation)
    if measure not in selectors.AUTO_MEASURE_SLUGS or not editable:
        raise Http404
    back = reverse("appraisal:scorecard", args=[organisation.ods_code])
    form = forms.TargetForm(posted(request))
    if submit(request, form, lambda data: services.scorecard_target_save(
            actor=request.user, organisation=organisation, measure=measure, **data),
            success="Target saved.") is not REFUSED:
        return redirect(back)
    return render_form_page(request, form, title=f"Set the target: {selectors.auto_measure_label(measure)}",
                            caption=organisation.name, back=("the scorecard", back), crumbs=crumbs())
