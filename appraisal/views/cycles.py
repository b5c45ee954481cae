"""An organisation's appraisal cycles (HR admins): open one, follow it, start appraisals in it."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from appraisal import access, forms, selectors, services
from appraisal.views.shared import crumbs, managed_organisation_or_404, table_row, to_appraisal
from leadership.models import Person
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


@login_required
def cycle_detail(request, public_id):
    cycle = access.get_or_404(access.appraisal_cycles(request.user).select_related("organisation"), public_id)
    appraisals = cycle.appraisals.select_related("appraisee", "appraiser", "countersigner").order_by(
        "appraisee__last_name", "appraisee__first_name"
    )
    today = timezone.localdate()
    appraiser_ids = {a.appraiser_id for a in appraisals}
    untrained = {
        p.id for p in Person.objects.filter(id__in=appraiser_ids) if not selectors.appraiser_trained(p, today)
    }
    rows = [{**table_row(a), "untrained": a.appraiser_id in untrained} for a in appraisals]
    return render(request, "appraisal/cycle_detail.html", {"cycle": cycle, "rows": rows})


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
