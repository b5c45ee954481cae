"""Talent pool pages. Rows come from leadership.access; writes go through talentpool.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from leadership.exports import csv_response
from leadership.models import EMPLOYER_KINDS, Organisation, Person
from talentpool import access, forms, presenters, selectors, services
from talentpool.models import GraduateCohort, PoolMembership

PAGE_SIZE = 25


def _apply(form, call):
    """Run a service; its validation errors land on the form, a refusal is a 404 (never a hint)."""
    try:
        return call()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            _add_field_errors(form, error)
        else:
            form.add_error(None, error)
    except PermissionDenied:
        raise Http404 from None
    return None


def _add_field_errors(form, error):
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _form_page(request, form, *, title, submit, back=None, intro=""):
    return render(
        request,
        "talentpool/form.html",
        {"form": form, "title": title, "submit": submit, "back": back, "intro": intro},
    )


# Pools and membership


@login_required
def home(request):
    user = request.user
    pools = access.talent_pools(user).filter(active=True).select_related("region", "owner")
    own = access.home_pool_members(user).filter(status__in=PoolMembership.OPEN_STATUSES)
    prompts = selectors.people_newly_eligible().filter(
        organisation_id__in=access.hr_admin_organisation_ids(user)
    )[:20]
    return render(
        request,
        "talentpool/home.html",
        {
            "pools": pools,
            "awaiting": own.filter(
                status__in=[PoolMembership.Status.NOMINATED, PoolMembership.Status.UNDER_REVIEW]
            ).select_related("person", "pool")[:50],
            "mine": access.pool_members(user).filter(person=access.own_person(user)).select_related("pool")
            if access.own_person(user)
            else [],
            "eligible": prompts,
            "is_hr_admin": access.is_hr_admin(user),
            "is_national_admin": access.is_national_admin(user),
            "sees_graduates": access.sees_every_organisation(user),
        },
    )


@login_required
def pool_detail(request, public_id):
    pool = access.get_or_404(access.talent_pools(request.user), public_id)
    members = selectors.member_search(access.pool_members(request.user), selectors.MemberSearch(pool=pool))
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "talentpool/pool_detail.html",
        {"pool": pool, "page": page, "rows": presenters.member_rows(page), "query": ""},
    )


@login_required
def nominate(request):
    user = request.user
    people = access.hr_admin_people(user) | access.reports(user)
    own = access.own_person(user)
    if own is not None:
        people = people | Person.objects.filter(pk=own.pk)
    pools = access.talent_pools(user).filter(active=True)
    initial = {"person": request.GET.get("person")} if request.GET.get("person") else None
    form = forms.NominateForm(
        request.POST or None,
        initial=initial,
        pools=pools,
        people=people.distinct().order_by("last_name", "first_name"),
    )
    if request.method == "POST" and form.is_valid():
        membership = _apply(form, lambda: services.membership_nominate(actor=user, **form.cleaned_data))
        if membership is not None:
            messages.success(request, f"{membership.person} was nominated to the {membership.pool}.")
            return redirect("talentpool:membership_detail", public_id=membership.public_id)
    return _form_page(
        request,
        form,
        title="Nominate someone to a talent pool",
        submit="Nominate",
        intro="Line managers and HR admins nominate; anyone may nominate themselves with a "
        "rationale. The person's HR admin reviews every nomination.",
    )


def _membership(request, public_id):
    return access.get_or_404(
        access.pool_members(request.user).select_related("person__organisation", "pool", "nominated_by"),
        public_id,
    )


@login_required
def membership_detail(request, public_id):
    membership = _membership(request, public_id)
    user = request.user
    transitions = services.allowed_transitions(actor=user, membership=membership)
    return render(
        request,
        "talentpool/membership_detail.html",
        {
            "membership": membership,
            "profile": presenters.member_profile(membership),
            "decisions": membership.decisions.select_related("actor"),
            "transition_form": forms.TransitionForm(choices=transitions) if transitions else None,
            "can_review": membership.status == PoolMembership.Status.ACTIVE
            and "hr" in _roles(user, membership),
            "review_form": forms.AnnualReviewForm(),
            "can_edit": services.can_edit_profile(actor=user, membership=membership),
            "can_shortlist": membership.status == PoolMembership.Status.ACTIVE
            and access.is_hr_admin(user),
            "shortlistings": membership.shortlistings.filter(
                Q(organisation__in=access.managed_organisations(user))
                | Q(membership__person__organisation__in=access.managed_organisations(user))
            ).select_related("organisation"),
        },
    )


def _roles(user, membership) -> set[str]:
    return {"hr"} if access.is_home_hr_admin(user, membership.person) else set()


@login_required
@require_POST
def membership_decide(request, public_id):
    membership = _membership(request, public_id)
    choices = services.allowed_transitions(actor=request.user, membership=membership)
    form = forms.TransitionForm(request.POST, choices=choices)
    if form.is_valid() and _apply(form, lambda: services.membership_transition(
            actor=request.user, membership=membership, **form.cleaned_data)) is not None:
        messages.success(request, "Decision recorded.")
        return redirect("talentpool:membership_detail", public_id=public_id)
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors)
                   or "Choose a decision and give a reason.")
    return redirect("talentpool:membership_detail", public_id=public_id)


@login_required
@require_POST
def membership_annual_review(request, public_id):
    membership = _membership(request, public_id)
    form = forms.AnnualReviewForm(request.POST)
    if form.is_valid() and _apply(form, lambda: services.membership_review(
            actor=request.user, membership=membership, reason=form.cleaned_data["reason"])) is not None:
        messages.success(request, "Annual review recorded: the membership continues for another year.")
    else:
        messages.error(request, "Give review notes to record the annual review.")
    return redirect("talentpool:membership_detail", public_id=public_id)


@login_required
def membership_profile(request, public_id):
    membership = _membership(request, public_id)
    if not services.can_edit_profile(actor=request.user, membership=membership):
        raise Http404
    initial = {
        "readiness": membership.readiness,
        "aspirations": membership.aspirations,
        "qualifications": membership.qualifications,
        "consent_to_share": membership.consent_to_share,
        "mobility_regions": list(membership.mobility_regions.all()),
    }
    form = forms.ProfileForm(request.POST or None, initial=initial, regions=selectors.regions())
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(
            form,
            lambda: services.membership_profile_update(
                actor=request.user, membership=membership, **form.cleaned_data
            ),
        )
        is not None
    ):
        messages.success(request, "Pool profile saved.")
        return redirect("talentpool:membership_detail", public_id=public_id)
    return _form_page(
        request,
        form,
        title=f"Pool profile: {membership.person}",
        submit="Save profile",
        back=("talentpool:membership_detail", public_id),
    )


@login_required
def membership_shortlist(request, public_id):
    membership = _membership(request, public_id)
    organisations = (
        access.managed_organisations(request.user).filter(kind__in=EMPLOYER_KINDS)
        if not access.is_national_admin(request.user)
        else access.hr_admin_organisations(request.user)
    )
    if not organisations.exists():
        raise Http404
    form = forms.ShortlistForm(request.POST or None, organisations=organisations)
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(
            form,
            lambda: services.membership_shortlist(
                actor=request.user, membership=membership, **form.cleaned_data
            ),
        )
        is not None
    ):
        messages.success(request, f"{membership.person} was shortlisted. They and their HR admin are told.")
        return redirect("talentpool:membership_detail", public_id=public_id)
    return _form_page(
        request,
        form,
        title=f"Shortlist {membership.person} for a vacancy",
        submit="Shortlist",
        back=("talentpool:membership_detail", public_id),
    )


def _search(request):
    form = forms.SearchForm(
        request.GET or None, regions=selectors.regions(), competencies=selectors.competency_names()
    )
    search = selectors.MemberSearch(pool=selectors.national_pool())
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        search = selectors.MemberSearch(
            pool=search.pool,
            q=data["q"],
            readiness=data["readiness"],
            region=data["region"],
            management_level=data["management_level"],
            sector_background=data["sector_background"],
            qualified=data["qualified"],
            competency=data["competency"],
            competency_level=int(data["competency_level"] or 0),
        )
    members = access.pool_members(request.user).filter(status=PoolMembership.Status.ACTIVE)
    return form, selectors.member_search(members, search)


@login_required
def search(request):
    form, members = _search(request)
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "talentpool/search.html",
        {"form": form, "page": page, "rows": presenters.member_rows(page), "query": query.urlencode()},
    )


@login_required
def search_export(request):
    _, members = _search(request)
    rows = (
        (
            m.person.first_name,
            m.person.last_name,
            m.person.job_title,
            m.person.organisation.name,
            m.person.get_management_level_display(),
            m.person.get_sector_background_display(),
            m.get_readiness_display(),
            m.aspirations,
        )
        for m in members.iterator(chunk_size=2000)
    )
    return csv_response(
        "national-pool.csv",
        [
            "First name",
            "Last name",
            "Job title",
            "Organisation",
            "Management level",
            "Sector background",
            "Readiness",
            "Aspirations",
        ],
        rows,
    )


# Talent reviews and succession


@login_required
def review_list(request):
    reviews = access.talent_reviews(request.user).select_related("organisation")
    return render(
        request,
        "talentpool/review_list.html",
        {"reviews": reviews[:100], "can_create": access.is_hr_admin(request.user)},
    )


@login_required
def review_new(request):
    organisations = access.hr_admin_organisations(request.user)
    form = forms.TalentReviewForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        review = _apply(form, lambda: services.talent_review_create(actor=request.user, **form.cleaned_data))
        if review is not None:
            return redirect("talentpool:review_detail", public_id=review.public_id)
    return _form_page(
        request,
        form,
        title="New talent review",
        submit="Create review",
        back=("talentpool:review_list", None),
    )


@login_required
def review_detail(request, public_id):
    review = access.get_or_404(access.talent_reviews(request.user).select_related("organisation"), public_id)
    people = access.people(request.user).filter(organisation=review.organisation, active=True)
    form = forms.PlaceForm(request.POST or None, people=people)
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(
            form, lambda: services.review_place(actor=request.user, review=review, **form.cleaned_data)
        )
        is not None
    ):
        messages.success(request, f"{form.cleaned_data['person']} was placed in the grid.")
        return redirect("talentpool:review_detail", public_id=public_id)
    return render(
        request,
        "talentpool/review_detail.html",
        {
            "review": review,
            "grid": selectors.nine_box(review),
            "form": form,
            "placements": presenters.placement_rows(review),
            "decision_form": forms.DecisionForm(),
            "is_open": review.status == review.Status.OPEN,
        },
    )


@login_required
@require_POST
def review_decide(request, public_id):
    review = access.get_or_404(access.talent_reviews(request.user), public_id)
    form = forms.DecisionForm(request.POST)
    if (
        form.is_valid()
        and _apply(
            form,
            lambda: services.talent_review_decide(
                actor=request.user, review=review, decision=form.cleaned_data["decision"]
            ),
        )
        is not None
    ):
        messages.success(request, "The decision is recorded and the grid is closed.")
    else:
        messages.error(request, "Write the decision record before closing the review.")
    return redirect("talentpool:review_detail", public_id=public_id)


@login_required
def succession_list(request):
    plans = selectors.succession_plans_with_flags(access.succession_plans(request.user))
    return render(
        request,
        "talentpool/succession_list.html",
        {"plans": plans[:200], "can_create": access.is_hr_admin(request.user)},
    )


@login_required
def succession_new(request):
    form = forms.SuccessionPlanForm(
        request.POST or None,
        organisations=access.hr_admin_organisations(request.user),
        people=access.hr_admin_people(request.user),
    )
    if request.method == "POST" and form.is_valid():
        plan = _apply(form, lambda: services.succession_plan_create(actor=request.user, **form.cleaned_data))
        if plan is not None:
            return redirect("talentpool:succession_detail", public_id=plan.public_id)
    return _form_page(
        request,
        form,
        title="New succession plan for a key post",
        submit="Create plan",
        back=("talentpool:succession_list", None),
    )


@login_required
def succession_detail(request, public_id):
    plan = access.get_or_404(
        access.succession_plans(request.user).select_related("holder", "organisation"), public_id
    )
    form = forms.CandidateForm(
        request.POST or None, people=Person.objects.filter(organisation=plan.organisation, active=True)
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(
            form,
            lambda: services.succession_candidate_add(actor=request.user, plan=plan, **form.cleaned_data),
        )
        is not None
    ):
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
        },
    )


# Graduate scheme


@login_required
def graduate_list(request):
    trainees = access.graduate_trainees(request.user).select_related(
        "cohort", "person__organisation", "outcome_organisation"
    )
    page = Paginator(trainees, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "talentpool/graduate_list.html",
        {
            "page": page,
            "query": "",
            "can_enrol": access.is_hr_admin(request.user)
            or access.sees_every_organisation(request.user),
            "sees_national": access.sees_every_organisation(request.user),
        },
    )


@login_required
def graduate_national(request):
    if not access.sees_every_organisation(request.user):
        raise Http404
    cohort_form = forms.CohortForm(request.POST if "intake_year" in request.POST else None)
    baseline_form = forms.BaselineForm(request.POST if "baseline_2015_intake" in request.POST else None)
    if (
        request.method == "POST"
        and cohort_form.is_valid()
        and _apply(
            cohort_form, lambda: services.cohort_create(actor=request.user, **cohort_form.cleaned_data)
        )
        is not None
    ):
        messages.success(request, "Cohort created.")
        return redirect("talentpool:graduate_national")
    if (
        request.method == "POST"
        and baseline_form.is_valid()
        and _apply(
            baseline_form,
            lambda: services.graduate_baseline_set(actor=request.user, **baseline_form.cleaned_data),
        )
        is not None
    ):
        messages.success(request, "The 2015 baseline is saved.")
        return redirect("talentpool:graduate_national")
    view = selectors.graduate_national_view()
    return render(
        request,
        "talentpool/graduate_national.html",
        {
            **view,
            "cohorts": GraduateCohort.objects.all()[:60],
            "cohort_form": cohort_form,
            "baseline_form": baseline_form
            if request.method == "POST"
            else forms.BaselineForm(initial={"baseline_2015_intake": view["settings"].baseline_2015_intake}),
            "can_set_baseline": access.is_national_admin(request.user),
        },
    )


@login_required
def trainee_new(request):
    form = forms.TraineeForm(request.POST or None, people=access.graduate_trainee_candidates(request.user))
    if request.method == "POST" and form.is_valid():
        trainee = _apply(form, lambda: services.trainee_enrol(actor=request.user, **form.cleaned_data))
        if trainee is not None:
            return redirect("talentpool:trainee_detail", public_id=trainee.public_id)
    return _form_page(
        request,
        form,
        title="Enrol a graduate trainee",
        submit="Enrol",
        back=("talentpool:graduate_list", None),
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
    if which in actions:
        form, call = actions[which]
        if form.is_valid() and _apply(form, lambda: call(form.cleaned_data)) is not None:
            messages.success(request, "Saved.")
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


# Secondments and senior contracts


@login_required
def secondment_list(request):
    rows = access.secondments(request.user).select_related("person", "organisation")
    external = access.people(request.user).exclude(sector_background="nhs").filter(active=True)
    return render(
        request,
        "talentpool/secondment_list.html",
        {
            "secondments": rows[:200],
            "external_recruits": external.select_related("organisation")[:200],
            "counts": presenters.secondment_counts(rows, external),
            "can_create": access.is_hr_admin(request.user),
        },
    )


@login_required
def secondment_new(request):
    form = forms.SecondmentForm(request.POST or None, people=access.hr_admin_people(request.user))
    if request.method == "POST" and form.is_valid():
        secondment = _apply(form, lambda: services.secondment_create(actor=request.user, **form.cleaned_data))
        if secondment is not None:
            return redirect("talentpool:secondment_detail", public_id=secondment.public_id)
    return _form_page(
        request,
        form,
        title="Record a secondment",
        submit="Save secondment",
        back=("talentpool:secondment_list", None),
    )


@login_required
def secondment_detail(request, public_id):
    secondment = access.get_or_404(
        access.secondments(request.user).select_related("person", "organisation"), public_id
    )
    form = forms.SecondmentOutcomeForm(request.POST or None, initial={"outcome": secondment.outcome})
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(
            form,
            lambda: services.secondment_record_outcome(
                actor=request.user, secondment=secondment, **form.cleaned_data
            ),
        )
        is not None
    ):
        messages.success(request, "Outcome saved.")
        return redirect("talentpool:secondment_detail", public_id=public_id)
    return render(request, "talentpool/secondment_detail.html", {"secondment": secondment, "form": form})


def _national_only(request):
    if not access.is_national_admin(request.user):
        raise Http404


@login_required
def contract_list(request):
    _national_only(request)
    contracts = access.senior_contracts(request.user).select_related("person", "organisation")
    return render(
        request, "talentpool/contract_list.html", {"rows": presenters.contract_rows(contracts[:500])}
    )


@login_required
def contract_new(request):
    _national_only(request)
    form = forms.ContractForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("organisation", "employee_number")}
        contract = _apply(form, lambda: services.senior_contract_create(actor=request.user, **data))
        if contract is not None:
            return redirect("talentpool:contract_detail", public_id=contract.public_id)
    return _form_page(
        request,
        form,
        title="Add a very senior manager contract",
        submit="Add contract",
        back=("talentpool:contract_list", None),
    )


@login_required
def contract_detail(request, public_id):
    _national_only(request)
    contract = access.get_or_404(
        access.senior_contracts(request.user).select_related("person", "organisation"), public_id
    )
    form = forms.AssessedForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(
            form,
            lambda: services.senior_contract_assessed(
                actor=request.user, contract=contract, **form.cleaned_data
            ),
        )
        is not None
    ):
        messages.success(request, "Assessment recorded.")
        return redirect("talentpool:contract_detail", public_id=public_id)
    return render(
        request,
        "talentpool/contract_detail.html",
        {"contract": contract, "row": presenters.contract_rows([contract])[0], "form": form},
    )


@login_required
def pool_new(request):
    """An HR admin creates a pool of their organisation's own."""
    organisations = access.managed_organisations(request.user).order_by("name")
    if not organisations.exists():
        raise Http404
    form = forms.PoolForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            pool = services.pool_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{pool.name} was created.")
            return redirect("talentpool:pool_detail", public_id=pool.public_id)
    return render(request, "talentpool/pool_new.html", {"form": form})
