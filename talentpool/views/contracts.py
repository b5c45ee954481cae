"""Very senior manager contract pages (R18): national admins only; everyone else gets a 404."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from leadership.exports import csv_response
from leadership.web import REFUSED, posted, render_form_page, submit
from talentpool import access, forms, presenters, selectors, services
from talentpool.views.shared import PAGE_SIZE, back_to, list_filter


def _national_only(request):
    if not access.may_manage_contracts(request.user):
        raise Http404


def _filtered(request):
    form, data, query = list_filter(request, forms.ContractFilterForm)
    rows = access.senior_contracts(request.user).select_related("person", "organisation")
    return form, selectors.filter_contracts(rows, data, today=timezone.localdate()), query


@login_required
def contract_list(request):
    _national_only(request)
    form, contracts, query = _filtered(request)
    page = Paginator(contracts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "talentpool/contract_list.html", {
        "page": page, "rows": presenters.contract_rows(page), "query": query, "filter_form": form})


@login_required
def contract_export(request):
    _national_only(request)
    _, contracts, _ = _filtered(request)
    lines = ((c.person.first_name, c.person.last_name, c.person.employee_number, c.organisation.name, c.post,
              c.starts_on, c.minimum_term_months, c.minimum_term_ends_on, c.next_assessment_due,
              c.last_assessed_on or "", c.ends_on or "")
             for c in contracts.iterator(chunk_size=2000))
    return csv_response("senior-contracts.csv", [
        "First name", "Last name", "Employee number", "Organisation", "Post", "Starts",
        "Minimum term (months)", "Minimum term ends", "Next assessment due", "Last assessed", "Ends"], lines)


def _contract_create(request, data):
    # The form finds the person by organisation and employee number; the contract takes the person.
    fields = {k: v for k, v in data.items() if k not in ("organisation", "employee_number")}
    return services.senior_contract_create(actor=request.user, **fields)


@login_required
def contract_new(request):
    _national_only(request)
    form = forms.ContractForm(posted(request))
    contract = submit(request, form, lambda data: _contract_create(request, data),
                      success="The contract is added.")
    if contract is not REFUSED:
        return redirect("talentpool:contract_detail", public_id=contract.public_id)
    return render_form_page(
        request,
        form,
        title="Add a very senior manager contract",
        submit="Add contract",
        back=back_to("contracts", "talentpool:contract_list"),
    )


def _contract(request, public_id):
    _national_only(request)
    return access.get_or_404(
        access.senior_contracts(request.user).select_related("person", "organisation"), public_id
    )


def _running(request, public_id):
    contract = _contract(request, public_id)
    if contract.ended_reason:
        raise Http404
    return contract


@login_required
def contract_detail(request, public_id):
    contract = _contract(request, public_id)
    form = forms.AssessedForm(posted(request))
    assessed = submit(request, form, lambda data: services.senior_contract_assessed(
        actor=request.user, contract=contract, **data), success="Assessment recorded.")
    if assessed is not REFUSED:
        return redirect("talentpool:contract_detail", public_id=public_id)
    return render(
        request,
        "talentpool/contract_detail.html",
        {"contract": contract, "row": presenters.contract_rows([contract])[0], "form": form,
         "running": not contract.ended_reason, "history": selectors.change_history(contract)},
    )


def _back(public_id):
    return back_to("the contract", "talentpool:contract_detail", public_id)


@login_required
def contract_edit(request, public_id):
    contract = _running(request, public_id)
    fields = ("post", "starts_on", "minimum_term_months", "next_assessment_due", "next_appraisal_due",
              "notes")
    form = forms.ContractEditForm(posted(request), initial={f: getattr(contract, f) for f in fields})
    saved = submit(request, form, lambda data: services.senior_contract_update(
        actor=request.user, contract=contract, **data), success="The contract is saved.")
    if saved is not REFUSED:
        return redirect("talentpool:contract_detail", public_id=public_id)
    return render_form_page(request, form, title=f"Change the contract of {contract.person}",
                            submit="Save contract", back=_back(public_id))


@login_required
def contract_extend(request, public_id):
    contract = _running(request, public_id)
    form = forms.ContractExtendForm(posted(request))
    extended = submit(request, form, lambda data: services.senior_contract_extend(
        actor=request.user, contract=contract, **data),
        success=lambda c: f"The minimum term now ends on {c.minimum_term_ends_on:%-d %B %Y}.")
    if extended is not REFUSED:
        return redirect("talentpool:contract_detail", public_id=public_id)
    return render_form_page(request, form, title=f"Extend the contract of {contract.person}",
                            submit="Extend contract", back=_back(public_id),
                            intro=f"The minimum term is {contract.minimum_term_months} months, ending on "
                            f"{contract.minimum_term_ends_on:%-d %B %Y}.")


@login_required
def contract_end(request, public_id):
    """The confirmation page: an ended contract stays in the register, without alerts."""
    contract = _running(request, public_id)
    form = forms.ContractEndForm(posted(request))
    ended = submit(request, form, lambda data: services.senior_contract_end(
        actor=request.user, contract=contract, ends_on=data["ends_on"], reason=data["reason"]),
        success="The contract is ended.")
    if ended is not REFUSED:
        return redirect("talentpool:contract_detail", public_id=public_id)
    return render_form_page(request, form, title=f"End the contract of {contract.person}?",
                            submit="End contract", back=_back(public_id),
                            intro=f"{contract.post}, {contract.organisation.name}. The contract stays in the "
                            "register as ended, with your reason, and raises no more alerts.")
