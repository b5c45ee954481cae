"""Importing training records from a spreadsheet, run by the organisation's HR admins."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render

from leadership import selectors as leadership_selectors
from leadership.exports import csv_response
from leadership.selectors import IMPORT_BULK_FIELDS
from leadership.web import REFUSED, posted, submit
from training import access, presenters, services
from training.forms import TrainingImportForm


@login_required
def import_new(request, ods_code):
    organisation = access.managed_organisation_or_404(request.user, ods_code)
    form = TrainingImportForm(posted(request), request.FILES if request.method == "POST" else None)

    def start(data):
        upload = data["file"]
        return services.training_import_start(actor=request.user, organisation=organisation,
                                              file_name=upload.name, content=upload.read())

    job = submit(request, form, start, success=lambda _: f"{request.FILES['file'].name} is being checked.")
    if job is not REFUSED:
        return redirect("training:import_detail", public_id=job.public_id)
    recent = (
        access.training_imports(request.user)
        .filter(organisation=organisation)
        .select_related("uploaded_by")
        .defer(*IMPORT_BULK_FIELDS)[:10]
    )
    return render(
        request,
        "training/import_new.html",
        {
            "organisation": organisation,
            "form": form,
            "recent": [{"job": job, "status": presenters.import_status(job)} for job in recent],
        },
    )


@login_required
def import_detail(request, public_id):
    jobs = access.training_imports(request.user).select_related("organisation", "uploaded_by")
    job = access.get_or_404(jobs.defer(*IMPORT_BULK_FIELDS), public_id)
    errors = leadership_selectors.import_errors(job)
    context = {"job": job, "status": presenters.import_status(job), "errors": errors}
    return render(request, "training/import_detail.html", context)


@login_required
def import_errors(request, public_id):
    job = access.get_or_404(access.training_imports(request.user).defer(*IMPORT_BULK_FIELDS), public_id)
    return csv_response(
        f"training-import-problems-{job.created_at:%Y-%m-%d}.csv",
        ["Line", "Column", "Problem"],
        leadership_selectors.import_error_rows(job),
    )


@login_required
def import_progress(request, public_id):
    job = access.get_or_404(access.training_imports(request.user).defer(*IMPORT_BULK_FIELDS), public_id)
    return JsonResponse(
        {
            "status": job.status,
            **presenters.import_status(job),
            "rows_done": job.rows_done,
            "rows_total": job.rows_total,
        }
    )
