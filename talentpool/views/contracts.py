"""Very senior manager contract pages (R18): national admins only; everyone else gets a 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from leadership.web import REFUSED, posted, render_form_page, submit
from talentpool import access, forms, presenters, services
from talentpool.views.shared import back_to


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


@login_required
def contract_detail(request, public_id):
    _national_only(request)
    contract = access.get_or_404(
        access.senior_contracts(request.user).select_related("person", "organisation"), public_id
    )
    form = forms.AssessedForm(posted(request))
    assessed = submit(request, form, lambda data: services.senior_contract_assessed(
        actor=request.user, contract=contract, **data), success="Assessment recorded.")
    if assessed is not REFUSED:
        return redirect("talentpool:contract_detail", public_id=public_id)
    return render(
        request,
        "talentpool/contract_detail.html",
        {"contract": contract, "row": presenters.contract_rows([contract])[0], "form": form},
    )
