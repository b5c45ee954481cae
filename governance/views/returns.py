"""The governance home, the data-return register, overlaps, reviews and the quarterly report (R12, R14)."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from governance import access, pdf, selectors, services
from governance.forms import DataReturnEditForm, DataReturnEndForm, DataReturnForm, DataReturnReviewForm
from governance.views.shared import PAGE_SIZE, back_to
from leadership.dates import add_months, uk_today
from leadership.web import REFUSED, posted, render_form_page, submit


@login_required
def home(request):
    user, today = request.user, uk_today()
    returns = access.data_returns(user)
    return render(
        request,
        "governance/home.html",
        {
            "runs_governance": access.runs_governance(user),
            "due": selectors.reviews_due(returns, today)
            .select_related("organisation")
            .order_by("next_review_due")[:10],
            "board_overdue": selectors.current_positions(access.board_positions(user), today)
            .filter(next_review_due__lt=today)
            .select_related("person", "organisation")[:10],
            "volunteer": access.own_volunteer_profile(user),
            "own_positions": access.board_positions(user)
            .filter(person=access.own_person(user))
            .select_related("organisation")
            if access.own_person(user)
            else [],
            "searches_volunteers": access.searches_volunteers(user),
            "records_volunteers": access.may_record_volunteers(user),
            "edits_pay_rates": access.may_edit_pay_rates(user),
        },
    )


STATES = {"due": "Review due or overdue", "stopped": "Stopped", "active": "Active"}


@login_required
def return_list(request):
    today = uk_today()
    rows = access.data_returns(request.user).select_related("organisation")
    state = request.GET.get("state", "")
    if state == "due":
        rows = selectors.reviews_due(rows, today)
    elif state == "stopped":
        rows = rows.filter(active=False)
    elif state == "active":
        rows = rows.filter(active=True)
    page = Paginator(rows.order_by("next_review_due", "title", "id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "governance/return_list.html",
        {
            "page": page,
            "rows": [(r, selectors.review_state(r, today)) for r in page],
            "states": STATES,
            "state": state,
            "query": f"state={state}" if state in STATES else "",
            "can_create": access.runs_governance(request.user),
        },
    )


@login_required
def return_new(request):
    user = request.user
    organisations = access.governance_organisations(user)
    form = DataReturnForm(
        posted(request),
        organisations=organisations,
        items=access.data_items(user),
        owners=access.people(user).filter(organisation__in=organisations, active=True),
    )
    created = submit(
        request,
        form,
        lambda data: services.data_return_create(actor=user, **data),
        success="The data return is recorded.",
    )
    if created is not REFUSED:
        return redirect("governance:return_detail", public_id=created.public_id)
    return render_form_page(
        request,
        form,
        title="Record a data return",
        submit="Save data return",
        back=back_to("data returns", "governance:return_list"),
    )


@login_required
def return_detail(request, public_id):
    data_return = access.get_or_404(
        selectors.with_items(access.data_returns(request.user)).select_related("owner", "ended_by"), public_id
    )
    today = uk_today()
    overlaps = [
        o
        for o in selectors.overlaps(
            access.data_returns(request.user).filter(organisation_id=data_return.organisation_id)
        )
        if data_return in (o.first, o.second)
    ]
    return render(
        request,
        "governance/return_detail.html",
        {
            "data_return": data_return,
            "state": selectors.review_state(data_return, today),
            "reviews": data_return.reviews.select_related("merged_into", "reviewed_by"),
            "overlaps": overlaps,
            "may_change": access.may_record_data_return(request.user, data_return.organisation),
        },
    )


EDITABLE_RETURN_FIELDS = (
    "title",
    "requesting_body",
    "requesting_body_other",
    "purpose",
    "legal_basis",
    "frequency",
    "owner",
    "staff_roles",
    "hours_per_return",
    "review_interval_months",
)


@login_required
def return_edit(request, public_id):
    user = request.user
    data_return = access.get_or_404(
        access.data_returns(user).select_related("organisation", "owner"), public_id
    )
    initial = {field: getattr(data_return, field) for field in EDITABLE_RETURN_FIELDS}
    form = DataReturnEditForm(
        posted(request),
        items=access.data_items(user),
        owners=access.people(user).filter(organisation=data_return.organisation, active=True),
        initial=initial | {"items": list(data_return.items.all())},
    )
    saved = submit(
        request,
        form,
        lambda data: services.data_return_update(actor=user, data_return=data_return, **data),
        success="The data return is updated.",
    )
    if saved is not REFUSED:
        return redirect("governance:return_detail", public_id=public_id)
    return render_form_page(
        request,
        form,
        title=f"Change: {data_return.title}",
        submit="Save changes",
        caption=data_return.organisation.name,
        back=back_to(data_return.title, "governance:return_detail", public_id),
    )


@login_required
def return_end(request, public_id):
    user = request.user
    data_return = access.get_or_404(access.data_returns(user).select_related("organisation"), public_id)
    form = DataReturnEndForm(posted(request), initial={"ended_on": uk_today()})
    ended = submit(
        request,
        form,
        lambda data: services.data_return_end(actor=user, data_return=data_return, **data),
        success="The data return has ended.",
    )
    if ended is not REFUSED:
        return redirect("governance:return_detail", public_id=public_id)
    return render_form_page(
        request,
        form,
        title=f"End the return: {data_return.title}",
        submit="End the return",
        caption=data_return.organisation.name,
        intro="An ended return is no longer reviewed, counted in overlaps or in the report's totals. "
        "Its record and reviews are kept.",
        back=back_to(data_return.title, "governance:return_detail", public_id),
        warning=True,
    )


@login_required
def return_review(request, public_id):
    user = request.user
    data_return = access.get_or_404(access.data_returns(user), public_id)
    others = (
        access.data_returns(user)
        .filter(organisation_id=data_return.organisation_id, active=True)
        .exclude(pk=data_return.pk)
    )
    form = DataReturnReviewForm(posted(request), other_returns=others, initial={"reviewed_on": uk_today()})
    saved = submit(
        request,
        form,
        lambda data: services.data_return_review(actor=user, data_return=data_return, **data),
        success="The review is recorded.",
    )
    if saved is not REFUSED:
        return redirect("governance:return_detail", public_id=public_id)
    return render_form_page(
        request,
        form,
        title=f"Review: {data_return.title}",
        submit="Save review",
        caption=data_return.organisation.name,
        back=back_to(data_return.title, "governance:return_detail", public_id),
    )


@login_required
def overlap_list(request):
    return render(
        request,
        "governance/overlaps.html",
        {"overlaps": selectors.overlaps(access.data_returns(request.user))},
    )


def _quarter_day(request) -> date:
    """?quarter=2026-Q3 as a day in that quarter; this quarter when absent; 404 when unreadable."""
    text = request.GET.get("quarter", "")
    if not text:
        return uk_today()
    try:
        year, quarter = text.upper().split("-Q")
        year, quarter = int(year), int(quarter)
        if not (1900 <= year <= 2100 and 1 <= quarter <= 4):
            raise ValueError
    except ValueError:
        raise Http404 from None
    return date(year, 3 * quarter - 2, 1)


def _quarter_param(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


@login_required
def report(request):
    day, today = _quarter_day(request), uk_today()
    result = selectors.quarterly_report(access.data_returns(request.user), day, today)
    return render(
        request,
        "governance/report.html",
        {
            "report": result,
            "quarter": _quarter_param(result.start),
            "previous": _quarter_param(add_months(result.start, -3)),
            "next": _quarter_param(add_months(result.start, 3)) if result.end <= today else "",
        },
    )


@login_required
def report_pdf(request):
    day = _quarter_day(request)
    result = selectors.quarterly_report(access.data_returns(request.user), day, uk_today())
    response = HttpResponse(pdf.quarterly_report(result), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="data-returns-{_quarter_param(result.start)}.pdf"'
    )
    return response
