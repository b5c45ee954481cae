"""The training catalogue and its register: courses, runs and providers (education leads and national
admins change them)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from leadership.web import REFUSED, posted, render_form_page, submit
from training import access, presenters, selectors, services
from training.forms import CatalogueFilterForm, CourseForm, ProviderForm, RunCancelForm, RunForm

PAGE_SIZE = 20


def training_crumbs() -> list[tuple[str, str]]:
    """The breadcrumbs of a training form page: Home, then Training."""
    return [("Training", reverse("training:catalogue"))]


def _require_catalogue_manager(request) -> None:
    if not access.manages_training_catalogue(request.user):
        raise Http404


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
    form = ProviderForm(posted(request), instance=provider)
    saved = submit(request, form, lambda data: services.provider_save(
        actor=request.user, provider=provider, **{name: data[name] for name in form.Meta.fields},
    ))
    if saved is not REFUSED:
        return redirect("training:provider_detail", public_id=saved.public_id)
    back = ((provider.name, reverse("training:provider_detail", args=[provider.public_id])) if provider
            else ("training providers", reverse("training:provider_list")))
    return render_form_page(request, form, title=f"Change {provider.name}" if provider else "Add a provider",
                            caption="Training providers", back=back, crumbs=training_crumbs())


@login_required
def course_edit(request, public_id=None):
    _require_catalogue_manager(request)
    course = access.get_or_404(access.courses(request.user), public_id) if public_id else None
    form = CourseForm(posted(request), instance=course)
    saved = submit(request, form, lambda data: services.course_save(
        actor=request.user, course=course, **{name: data[name] for name in form.Meta.fields},
    ))
    if saved is not REFUSED:
        return redirect("training:course_detail", public_id=saved.public_id)
    back = ((course.title, reverse("training:course_detail", args=[course.public_id])) if course
            else ("the training catalogue", reverse("training:catalogue")))
    return render_form_page(request, form, title=f"Change {course.title}" if course else "Add a course",
                            caption="Training catalogue", back=back, crumbs=training_crumbs())


@login_required
def run_new(request, public_id):
    _require_catalogue_manager(request)
    course = access.get_or_404(access.courses(request.user), public_id)
    form = RunForm(posted(request))
    if submit(request, form, lambda data: services.run_save(actor=request.user, course=course, **data)) \
            is not REFUSED:
        return redirect("training:course_detail", public_id=course.public_id)
    return render_form_page(request, form, title="Add a run", caption=course.title, crumbs=training_crumbs(),
                            back=(course.title, reverse("training:course_detail", args=[course.public_id])))


def _managed_run(request, public_id):
    _require_catalogue_manager(request)
    return access.get_or_404(access.course_runs(request.user).select_related("course"), public_id)


def _run_caption(run) -> str:
    return f"{run.course.title}, {run.starts_on:%d %B %Y}, {run.place}"


@login_required
def run_edit(request, public_id):
    run = _managed_run(request, public_id)
    course = run.course
    form = RunForm(posted(request), instance=run)
    saved = submit(request, form, lambda data: services.run_save(
        actor=request.user, course=course, run=run, **data), success="The run was changed.")
    if saved is not REFUSED:
        return redirect("training:course_detail", public_id=course.public_id)
    return render_form_page(request, form, title="Change the run", caption=_run_caption(run),
                            crumbs=training_crumbs(),
                            back=(course.title, reverse("training:course_detail", args=[course.public_id])))


@login_required
def run_cancel(request, public_id):
    """A confirmation page: it says how many people will be told before anything is cancelled."""
    run = _managed_run(request, public_id)
    course = run.course
    form = RunCancelForm(posted(request))
    closed = submit(request, form, lambda data: services.run_cancel(actor=request.user, run=run, **data),
                    success=lambda count: f"The run was cancelled and {count} people were told.")
    if closed is not REFUSED:
        return redirect("training:course_detail", public_id=course.public_id)
    affected = selectors.run_active_enrolment_count(run)
    return render_form_page(
        request, form, title="Cancel this run?", caption=_run_caption(run), submit="Cancel the run",
        intro=f"{affected} people have a place, a request or a waiting-list entry on this run. Cancelling "
        "closes them all with your reason and tells each person. This cannot be undone.",
        crumbs=training_crumbs(),
        back=(course.title, reverse("training:course_detail", args=[course.public_id])))
