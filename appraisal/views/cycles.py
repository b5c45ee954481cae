"""An organisation's appraisal cycles (HR admins): open one, follow it, start appraisals in it."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from appraisal import access, forms, selectors, services
from appraisal.views.shared import crumbs, managed_organisation_or_404, table_row, to_appraisal
from leadership.exports import csv_response
from leadership.forms import ButtonForm
from leadership.web import REFUSED, posted, render_form_page, submit


@login_required
def organisation_appraisals(request, ods_code):
    organisation = managed_organisation_or_404(request, ods_code)
    cycles = access.appraisal_cycles(request.user).filter(organisation=organisation)
    return render(request, "appraisal/organisation.html", {"organisation": organisation, "cycles": cycles})


@login_required
def cycle_new(request, ods_code):
    organisation = managed_organisation_or_404(request, ods_code)
    form = forms.CycleForm(posted(request))
    cycle = submit(
        request,
        form,
        lambda data: services.cycle_create(actor=request.user, organisation=organisation, **data),
        success=lambda cycle: f"Cycle {cycle.name} opened.",
    )
    if cycle is not REFUSED:
        return redirect("appraisal:cycle_detail", cycle.public_id)
    return render_form_page(
        request,
        form,
        title="Open an appraisal cycle",
        caption=organisation.name,
        back=("appraisal cycles", reverse("appraisal:organisation_appraisals", args=[organisation.ods_code])),
        crumbs=crumbs(),
    )


PAGE_SIZE = 50


def _cycle_or_404(request, public_id):
    return access.get_or_404(access.appraisal_cycles(request.user).select_related("organisation"), public_id)


def _stage(request) -> tuple[forms.CycleFilterForm, str]:
    form = forms.CycleFilterForm(request.GET or None)
    return form, (form.cleaned_data["state"] if form.is_bound and form.is_valid() else "")


@login_required
def cycle_detail(request, public_id):
    cycle = _cycle_or_404(request, public_id)
    form, state = _stage(request)
    page = Paginator(selectors.cycle_appraisals(cycle, state), PAGE_SIZE).get_page(request.GET.get("page"))
    untrained = selectors.appraisers_who_may_not_appraise({a.appraiser_id for a in page},
                                                           timezone.localdate())
    rows = [{**table_row(a), "untrained": a.appraiser_id in untrained} for a in page]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "appraisal/cycle_detail.html", {
        "cycle": cycle, "rows": rows, "page": page, "form": form, "query": query.urlencode(),
        "bulk": selectors.latest_bulk_start(cycle),
    })


EXPORT_HEADER = ["Employee number", "Appraisee", "Appraiser", "Countersigner", "Management level",
                 "Directorate", "Stage", "Stage reached on", "Meeting on", "Overall score", "Band",
                 "Band after calibration", "Signed off on"]


def _day(moment) -> str:
    return timezone.localtime(moment).date().isoformat() if moment else ""


@login_required
def cycle_export(request, public_id):
    """The cycle's appraisals as CSV, at the chosen stage: facts and scores only, never the reviews,
    notes or objectives people wrote."""
    cycle = _cycle_or_404(request, public_id)
    _, state = _stage(request)
    rows = (
        (a.appraisee.employee_number, a.appraisee.full_name, a.appraiser.full_name,
         a.countersigner.full_name if a.countersigner else "", a.get_level_display(), a.directorate,
         a.get_state_display(), _day(a.state_changed_at), a.meeting_on.isoformat() if a.meeting_on else "",
         a.overall_score if a.overall_score is not None else "", a.band, a.calibrated_band,
         _day(a.signed_off_at))
        for a in selectors.cycle_appraisals(cycle, state).iterator(chunk_size=2000)
    )
    return csv_response(f"appraisals-{cycle.organisation.ods_code}-{slugify(cycle.name)}.csv", EXPORT_HEADER,
                        rows)


@login_required
def appraisal_start(request, public_id):
    cycle = access.get_or_404(access.appraisal_cycles(request.user).select_related("organisation"), public_id)
    people = access.people(request.user).filter(organisation=cycle.organisation, active=True)
    form = forms.StartForm(posted(request), people=people)
    appraisal = submit(
        request,
        form,
        lambda data: services.appraisal_start(actor=request.user, cycle=cycle, **data),
        success=lambda appraisal: f"Appraisal of {appraisal.appraisee} started.",
    )
    if appraisal is not REFUSED:
        return to_appraisal(appraisal)
    return render_form_page(
        request,
        form,
        title="Start an appraisal",
        caption=cycle.name,
        submit="Start appraisal",
        intro="Every appraiser must have completed the appraisal-skills course in the last three years.",
        more=selectors.appraisal_course_link(),
        back=("the cycle", reverse("appraisal:cycle_detail", args=[cycle.public_id])),
        crumbs=crumbs(),
    )


@login_required
def report_appraisal_start(request, public_id):
    """Start one person's appraisal from their line manager's team page (or by their HR admin)."""
    people = access.people(request.user).select_related("organisation", "line_manager")
    person = access.get_or_404(people, public_id)
    cycles = access.open_cycles_to_start(request.user, person)
    if not cycles.exists():
        raise Http404
    form = forms.ReportStartForm(posted(request), cycles=cycles, initial={"cycle": cycles.first()})
    appraisal = submit(request, form, lambda data: services.appraisal_start(
        actor=request.user, cycle=data["cycle"], appraisee=person),
        success=lambda appraisal: f"Appraisal of {appraisal.appraisee} started: agree the objectives next.")
    if appraisal is not REFUSED:
        return to_appraisal(appraisal)
    appraiser = person.line_manager.full_name if person.line_manager else "their line manager"
    return render_form_page(request, form, title=f"Start {person.full_name}'s appraisal",
                            submit="Start appraisal", back=("My team", reverse("my_team")), crumbs=crumbs(),
                            intro=f"{appraiser} will be the appraiser and agrees the objectives first. "
                            "Every appraiser must have completed the appraisal-skills course in the last "
                            "three years.", more=selectors.appraisal_course_link())


@login_required
def cycle_bulk_start(request, public_id):
    """A confirmation page with the count; the appraisals are started by a Celery task."""
    cycle = _cycle_or_404(request, public_id)
    form = ButtonForm(posted(request))
    job = submit(request, form, lambda _: services.appraisals_bulk_start_request(
        actor=request.user, cycle=cycle))
    if job is not REFUSED:
        return redirect("appraisal:bulk_start_detail", public_id=job.public_id)
    count = selectors.bulk_start_candidates(cycle).count()
    return render_form_page(
        request, form, title=f"Start {count} appraisal{pluralize(count)}?", caption=cycle.name,
        submit="Start the appraisals",
        intro=f"Everyone at {cycle.organisation.name} without an appraisal in {cycle.name} gets one, with "
        "their line manager as appraiser. Anyone the rules refuse (no line manager, or a line manager "
        "without the appraisal-skills course) is listed afterwards, to start by hand.",
        more=selectors.appraisal_course_link(), crumbs=crumbs(),
        back=("the cycle", reverse("appraisal:cycle_detail", args=[cycle.public_id])))
