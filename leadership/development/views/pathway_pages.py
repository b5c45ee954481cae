"""Career pathways kept from pages: national admins the national ones, HR admins their organisation's."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from leadership import access, pathway_page
from leadership.development import pathway_forms as forms
from leadership.development import pathway_selectors as selectors
from leadership.development import pathway_services as services
from leadership.development.forms import ConfirmForm
from leadership.web import REFUSED, posted, render_form_page, submit

PAGE_SIZE = 25


def _pathway_to_manage(request, public_id):
    rows = access.pathways_to_manage(request.user).select_related("organisation")
    return access.get_or_404(rows, public_id)


def _step(pathway, order):
    step = pathway.steps.filter(order=order).first()
    if step is None:
        raise Http404
    return step


def _to_pathway(pathway):
    return redirect("development:pathway_detail", public_id=pathway.public_id)


def _pathway_url(pathway) -> str:
    return reverse("development:pathway_detail", args=[pathway.public_id])


@login_required
def pathway_list(request):
    if not access.may_manage_pathways(request.user):
        raise Http404
    form = forms.PathwayFilterForm(request.GET or None)
    q = owner = ""
    if form.is_bound and form.is_valid():
        q, owner = form.cleaned_data["q"], form.cleaned_data["owner"]
    rows = selectors.pathway_list(access.pathways_to_manage(request.user), q, owner)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "development/pathway_list.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "may_add": access.may_keep_national_pathways(request.user)
        or access.pathway_owners(request.user).exists(),
    })


@login_required
def pathway_new(request):
    if not access.may_manage_pathways(request.user):
        raise Http404
    national = access.may_keep_national_pathways(request.user)
    owners = None if national else access.pathway_owners(request.user)
    form = forms.PathwayForm(posted(request), owners=owners)
    pathway = submit(request, form, lambda data: services.pathway_create(
        actor=request.user, name=data["name"], description=data["description"],
        organisation=data.get("organisation")), success=lambda p: f"{p.name} is added: now add its steps.")
    if pathway is not REFUSED:
        return _to_pathway(pathway)
    return render_form_page(request, form, title="Add a career pathway", submit="Add pathway",
                            intro="A national pathway is offered to everyone." if national else
                            "Your organisation's own pathway is offered to its staff beside the national "
                            "ones.",
                            back=("career pathways", reverse("development:pathway_list")))


@login_required
def pathway_detail(request, public_id):
    pathway = access.get_or_404(access.pathways(request.user).select_related("organisation"), public_id)
    may_manage = access.pathways_to_manage(request.user).filter(id=pathway.id).exists()
    move = forms.MoveForm(posted(request))
    if request.method == "POST":
        if not may_manage:
            raise Http404
        order = request.POST.get("order", "")
        if not order.isdigit():
            raise Http404
        step = _step(pathway, int(order))
        if submit(request, move, lambda data: services.step_move(actor=request.user, step=step,
                                                                   direction=data["direction"]),
                  success=f"{step.title} is moved.") is not REFUSED:
            return _to_pathway(pathway)
    return render(request, "development/pathway_detail.html", {
        "pathway": pathway, "steps": selectors.pathway_steps(pathway), "may_manage": may_manage,
        "sections": pathway_page.sections(request.user, pathway), "form": move,
        "back": reverse("development:pathway_list") if access.may_manage_pathways(request.user)
        else reverse("development:pathways"),
    })


@login_required
def pathway_edit(request, public_id):
    pathway = _pathway_to_manage(request, public_id)
    initial = {"name": pathway.name, "description": pathway.description}
    form = forms.PathwayForm(posted(request), initial=initial)
    if submit(request, form, lambda data: services.pathway_update(
            actor=request.user, pathway=pathway, name=data["name"], description=data["description"]),
            success="The pathway is saved.") is not REFUSED:
        return _to_pathway(pathway)
    return render_form_page(request, form, title=f"Change {pathway.name}", submit="Save",
                            back=("the pathway", _pathway_url(pathway)))


@login_required
def pathway_delete(request, public_id):
    pathway = _pathway_to_manage(request, public_id)
    form = ConfirmForm(posted(request))
    if submit(request, form, lambda _: services.pathway_delete(actor=request.user, pathway=pathway),
              success=f"{pathway.name} is removed.") is not REFUSED:
        return redirect("development:pathway_list")
    return render(request, "development/pathway_delete.html", {
        "pathway": pathway, "form": form, "step_count": pathway.steps.count()})


@login_required
def step_new(request, public_id):
    pathway = _pathway_to_manage(request, public_id)
    form = forms.StepForm(posted(request), competencies=selectors.step_competencies(pathway.organisation))
    if submit(request, form, lambda data: services.step_create(actor=request.user, pathway=pathway, **data),
              success=lambda step: f"{step.title} is added.") is not REFUSED:
        return _to_pathway(pathway)
    return render_form_page(request, form, title="Add a step", submit="Add step", caption=pathway.name,
                            back=("the pathway", _pathway_url(pathway)))


@login_required
def step_edit(request, public_id, order):
    pathway = _pathway_to_manage(request, public_id)
    step = _step(pathway, order)
    form = forms.StepForm(posted(request), competencies=selectors.step_competencies(pathway.organisation),
                          initial={"title": step.title, "management_level": step.management_level,
                                   "competency_codes": step.competency_codes})
    if submit(request, form, lambda data: services.step_update(actor=request.user, step=step, **data),
              success="The step is saved.") is not REFUSED:
        return _to_pathway(pathway)
    return render_form_page(request, form, title=f"Change step {step.order}", submit="Save",
                            caption=pathway.name, back=("the pathway", _pathway_url(pathway)))


@login_required
def step_delete(request, public_id, order):
    pathway = _pathway_to_manage(request, public_id)
    step = _step(pathway, order)
    form = ConfirmForm(posted(request))
    if submit(request, form, lambda _: services.step_delete(actor=request.user, step=step),
              success=f"{step.title} is removed.") is not REFUSED:
        return _to_pathway(pathway)
    return render(request, "development/pathway_step_delete.html", {"pathway": pathway, "step": step,
                                                                     "form": form})
