"""Graduate scheme pages (R6): the trainee list, the national view, enrolment and the trainee page."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from leadership.models import Organisation
from leadership.web import REFUSED, posted, render_form_page, submit
from talentpool import access, forms, selectors, services
from talentpool.models import GraduateCohort
from talentpool.views.shared import PAGE_SIZE, back_to, list_filter


@login_required
def graduate_list(request):
    form, data, query = list_filter(request, forms.TraineeFilterForm)
    trainees = selectors.filter_trainees(access.graduate_trainees(request.user).select_related(
        "cohort", "person__organisation", "outcome_organisation"
    ), data)
    page = Paginator(trainees, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "talentpool/graduate_list.html",
        {
            "page": page,
            "query": query,
            "filter_form": form,
            "can_enrol": access.is_hr_admin(request.user)
            or access.sees_every_organisation(request.user),
            "sees_national": access.sees_every_organisation(request.user),
        },
    )


@login_required
def graduate_national(request):
    if not access.sees_every_organisation(request.user):
        raise Http404
    view = selectors.graduate_national_view()
    # Two forms on one page: the posted fields say which one was sent.
    cohort_form = forms.CohortForm(request.POST if "intake_year" in request.POST else None)
    baseline_form = forms.BaselineForm(
        request.POST if "baseline_2015_intake" in request.POST else None,
        initial={"baseline_2015_intake": view["settings"].baseline_2015_intake},
    )
    if submit(request, cohort_form, lambda data: services.cohort_create(actor=request.user, **data),
              success="Cohort created.") is not REFUSED:
        return redirect("talentpool:graduate_national")
    if submit(request, baseline_form, lambda data: services.graduate_baseline_set(actor=request.user, **data),
              success="The 2015 baseline is saved.") is not REFUSED:
        return redirect("talentpool:graduate_national")
    # Its own ids: the filter's fields share their names with the "Add a cohort" form's.
    cohort_filter, data, cohort_query = list_filter(request, forms.CohortFilterForm,
                                                    auto_id="cohort_filter_%s")
    cohorts = Paginator(selectors.filter_cohorts(GraduateCohort.objects.all(), data), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(
        request,
        "talentpool/graduate_national.html",
        {
            **view,
            "cohorts": cohorts,
            "cohort_query": cohort_query,
            "cohort_filter": cohort_filter,
            "cohort_form": cohort_form,
            "baseline_form": baseline_form,
            "can_set_baseline": access.is_national_admin(request.user),
        },
    )


@login_required
def trainee_new(request):
    form = forms.TraineeForm(posted(request), people=access.graduate_trainee_candidates(request.user))
    trainee = submit(request, form, lambda data: services.trainee_enrol(actor=request.user, **data),
                     success=lambda t: f"{t.person} is enrolled on the graduate scheme.")
    if trainee is not REFUSED:
        return redirect("talentpool:trainee_detail", public_id=trainee.public_id)
    return render_form_page(
        request,
        form,
        title="Enrol a graduate trainee",
        submit="Enrol",
        back=back_to("the graduate scheme", "talentpool:graduate_list"),
    )


def _hosts():
    return Organisation.objects.filter(active=True).exclude(kind="region").order_by("name")


@login_required
def trainee_detail(request, public_id):
    trainee = access.get_or_404(
        access.graduate_trainees(request.user).select_related(
            "cohort", "person__organisation", "outcome_organisation"
        ),
        public_id,
    )
    placements = trainee.placements.select_related("host")
    # Four forms on one page: a hidden "form" field says which one was sent.
    which = request.POST.get("form") if request.method == "POST" else None
    bound = {
        name: (request.POST if which == name else None)
        for name in ("placement", "review", "progress", "outcome")
    }
    placement_form = forms.PlacementForm(bound["placement"], hosts=_hosts())
    review_form = forms.PlacementReviewForm(bound["review"], placements=placements)
    progress_form = forms.ProgressForm(
        bound["progress"],
        initial={
            "scheme_year": trainee.scheme_year,
            "quality_gate_passed": trainee.quality_gate_passed,
            "assessment_gate_passed": trainee.assessment_gate_passed,
        },
    )
    outcome_form = forms.OutcomeForm(bound["outcome"], hosts=_hosts())
    actions = {
        "placement": (
            placement_form,
            lambda d: services.placement_add(actor=request.user, trainee=trainee, **d),
        ),
        "review": (review_form, lambda d: services.placement_review(actor=request.user, **d)),
        "progress": (
            progress_form,
            lambda d: services.trainee_progress(actor=request.user, trainee=trainee, **d),
        ),
        "outcome": (
            outcome_form,
            lambda d: services.trainee_outcome(actor=request.user, trainee=trainee, **d),
        ),
    }
    if which in actions and submit(request, *actions[which], success="Saved.") is not REFUSED:
        return redirect("talentpool:trainee_detail", public_id=public_id)
    return render(
        request,
        "talentpool/trainee_detail.html",
        {
            "trainee": trainee,
            "placements": placements,
            "placement_form": placement_form,
            "review_form": review_form,
            "progress_form": progress_form,
            "outcome_form": outcome_form,
            "can_run": access.may_run_trainee(request.user, trainee),
        },
    )
