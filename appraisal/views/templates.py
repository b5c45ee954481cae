"""Scorecard templates: the list, an organisation's new template, and a template's next version."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from appraisal import access, forms, services
from appraisal.views.shared import crumbs, managed_organisation_or_404
from leadership.web import REFUSED, posted, render_form_page, submit


@login_required
def template_list(request):
    templates = (
        access.scorecard_templates(request.user)
        .filter(current=True)
        .select_related("organisation")
        .prefetch_related("perspectives")
    )
    return render(
        request,
        "appraisal/template_list.html",
        {
            "templates": templates,
            "organisations": access.managed_organisations(request.user).order_by("name")[:20],
            "revisable": set(access.revisable_templates(request.user).values_list("id", flat=True)),
        },
    )


@login_required
def template_new(request, ods_code):
    organisation = managed_organisation_or_404(request, ods_code)
    form = forms.TemplateForm(posted(request))
    added = submit(
        request,
        form,
        lambda data: services.template_create(
            actor=request.user,
            organisation=organisation,
            name=data["name"],
            levels=data["levels"],
            perspectives=form.perspectives(),
            competency_ratings=data["competency_ratings"],
        ),
        success="Template added.",
    )
    if added is not REFUSED:
        return redirect("appraisal:template_list")
    return render_form_page(
        request,
        form,
        title="Add a scorecard template",
        caption=organisation.name,
        intro="Senior, executive and board appraisals use the locked national template.",
        back=("scorecard templates", reverse("appraisal:template_list")),
        crumbs=crumbs(),
    )


@login_required
def template_revise(request, template_id):
    template = access.get_or_404(
        access.revisable_templates(request.user).select_related("organisation").prefetch_related("perspectives"),
        template_id,
    )
    form = forms.TemplateRevisionForm(posted(request), template=template)
    revised = submit(
        request,
        form,
        lambda data: services.template_revise(
            actor=request.user,
            template=template,
            name=data["name"],
            perspectives=form.perspectives(),
            competency_ratings=data["competency_ratings"],
        ),
        success=lambda revised: (
            f"Version {revised.version} saved. Appraisals already started keep the version they began with."
        ),
    )
    if revised is not REFUSED:
        return redirect("appraisal:template_list")
    return render_form_page(
        request,
        form,
        title=f"Revise {template.name}",
        caption=f"{template.organisation or 'National'} · version {template.version}",
        intro="Saving makes a new version for new appraisals; appraisals already started keep this one.",
        submit="Save a new version",
        back=("scorecard templates", reverse("appraisal:template_list")),
        crumbs=crumbs(),
    )
