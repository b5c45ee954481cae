"""Training pages. Rows come from leadership.access, writes go through training.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from leadership import selectors as leadership_selectors
from leadership.exports import csv_response
from leadership.selectors import IMPORT_BULK_FIELDS
from training import access, presenters, selectors, services
from training.forms import (
    CatalogueFilterForm,
    CourseForm,
    DecisionForm,
    EnrolmentRequestForm,
    EvaluationForm,
    ProviderForm,
    RecordForm,
    RecordUpdateForm,
    RunForm,
    TrainingImportForm,
)
from training.models import Enrolment, TrainingRecord

PAGE_SIZE = 20


def _form_page(
    request,
    form,
    *,
    title: str,
    caption: str = "",
    submit: str = "Save",
    multipart: bool = False,
    intro: str = "",
):
    return render(
        request,
        "training/form.html",
        {
            "form": form,
            "title": title,
            "caption": caption,
            "submit": submit,
            "multipart": multipart,
            "intro": intro,
        },
    )


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _require_catalogue_manager(request) -> None:
    if not access.manages_training_catalogue(request.user):
        raise Http404


# The catalogue.


@login_required
def catalogue(request):
    providers = access.providers(request.user).order_by("name")
    form = CatalogueFilterForm(request.GET or None, providers=providers)
    filters = selectors.CatalogueFilters()
    if form.is_bound and form.is_valid():
        filters = selectors.CatalogueFilters(**form.cleaned_data)
    today = timezone.localdate()
    courses = access.courses(request.user)
    page = Paginator(selectors.catalogue_search(courses, filters, today), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [{"course": c, "accreditation": presenters.accreditation(c.provider, today)} for c in page]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "training/catalogue.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "suggested": selectors.suggested_courses(courses, access.own_person(request.user)),
            "can_manage": access.manages_training_catalogue(request.user),
        },
    )


@login_required
def course_detail(request, public_id):
    course = access.get_or_404(access.courses(request.user).select_related("provider"), public_id)
    today = timezone.localdate()
    runs = selectors.runs_with_places(course, today)
    person = access.own_person(request.user)
    mine = selectors.active_enrolments_of(person, runs)
    return render(
        request,
        "training/course_detail.html",
        {
            "course": course,
            "facts": presenters.course_facts(course),
            "accreditation": presenters.accreditation(course.provider, today),
            "ratings": selectors.course_ratings(course),
            "runs": [
                {
                    "run": run,
                    "mine": mine.get(run.id),
                    "status": presenters.enrolment_status(mine[run.id]) if run.id in mine else None,
                }
                for run in runs
            ],
            "can_request": access.requestable_people(request.user).exists(),
            "can_manage": access.manages_training_catalogue(request.user),
        },
    )


@login_required
def enrolment_request(request, public_id):
    run = access.get_or_404(access.course_runs(request.user).select_related("course"), public_id)
    people = list(access.requestable_people(request.user).order_by("last_name", "first_name"))
    form = EnrolmentRequestForm(
        request.POST or None, people=people, initial={"person": str(people[0].public_id)} if people else None
    )
    if request.method == "POST" and form.is_valid():
        person = next(p for p in people if str(p.public_id) == form.cleaned_data["person"])
        try:
            enrolment = services.enrolment_request(actor=request.user, run=run, person=person)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"Place asked for: {presenters.enrolment_status(enrolment)['label']}.")
            return redirect("training:course_detail", public_id=run.course.public_id)
    return _form_page(
        request,
        form,
        title=f"Ask for a place on {run.course.title}",
        caption=f"{run.starts_on:%d %B %Y}, {run.place}",
        submit="Ask for a place",
        intro="The line manager approves or declines the request. If the run is full, an "
        "approved request joins the waiting list.",
    )


@login_required
def my_training(request):
    person = access.own_person(request.user)
    training = (
        selectors.person_training(person)
        if person
        else {"records": [], "enrolments": [], "qualifications": []}
    )
    to_decide = (
        access.decidable_enrolments(request.user)
        .filter(status=Enrolment.Status.REQUESTED)
        .exclude(person=person)
        .select_related("person", "run__course")
        .order_by("created_at")[:50]
    )
    return render(
        request,
        "training/my_training.html",
        {
            "person": person,
            "records": [
                {
                    "record": r,
                    "status": presenters.record_status(r),
                    "can_rate": r.status == TrainingRecord.Status.COMPLETED and r.course_id is not None,
                }
                for r in training["records"]
            ],
            "rated": set(
                TrainingRecord.objects.filter(
                    id__in=[r.id for r in training["records"]], evaluation__isnull=False
                ).values_list("id", flat=True)
            ),
            "enrolments": [
                {"enrolment": e, "status": presenters.enrolment_status(e)} for e in training["enrolments"]
            ],
            "qualifications": training["qualifications"],
            "to_decide": to_decide,
            "senior_pool_eligible": bool(person) and selectors.senior_pool_eligible(person),
        },
    )


@login_required
def enrolment_decide(request, public_id):
    enrolment = access.get_or_404(
        access.decidable_enrolments(request.user).select_related("person", "run__course"), public_id
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                enrolment = services.enrolment_approve(actor=request.user, enrolment=enrolment)
            else:
                enrolment = services.enrolment_decline(
                    actor=request.user, enrolment=enrolment, reason=form.cleaned_data["reason"]
                )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"{enrolment.person.full_name}: {enrolment.get_status_display()}.")
            return redirect("training:my_training")
    return _form_page(
        request,
        form,
        title=f"{enrolment.person.full_name} asks for a place",
        caption=f"{enrolment.run.course.title}, {enrolment.run.starts_on:%d %B %Y}",
        submit="Save decision",
    )


@login_required
@require_POST
def enrolment_cancel(request, public_id):
    enrolment = access.get_or_404(
        access.cancellable_enrolments(request.user).select_related("run__course"), public_id
    )
    try:
        services.enrolment_cancel(actor=request.user, enrolment=enrolment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The place was cancelled.")
    return redirect("training:my_training")


# Providers, courses and runs (education leads and national admins change them).


@login_required
def provider_list(request):
    today = timezone.localdate()
    providers = access.providers(request.user).order_by("name")
    return render(
        request,
        "training/provider_list.html",
        {
            "rows": [{"provider": p, "accreditation": presenters.accreditation(p, today)} for p in providers],
            "can_manage": access.manages_training_catalogue(request.user),
        },
    )


@login_required
def provider_detail(request, public_id):
    provider = access.get_or_404(access.providers(request.user), public_id)
    return render(
        request,
        "training/provider_detail.html",
        {
            "provider": provider,
            "accreditation": presenters.accreditation(provider, timezone.localdate()),
            "website_href": presenters.website_href(provider),
            "ratings": selectors.provider_ratings(provider),
            "courses": access.courses(request.user).filter(provider=provider).order_by("title"),
            "can_manage": access.manages_training_catalogue(request.user),
        },
    )


@login_required
def provider_edit(request, public_id=None):
    _require_catalogue_manager(request)
    provider = access.get_or_404(access.providers(request.user), public_id) if public_id else None
    form = ProviderForm(request.POST or None, instance=provider)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.provider_save(
                actor=request.user,
                provider=provider,
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            return redirect("training:provider_detail", public_id=saved.public_id)
    return _form_page(
        request,
        form,
        title=f"Change {provider.name}" if provider else "Add a provider",
        caption="Training providers",
    )


@login_required
def course_edit(request, public_id=None):
    _require_catalogue_manager(request)
    course = access.get_or_404(access.courses(request.user), public_id) if public_id else None
    form = CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.course_save(
                actor=request.user,
                course=course,
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            return redirect("training:course_detail", public_id=saved.public_id)
    return _form_page(
        request,
        form,
        title=f"Change {course.title}" if course else "Add a course",
        caption="Training catalogue",
    )


@login_required
def run_new(request, public_id):
    _require_catalogue_manager(request)
    course = access.get_or_404(access.courses(request.user), public_id)
    form = RunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.run_save(actor=request.user, course=course, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            return redirect("training:course_detail", public_id=course.public_id)
    return _form_page(request, form, title="Add a run", caption=course.title)


# Training records.


@login_required
def person_training(request, public_id):
    person = access.get_or_404(access.training_people(request.user).select_related("organisation"), public_id)
    training = selectors.person_training(person)
    return render(
        request,
        "training/person_training.html",
        {
            "person": person,
            "records": [{"record": r, "status": presenters.record_status(r)} for r in training["records"]],
            "enrolments": [
                {"enrolment": e, "status": presenters.enrolment_status(e)} for e in training["enrolments"]
            ],
            "qualifications": training["qualifications"],
            "can_record": access.manageable_people(request.user).filter(id=person.id).exists(),
            "history": selectors.training_record_history(person),
        },
    )


@login_required
def record_new(request, public_id):
    person = access.get_or_404(access.manageable_people(request.user), public_id)
    enrolment = None
    if request.GET.get("enrolment"):
        enrolment = access.get_or_404(
            person.enrolments.filter(status=Enrolment.Status.ENROLLED).select_related("run__course"),
            request.GET["enrolment"],
        )
    form = RecordForm(
        request.POST or None,
        request.FILES or None,
        courses=access.courses(request.user),
        initial={
            "course": enrolment.run.course if enrolment else None,
            "on": enrolment.run.ends_on if enrolment else timezone.localdate(),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_create(
                actor=request.user,
                person=person,
                status=data["status"],
                on=data["on"],
                course=data["course"],
                enrolment=enrolment,
                title=data["title"],
                provider_name=data["provider_name"],
                hours=data["hours"],
                certificate=data["certificate"],
                source=TrainingRecord.Source.ENROLMENT if enrolment else TrainingRecord.Source.MANUAL,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "The training was recorded.")
            return redirect("training:person_training", public_id=person.public_id)
    return _form_page(
        request,
        form,
        title=f"Record training for {person.full_name}",
        submit="Record training",
        caption=enrolment.run.course.title if enrolment else "",
        multipart=True,
    )


@login_required
def record_edit(request, public_id):
    record = access.get_or_404(
        access.manageable_training_records(request.user).select_related("person"), public_id
    )
    form = RecordUpdateForm(
        request.POST or None,
        request.FILES or None,
        initial={"status": record.status, "on": record.on, "hours": record.hours},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_update(actor=request.user, record=record, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            return redirect("training:person_training", public_id=record.person.public_id)
    return _form_page(
        request, form, title=f"Change {record.title}", caption=record.person.full_name, multipart=True
    )


@login_required
def record_certificate(request, public_id):
    """Certificates are never served from MEDIA_URL: only through this access-checked view."""
    record = access.get_or_404(access.training_records(request.user), public_id)
    if not record.certificate:
        raise Http404
    try:
        handle = record.certificate.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    filename = record.certificate_name or record.certificate.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def record_evaluate(request, public_id):
    record = access.get_or_404(access.own_training_records(request.user).select_related("course"), public_id)
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit(actor=request.user, record=record, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Thank you for rating the course.")
            return redirect("training:my_training")
    return _form_page(
        request,
        form,
        title=f"Rate {record.title}",
        submit="Send rating",
        caption=f"Completed {record.on:%d %B %Y}",
        intro="Your answers are shown only as averages, once five people have rated the course.",
    )


# Imports.


@login_required
def import_new(request, ods_code):
    organisation = access.managed_organisations(request.user).filter(ods_code=ods_code.upper()).first()
    if organisation is None:
        raise Http404
    form = TrainingImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.training_import_start(
                actor=request.user, organisation=organisation, file_name=upload.name, content=upload.read()
            )
        except PermissionDenied:
            raise Http404 from None
        messages.info(request, f"{upload.name} is being checked.")
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


# Dashboards (R3).


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
    return csv_response("training-national.csv", ["Section", "Row", "Measure", "Value"], rows)


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
    return csv_response(f"training-{organisation.ods_code}.csv", ["Section", "Row", "Measure", "Value"], rows)
