"""Secondment pages (R7): secondments in and out of the NHS, and people recruited from other sectors."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from leadership.exports import csv_response
from leadership.web import REFUSED, posted, render_form_page, submit
from talentpool import access, forms, presenters, selectors, services
from talentpool.views.shared import PAGE_SIZE, back_to, list_filter


def _filtered(request):
    form, data, query = list_filter(request, forms.SecondmentFilterForm)
    rows = access.secondments(request.user).select_related("person", "organisation")
    return form, selectors.filter_secondments(rows, data, today=timezone.localdate()), query


@login_required
def secondment_list(request):
    form, rows, query = _filtered(request)
    external = access.people(request.user).exclude(sector_background="nhs").filter(active=True)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "talentpool/secondment_list.html",
        {
            "page": page,
            "query": query,
            "filter_form": form,
            "external_recruits": external.select_related("organisation").order_by("last_name", "id")[:50],
            "external_count": external.count(),
            "counts": presenters.secondment_counts(access.secondments(request.user), external),
            "can_create": access.is_hr_admin(request.user),
        },
    )


@login_required
def secondment_export(request):
    _, rows, _ = _filtered(request)
    lines = ((s.person.first_name, s.person.last_name, s.person.employee_number, s.organisation.name,
              s.get_direction_display(), s.get_external_sector_display(), s.external_organisation,
              s.starts_on, s.ends_on, s.cancelled_on or "")
             for s in rows.iterator(chunk_size=2000))
    return csv_response("secondments.csv", ["First name", "Last name", "Employee number", "NHS organisation",
                                            "Direction", "External sector", "External organisation",
                                            "Starts", "Ends", "Cancelled on"], lines)


@login_required
def secondment_new(request):
    form = forms.SecondmentForm(posted(request), people=access.hr_admin_people(request.user))
    secondment = submit(request, form, lambda data: services.secondment_create(actor=request.user, **data),
                        success="The secondment is recorded.")
    if secondment is not REFUSED:
        return redirect("talentpool:secondment_detail", public_id=secondment.public_id)
    return render_form_page(
        request,
        form,
        title="Record a secondment",
        submit="Save secondment",
        back=back_to("secondments", "talentpool:secondment_list"),
    )


def _secondment(request, public_id):
    rows = access.secondments(request.user).select_related("person", "organisation")
    return access.get_or_404(rows, public_id)


def _changeable(request, public_id):
    """A secondment the user sees and may change (the person's HR admins), still open; else 404."""
    secondment = _secondment(request, public_id)
    if secondment.cancelled_on is not None or not access.is_home_hr_admin(request.user, secondment.person):
        raise Http404
    return secondment


@login_required
def secondment_detail(request, public_id):
    secondment = _secondment(request, public_id)
    form = forms.SecondmentOutcomeForm(posted(request), initial={"outcome": secondment.outcome})
    saved = submit(request, form, lambda data: services.secondment_record_outcome(
        actor=request.user, secondment=secondment, **data), success="Outcome saved.")
    if saved is not REFUSED:
        return redirect("talentpool:secondment_detail", public_id=public_id)
    return render(request, "talentpool/secondment_detail.html", {
        "secondment": secondment, "form": form, "history": selectors.change_history(secondment),
        "can_change": secondment.cancelled_on is None
        and access.is_home_hr_admin(request.user, secondment.person)})


@login_required
def secondment_edit(request, public_id):
    secondment = _changeable(request, public_id)
    fields = ("direction", "external_sector", "external_organisation", "starts_on", "ends_on", "purpose")
    form = forms.SecondmentEditForm(posted(request), initial={f: getattr(secondment, f) for f in fields})
    saved = submit(request, form, lambda data: services.secondment_update(
        actor=request.user, secondment=secondment, **data), success="The secondment is saved.")
    if saved is not REFUSED:
        return redirect("talentpool:secondment_detail", public_id=public_id)
    return render_form_page(request, form, title=f"Change the secondment of {secondment.person}",
                            submit="Save secondment",
                            back=back_to("the secondment", "talentpool:secondment_detail", public_id))


@login_required
def secondment_cancel(request, public_id):
    """The confirmation page: a cancelled secondment stays on record with its reason."""
    secondment = _changeable(request, public_id)
    form = forms.ConfirmWithReasonForm(posted(request))
    cancelled = submit(request, form, lambda data: services.secondment_cancel(
        actor=request.user, secondment=secondment, reason=data["reason"]),
        success="The secondment is cancelled.")
    if cancelled is not REFUSED:
        return redirect("talentpool:secondment_detail", public_id=public_id)
    return render_form_page(request, form, title=f"Cancel the secondment of {secondment.person}?",
                            submit="Cancel secondment",
                            back=back_to("the secondment", "talentpool:secondment_detail", public_id),
                            intro=f"{secondment.external_organisation}, {secondment.starts_on:%-d %B %Y} to "
                            f"{secondment.ends_on:%-d %B %Y}. It stays on record as cancelled, with your "
                            "reason.")
