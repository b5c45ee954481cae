"""Pools and membership pages: the talent home, pools, nominations, the membership page and its decisions,
and the national pool search. Rows come from talentpool.access; writes go through talentpool.services.

The membership page holds two POST-only forms (the decision and the annual review). Each posts to its own
URL; a refusal re-renders the membership page there, with the bound form and its errors."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from leadership.exports import csv_response
from leadership.models import EMPLOYER_KINDS, Person
from leadership.web import REFUSED, confirm_step, confirmed, posted, render_form_page, submit
from talentpool import access, forms, presenters, selectors, services
from talentpool.models import PoolMembership
from talentpool.views.shared import PAGE_SIZE, back_to

ANNUAL_REVIEW_IDS = "annual_review_%s"  # its reason field shares a name with the decision's, not an id


@login_required
def home(request):
    user = request.user
    # The organisation's own pools first: they are the ones its HR admins run.
    pools = (access.talent_pools(user).filter(active=True).select_related("region", "owner")
             .order_by(F("owner_id").asc(nulls_last=True), "kind", "name"))
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
def pool_new(request):
    """An HR admin creates a pool of their organisation's own."""
    organisations = access.managed_organisations(request.user).order_by("name")
    if not organisations.exists():
        raise Http404
    form = forms.PoolForm(posted(request), organisations=organisations)
    pool = submit(request, form, lambda data: services.pool_create(actor=request.user, **data),
                  success=lambda pool: f"{pool.name} was created.")
    if pool is not REFUSED:
        return redirect("talentpool:pool_detail", public_id=pool.public_id)
    return render_form_page(
        request,
        form,
        title="Create a talent pool",
        submit="Create pool",
        back=back_to("talent", "talentpool:home"),
        intro="A pool of your organisation's own, for example for aspiring ward managers. "
        "Only your organisation sees it.",
    )


@login_required
def pool_detail(request, public_id):
    pool = access.get_or_404(access.talent_pools(request.user), public_id)
    members = selectors.member_search(access.pool_members(request.user), selectors.MemberSearch(pool=pool))
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "talentpool/pool_detail.html",
        {"pool": pool, "page": page, "rows": presenters.member_rows(page), "query": "",
         "can_manage": pool.active and access.may_manage_pool(request.user, pool)},
    )


def _managed_pool(request, public_id):
    """A pool the user may see, then may change: outside reach 404, inside without the right 404 too
    (the edit and close pages are not offered to them)."""
    pool = access.get_or_404(access.talent_pools(request.user), public_id)
    if not access.may_manage_pool(request.user, pool):
        raise Http404
    return pool


@login_required
def pool_edit(request, public_id):
    pool = _managed_pool(request, public_id)
    form = forms.PoolEditForm(posted(request), initial={"name": pool.name, "description": pool.description})
    saved = submit(request, form, lambda data: services.pool_update(actor=request.user, pool=pool, **data),
                   success="The pool is saved.")
    if saved is not REFUSED:
        return redirect("talentpool:pool_detail", public_id=public_id)
    return render_form_page(request, form, title=f"Change {pool.name}", submit="Save pool",
                            back=back_to("the pool", "talentpool:pool_detail", public_id))


@login_required
def pool_close(request, public_id):
    """The confirmation page: closing ends every open membership and tells each member."""
    pool = _managed_pool(request, public_id)
    form = forms.ConfirmWithReasonForm(posted(request))
    ended = submit(request, form, lambda data: services.pool_close(
        actor=request.user, pool=pool, reason=data["reason"]),
        success=lambda n: f"{pool.name} is closed; {n} membership{'s' if n != 1 else ''} ended.")
    if ended is not REFUSED:
        return redirect("talentpool:pool_detail", public_id=public_id)
    open_count = pool.memberships.filter(status__in=PoolMembership.OPEN_STATUSES).count()
    return render_form_page(
        request, form, title=f"Close {pool.name}?", submit="Close pool",
        back=back_to("the pool", "talentpool:pool_detail", public_id),
        intro=f"Closing the pool ends its {open_count} open membership{'s' if open_count != 1 else ''} "
        "with your reason, and each member is told. Nobody can be nominated to it afterwards. "
        "This cannot be undone.")


@login_required
def nominate(request):
    user = request.user
    people = access.hr_admin_people(user) | access.reports(user)
    own = access.own_person(user)
    if own is not None:
        people = people | Person.objects.filter(pk=own.pk)
    pools = access.talent_pools(user).filter(active=True)
    # "Nominate to a pool" on a person's page, and "Nominate someone" on a pool's page, preselect.
    initial = {key: request.GET[key] for key in ("person", "pool") if request.GET.get(key)} or None
    form = forms.NominateForm(
        posted(request),
        initial=initial,
        pools=pools,
        people=people.distinct().order_by("last_name", "first_name"),
    )
    membership = submit(request, form, lambda data: services.membership_nominate(actor=user, **data),
                        success=lambda m: f"{m.person} was nominated to the {m.pool}.")
    if membership is not REFUSED:
        return redirect("talentpool:membership_detail", public_id=membership.public_id)
    return render_form_page(
        request,
        form,
        title="Nominate someone to a talent pool",
        submit="Nominate",
        back=back_to("talent", "talentpool:home"),
        intro="Line managers and HR admins nominate; anyone may nominate themselves with a "
        "rationale. The person's HR admin reviews every nomination.",
    )


def _membership(request, public_id):
    return access.get_or_404(
        access.pool_members(request.user).select_related("person__organisation", "pool", "nominated_by"),
        public_id,
    )


