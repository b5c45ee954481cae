"""A bulk start's progress page (HR admins), and starting a stalled run again or cancelling it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from appraisal import access, presenters, services
from appraisal.models import BULK_START_STALLED_AFTER
from appraisal.views.shared import crumbs
from leadership.forms import ButtonForm
from leadership.web import REFUSED, confirm_page, posted, render_form_page, submit


def _job_or_404(request, public_id):
    jobs = access.bulk_starts(request.user).select_related("cycle__organisation")
    return access.get_or_404(jobs, public_id)


def _progress_link(job) -> tuple[str, str]:
    return "the progress", reverse("appraisal:bulk_start_detail", args=[job.public_id])


@login_required
def bulk_start_detail(request, public_id):
    job = _job_or_404(request, public_id)
    return render(request, "appraisal/bulk_start.html", {
        "job": job, "percent": presenters.percent_done(job),
        "stalled_minutes": int(BULK_START_STALLED_AFTER.total_seconds() // 60)})


@login_required
def bulk_start_resume(request, public_id):
    """The progress page's "Start again" button posts here; a refusal (the run is still going, or has
    finished) is shown on this page."""
    job = _job_or_404(request, public_id)
    form = ButtonForm(posted(request))
    if submit(request, form, lambda _: services.appraisals_bulk_start_resume(actor=request.user, job=job),
              success="The run starts again with the people still without an appraisal.") is not REFUSED:
        return redirect("appraisal:bulk_start_detail", public_id=job.public_id)
    return render_form_page(
        request, form, title=f"Start the appraisals of {job.cycle.name} again?",
        caption=job.cycle.organisation.name, submit="Start again", crumbs=crumbs(), back=_progress_link(job),
        intro="The run carries on with everyone still without an appraisal in the cycle. Nobody gets a "
        "second appraisal: those the stopped run started keep theirs.")


@login_required
def bulk_start_cancel(request, public_id):
    job = _job_or_404(request, public_id)
    return confirm_page(
        request, act=lambda: services.appraisals_bulk_start_cancel(actor=request.user, job=job),
        title=f"Cancel starting the appraisals of {job.cycle.name}", caption=job.cycle.organisation.name,
        intro="No more appraisals are started. Those already started stay; start the rest by hand or "
        "start everyone's again from the cycle's page.",
        confirm="Cancel the run", done=reverse("appraisal:bulk_start_detail", args=[job.public_id]),
        success="The run was cancelled.", back=_progress_link(job), crumbs=crumbs())
