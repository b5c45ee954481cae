"""Burden Impact Assessment pages (R16) and the Agenda for Change midpoints behind their hourly costs."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from governance import access, selectors, services
from governance.forms import BurdenAssessmentForm, BurdenDecisionForm, BurdenRoleForm, PayBandRateForm
from governance.views.shared import PAGE_SIZE, back_to
from leadership.dates import uk_today
from leadership.web import REFUSED, posted, render_form_page, submit


@login_required
def assessment_list(request):
    rows = access.burden_assessments(request.user).select_related("organisation")
    if request.GET.get("show") == "published":
        rows = rows.filter(published=True)
    page = Paginator(rows.order_by("-created_at", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/assessment_list.html",
        {
            "page": page,
            "show": request.GET.get("show", ""),
            "can_create": access.runs_governance(request.user),
            "query": "show=published" if request.GET.get("show") == "published" else "",
        },
    )


@login_required
def assessment_new(request):
    user = request.user
    form = BurdenAssessmentForm(
        posted(request), organisations=access.governance_organisations(user), items=access.data_items(user)
    )
    created = submit(
        request,
        form,
        lambda data: services.burden_assessment_create(actor=user, **data),
        success="The assessment is started: add the staff roles that complete the return.",
    )
    if created is not REFUSED:
        return redirect("governance:assessment_detail", public_id=created.public_id)
    return render_form_page(
        request,
        form,
        title="Start a Burden Impact Assessment",
        submit="Start assessment",
        back=back_to("burden assessments", "governance:assessment_list"),
        intro="For any new or changed data request: what it asks, of whom, how often, "
        "and what it costs the NHS in staff time.",
    )


@login_required
def assessment_detail(request, public_id):
    user = request.user
    assessment = access.get_or_404(
        selectors.assessments_with_roles(access.burden_assessments(user)), public_id
    )
    may_change = access.may_change_burden_assessment(user, assessment)
    form = BurdenRoleForm(posted(request))
    if request.method == "POST" and not may_change:
        raise Http404  # a published assessment is read across the NHS, changed only by its own organisation
    added = submit(
        request,
        form,
        lambda data: services.burden_role_add(actor=user, assessment=assessment, **data),
        success="The role is added.",
    )
    if added is not REFUSED:
        return redirect("governance:assessment_detail", public_id=public_id)
    item_ids = {item.id for item in assessment.items.all()}
    return render(
        request,
        "governance/assessment_detail.html",
        {
            "assessment": assessment,
            "burden": selectors.burden(assessment),
            "form": form,
            "may_change": may_change and assessment.status == assessment.Status.DRAFT,
            "overlaps": selectors.overlaps_with_items(item_ids, access.data_returns(user)),
        },
    )


@login_required
def assessment_decide(request, public_id):
    user = request.user
    assessment = access.get_or_404(access.managed_burden_assessments(user), public_id)
    form = BurdenDecisionForm(posted(request), initial={"decided_on": uk_today()})
    decided = submit(
        request,
        form,
        lambda data: services.burden_assessment_decide(actor=user, assessment=assessment, **data),
        success="The decision is recorded.",
    )
    if decided is not REFUSED:
        return redirect("governance:assessment_detail", public_id=public_id)
    return render_form_page(
        request,
        form,
        title=f"Decide: {assessment.title}",
        submit="Record decision",
        back=back_to(assessment.title, "governance:assessment_detail", public_id),
    )


@login_required
def pay_rate_list(request):
    rates = access.pay_band_rates(request.user)
    return render(
        request,
        "governance/pay_rates.html",
        {
            "rates": [(rate, selectors.hourly_cost(rate.annual_midpoint)) for rate in rates],
            "may_edit": access.may_edit_pay_rates(request.user),
        },
    )


@login_required
def pay_rate_edit(request, band):
    if not access.may_edit_pay_rates(request.user):
        raise Http404
    rate = access.pay_band_rates(request.user).filter(band=band).first()
    if rate is None:
        raise Http404
    form = PayBandRateForm(
        posted(request),
        initial={"annual_midpoint": rate.annual_midpoint, "confirmed": rate.confirmed, "source": rate.source},
    )
    saved = submit(
        request,
        form,
        lambda data: services.pay_band_rate_update(actor=request.user, rate=rate, **data),
        success=f"{rate} is updated.",
    )
    if saved is not REFUSED:
        return redirect("governance:pay_rate_list")
    return render_form_page(
        request,
        form,
        title=f"{rate}: annual midpoint",
        submit="Save",
        back=back_to("pay band midpoints", "governance:pay_rate_list"),
        intro="The hourly cost is the annual midpoint divided by 1,950 hours.",
    )