def _membership_page(request, membership, *, transition_form=None, review_form=None):
    """The membership page; a decision or annual review form comes bound when it was refused."""
    user = request.user
    transitions = services.allowed_transitions(actor=user, membership=membership)
    if transition_form is None or not transition_form.is_bound:
        decisions = [t for t in transitions if t != PoolMembership.Status.WITHDRAWN]
        transition_form = forms.TransitionForm(choices=decisions) if decisions else None
    if review_form is None or not review_form.is_bound:
        review_form = forms.AnnualReviewForm(auto_id=ANNUAL_REVIEW_IDS)
    forms_on_page = [form for form in (transition_form, review_form) if form is not None]
    refused = next((form for form in forms_on_page if form.errors), None)
    return render(
        request,
        "talentpool/membership_detail.html",
        {
            "membership": membership,
            "profile": presenters.member_profile(membership),
            "decisions": membership.decisions.select_related("actor"),
            "refused": refused,
            "transition_form": transition_form,
            "can_review": review_form.is_bound or (
                membership.status == PoolMembership.Status.ACTIVE
                and access.is_home_hr_admin(user, membership.person)
            ),
            "review_form": review_form,
            "can_edit": services.can_edit_profile(actor=user, membership=membership),
            "can_withdraw": PoolMembership.Status.WITHDRAWN in transitions,
            "can_shortlist": membership.status == PoolMembership.Status.ACTIVE
            and access.is_hr_admin(user),
            "shortlistings": membership.shortlistings.filter(
                Q(organisation__in=access.managed_organisations(user))
                | Q(membership__person__organisation__in=access.managed_organisations(user))
            ).select_related("organisation"),
        },
    )


@login_required
def membership_detail(request, public_id):
    return _membership_page(request, _membership(request, public_id))


@login_required
def membership_decide(request, public_id):
    """The decision form of the membership page (a GET shows that page)."""
    membership = _membership(request, public_id)
    # Withdrawing has its own confirmation page (membership_withdraw).
    choices = [t for t in services.allowed_transitions(actor=request.user, membership=membership)
               if t != PoolMembership.Status.WITHDRAWN]
    form = forms.TransitionForm(posted(request), choices=choices)
    if (request.method == "POST" and form.is_valid() and not confirmed(request)
            and form.cleaned_data["to_status"] == PoolMembership.Status.WITHDRAWN):
        return confirm_step(request, form, title=f"Withdraw {membership.person}'s nomination",
                            intro=f"They leave the {membership.pool} at once, and this cannot be undone: "
                                  "to come back they need a new nomination.",
                            confirm="Withdraw the nomination",
                            back=("the nomination",
                                  reverse("talentpool:membership_detail", args=[public_id])))
    decided = submit(request, form, lambda data: services.membership_transition(
        actor=request.user, membership=membership, **data), success="Decision recorded.")
    if decided is not REFUSED:
        return redirect("talentpool:membership_detail", public_id=public_id)
    return _membership_page(request, membership, transition_form=form)


@login_required
def membership_withdraw(request, public_id):
    """The confirmation page for withdrawing a nomination or membership (the member or their HR admin)."""
    membership = _membership(request, public_id)
    if PoolMembership.Status.WITHDRAWN not in services.allowed_transitions(actor=request.user,
                                                                           membership=membership):
        raise Http404
    form = forms.ConfirmWithReasonForm(posted(request))
    withdrawn = submit(request, form, lambda data: services.membership_transition(
        actor=request.user, membership=membership, to_status=PoolMembership.Status.WITHDRAWN,
        reason=data["reason"]), success="The membership is withdrawn.")
    if withdrawn is not REFUSED:
        return redirect("talentpool:membership_detail", public_id=public_id)
    return render_form_page(
        request, form, title=f"Withdraw {membership.person} from the {membership.pool}?", submit="Withdraw",
        back=back_to("the member", "talentpool:membership_detail", public_id),
        intro="The membership ends today with your reason. To join again, a new nomination is needed.")


@login_required
def membership_annual_review(request, public_id):
    """The annual review form of the membership page (a GET shows that page)."""
    membership = _membership(request, public_id)
    form = forms.AnnualReviewForm(posted(request), auto_id=ANNUAL_REVIEW_IDS)
    reviewed = submit(request, form, lambda data: services.membership_review(
        actor=request.user, membership=membership, reason=data["reason"]),
        success="Annual review recorded: the membership continues for another year.")
    if reviewed is not REFUSED:
        return redirect("talentpool:membership_detail", public_id=public_id)
    return _membership_page(request, membership, review_form=form)


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
    form = forms.ProfileForm(posted(request), initial=initial, regions=selectors.regions())
    saved = submit(request, form, lambda data: services.membership_profile_update(
        actor=request.user, membership=membership, **data), success="Pool profile saved.")
    if saved is not REFUSED:
        return redirect("talentpool:membership_detail", public_id=public_id)
    return render_form_page(
        request,
        form,
        title=f"Pool profile: {membership.person}",
        submit="Save profile",
        back=back_to("the member", "talentpool:membership_detail", public_id),
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
    form = forms.ShortlistForm(posted(request), organisations=organisations)
    shortlisted = submit(request, form, lambda data: services.membership_shortlist(
        actor=request.user, membership=membership, **data),
        success=f"{membership.person} was shortlisted. They and their HR admin are told.")
    if shortlisted is not REFUSED:
        return redirect("talentpool:membership_detail", public_id=public_id)
    return render_form_page(
        request,
        form,
        title=f"Shortlist {membership.person} for a vacancy",
        submit="Shortlist",
        back=back_to("the member", "talentpool:membership_detail", public_id),
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
