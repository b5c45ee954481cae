"""Talent review (9-box) and succession plan pages.

The review page holds two forms: placing a person (posted to the page itself) and the decision (posted to
its own URL, where a GET shows the review page). A refusal re-renders the review page with its errors."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from leadership.web import REFUSED, posted, render_form_page, submit
from talentpool import access, forms, presenters, selectors, services
from talentpool.views.shared import PAGE_SIZE, back_to, list_filter


@login_required
def review_list(request):
    form, data, query = list_filter(request, forms.ReviewFilterForm)
    reviews = access.talent_reviews(request.user).select_related("organisation")
    reviews = selectors.filter_reviews(reviews, data)
    page = Paginator(reviews, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "talentpool/review_list.html",
        {"page": page, "query": query, "filter_form": form, "can_create": access.is_hr_admin(request.user)},
    )


@login_required
def review_new(request):
    organisations = access.hr_admin_organisations(request.user)
    form = forms.TalentReviewForm(posted(request), organisations=organisations)
    review = submit(request, form, lambda data: services.talent_review_create(actor=request.user, **data),
                    success="The talent review is started.")
    if review is not REFUSED:
        return redirect("talentpool:review_detail", public_id=review.public_id)
    return render_form_page(
        request,
        form,
        title="New talent review",
        submit="Create review",
        back=back_to("talent reviews", "talentpool:review_list"),
    )


def _review(request, public_id):
    return access.get_or_404(access.talent_reviews(request.user).select_related("organisation"), public_id)


def _review_page(request, review, *, form, decision_form):
    return render(
        request,
        "talentpool/review_detail.html",
        {
            "review": review,
            "grid": selectors.nine_box(review),
            "form": form,
            "placements": presenters.placement_rows(review),
            "decision_form": decision_form,
            "is_open": review.status == review.Status.OPEN,
        },
    )


def _place_form(request, review, data=None):
    people = access.people(request.user).filter(organisation=review.organisation, active=True)
    return forms.PlaceForm(data, people=people)


@login_required
def review_detail(request, public_id):
    review = _review(request, public_id)
    form = _place_form(request, review, posted(request))
    placed = submit(request, form, lambda data: services.review_place(
        actor=request.user, review=review, **data), success=lambda p: f"{p.person} was placed in the grid.")
    if placed is not REFUSED:
        return redirect("talentpool:review_detail", public_id=public_id)
    return _review_page(request, review, form=form, decision_form=forms.DecisionForm())


@login_required
def review_decide(request, public_id):
    """The decision form of the review page (a GET shows that page)."""
    review = _review(request, public_id)
    form = forms.DecisionForm(posted(request))
    decided = submit(request, form, lambda data: services.talent_review_decide(
        actor=request.user, review=review, decision=data["decision"]),
        success="The decision is recorded and the grid is closed.")
    if decided is not REFUSED:
        return redirect("talentpool:review_detail", public_id=public_id)
    return _review_page(request, review, form=_place_form(request, review), decision_form=form)


@login_required
def succession_list(request):
    form, data, query = list_filter(request, forms.SuccessionFilterForm)
    plans = selectors.filter_succession_plans(access.succession_plans(request.user), data)
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "talentpool/succession_list.html",
        {"page": page, "query": query, "filter_form": form, "can_create": access.is_hr_admin(request.user)},
    )


@login_required
def succession_new(request):
    form = forms.SuccessionPlanForm(
        posted(request),
        organisations=access.hr_admin_organisations(request.user),
        people=access.hr_admin_people(request.user),
    )
    plan = submit(request, form, lambda data: services.succession_plan_create(actor=request.user, **data),
                  success="The succession plan is created.")
    if plan is not REFUSED:
        return redirect("talentpool:succession_detail", public_id=plan.public_id)
    return render_form_page(
        request,
        form,
        title="New succession plan for a key post",
        submit="Create plan",
        back=back_to("succession plans", "talentpool:succession_list"),
    )


@login_required
def succession_detail(request, public_id):
    plan = access.get_or_404(
        access.succession_plans(request.user).select_related("holder", "organisation"), public_id
    )
    candidates = access.people(request.user).filter(organisation=plan.organisation, active=True)
    form = forms.CandidateForm(posted(request), people=candidates)
    added = submit(request, form, lambda data: services.succession_candidate_add(
        actor=request.user, plan=plan, **data), success=lambda c: f"{c.person} is a candidate.")
    if added is not REFUSED:
        return redirect("talentpool:succession_detail", public_id=public_id)
    candidates = list(plan.candidates.select_related("person"))
    return render(
        request,
        "talentpool/succession_detail.html",
        {
            "plan": plan,
            "candidates": candidates,
            "form": form,
            "no_ready_now": not any(c.readiness == "ready_now" for c in candidates),
            "history": selectors.succession_history(plan),
        },
    )


def _candidate(request, plan_id, person_id):
    plan = access.get_or_404(access.succession_plans(request.user), plan_id)
    candidate = plan.candidates.select_related("person", "plan__organisation").filter(
        person__public_id=person_id).first()
    if candidate is None:
        raise Http404
    return plan, candidate


@login_required
def candidate_readiness(request, plan_id, person_id):
    plan, candidate = _candidate(request, plan_id, person_id)
    form = forms.ReadinessForm(posted(request), initial={"readiness": candidate.readiness})
    changed = submit(request, form, lambda data: services.succession_candidate_readiness(
        actor=request.user, candidate=candidate, **data), success="Readiness changed.")
    if changed is not REFUSED:
        return redirect("talentpool:succession_detail", public_id=plan_id)
    return render_form_page(request, form, title=f"Readiness of {candidate.person} for {plan.post}",
                            submit="Save readiness",
                            back=back_to("the plan", "talentpool:succession_detail", plan_id))


@login_required
def candidate_remove(request, plan_id, person_id):
    """The confirmation page for taking a candidate off a plan (the history keeps them)."""
    plan, candidate = _candidate(request, plan_id, person_id)
    form = forms.ConfirmWithReasonForm(posted(request))
    removed = submit(request, form, lambda data: services.succession_candidate_remove(
        actor=request.user, candidate=candidate, reason=data["reason"]),
        success=f"{candidate.person} is no longer a candidate.")
    if removed is not REFUSED:
        return redirect("talentpool:succession_detail", public_id=plan_id)
    return render_form_page(request, form, title=f"Remove {candidate.person} from {plan.post}?",
                            submit="Remove candidate",
                            back=back_to("the plan", "talentpool:succession_detail", plan_id),
                            intro="They stop being a candidate for this post. The plan's history keeps "
                            "that they were, with your reason.")
