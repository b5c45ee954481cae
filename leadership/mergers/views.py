"""National admins' pages for mergers: the list, recording one (with a confirmation page that shows
what will change), and what a recorded merger did."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from leadership import access
from leadership.mergers import forms, services
from leadership.web import REFUSED, add_refusal, render_form_page, submit

PAGE_SIZE = 25


def _require_national(request):
    if not access.may_record_mergers(request.user):
        raise Http404


@login_required
def merger_list(request):
    _require_national(request)
    page = Paginator(access.mergers(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "leadership/merger_list.html", {"page": page, "query": ""})


@login_required
def merger_new(request):
    """Step one: the merger's details. Step two (the same address, posted with confirm): what will
    change, shown before anything is written."""
    _require_national(request)
    candidates = access.merger_candidates(request.user)
    initial = {"predecessor": request.GET.get("from", "")[:10]}
    form = forms.MergerForm(request.POST if request.method == "POST" else None, candidates=candidates,
                            initial=initial)
    back = ("organisation mergers", reverse("merger_list"))
    if request.method != "POST" or not form.is_valid():
        return render_form_page(request, form, title="Record a merger or succession", submit="Continue",
                                back=back)
    data = form.cleaned_data
    confirm = forms.ConfirmMergerForm(request.POST if "confirming" in request.POST else None)
    try:
        services.merger_validate(data["predecessor"], data["successor"], data["dissolved_on"], data["reason"])
    except ValidationError as error:
        add_refusal(form, error)
        return render_form_page(request, form, title="Record a merger or succession", submit="Continue",
                                back=back)
    if "confirming" in request.POST:
        merger = submit(request, confirm, lambda _: services.organisation_merge(
            actor=request.user, predecessor=data["predecessor"], successor=data["successor"],
            dissolved_on=data["dissolved_on"], move_people=data["move_people"] == "move",
            reason=data["reason"]),
            success=lambda m: f"{m.predecessor.name} is recorded as merged into {m.successor.name}.")
        if merger is not REFUSED:
            return redirect("merger_detail", public_id=merger.public_id)
    return render(request, "leadership/merger_confirm.html", {
        "form": form, "confirm": confirm, "data": data,
        "preview": services.merger_preview(data["predecessor"]),
    })


@login_required
def merger_detail(request, public_id):
    merger = access.get_or_404(access.mergers(request.user), public_id)
    return render(request, "leadership/merger_detail.html", {"merger": merger})
