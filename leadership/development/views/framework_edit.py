"""Changing the framework's competencies: national admins add, remove and reorder them in a draft;
an organisation's HR admins keep its local competencies beside the published national ones."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from leadership import access
from leadership.development import framework_services as services
from leadership.development import pathway_forms as forms
from leadership.development import selectors
from leadership.development.forms import CompetencyForm, ConfirmForm
from leadership.models import CompetencyFramework
from leadership.web import REFUSED, posted, render_form_page, submit


def _national_framework(request, public_id):
    if not access.can_edit_frameworks(request.user):
        raise Http404
    return access.get_or_404(CompetencyFramework.objects.all(), public_id)


def _national_competency(version, code):
    competency = version.competencies.filter(code=code, organisation=None).first()
    if competency is None:
        raise Http404
    return competency


def _version_url(version) -> str:
    return reverse("development:framework_version", args=[version.public_id])


def _behaviour_initial(competency) -> dict:
    initial = {"name": competency.name, "description": competency.description}
    for behaviour in competency.behaviours.all():
        initial[f"expected_{behaviour.management_level}"] = str(behaviour.expected_level)
        initial[f"behaviour_{behaviour.management_level}"] = behaviour.description
    return initial


@login_required
def competency_new(request, public_id):
    version = _national_framework(request, public_id)
    form = forms.NewCompetencyForm(posted(request), initial={"group": "hlm"})
    if submit(request, form, lambda data: services.competency_add(
            actor=request.user, framework=version, name=data["name"], description=data["description"],
            group=data["group"], behaviours=form.behaviours()),
            success=lambda c: f"{c.name} is added at the end of version {version.version}.") is not REFUSED:
        return redirect("development:framework_version", public_id=version.public_id)
    return render_form_page(request, form, title="Add a competency", submit="Add competency",
                            caption=f"Version {version.version}",
                            back=(f"version {version.version}", _version_url(version)))


@login_required
def competency_remove(request, public_id, code):
    version = _national_framework(request, public_id)
    competency = _national_competency(version, code)
    form = ConfirmForm(posted(request))
    if submit(request, form, lambda _: services.competency_remove(actor=request.user, competency=competency),
              success=f"{competency.name} is removed from version {version.version}.") is not REFUSED:
        return redirect("development:framework_version", public_id=version.public_id)
    return render(request, "development/competency_remove.html",
                  {"version": version, "competency": competency, "form": form})


def _organisation(request, ods_code):
    return access.managed_organisation_or_404(request.user, ods_code)


@login_required
def local_competencies(request, ods_code):
    organisation = _organisation(request, ods_code)
    framework = selectors.published_framework()
    rows = access.local_competencies(request.user, framework, organisation) if framework else []
    return render(request, "development/local_competencies.html", {
        "organisation": organisation, "framework": framework, "competencies": rows})


@login_required
def local_competency_new(request, ods_code):
    organisation = _organisation(request, ods_code)
    form = CompetencyForm(posted(request))
    if submit(request, form, lambda data: services.local_competency_create(
            actor=request.user, organisation=organisation, name=data["name"], description=data["description"],
            behaviours=form.behaviours()), success=lambda c: f"{c.name} is added.") is not REFUSED:
        return redirect("development:local_competencies", ods_code=organisation.ods_code)
    return render_form_page(request, form, title="Add a local competency", submit="Add competency",
                            caption=organisation.name,
                            intro="It sits beside the national competencies for your organisation's staff.",
                            back=("your organisation's competencies",
                                  reverse("development:local_competencies", args=[organisation.ods_code])))


def _local(request, ods_code, code):
    organisation = _organisation(request, ods_code)
    framework = selectors.published_framework()
    competency = access.local_competencies(request.user, framework, organisation).filter(code=code).first() \
        if framework else None
    if competency is None:
        raise Http404
    return organisation, competency


@login_required
def local_competency_edit(request, ods_code, code):
    organisation, competency = _local(request, ods_code, code)
    form = CompetencyForm(posted(request), initial=_behaviour_initial(competency))
    if submit(request, form, lambda data: services.local_competency_update(
            actor=request.user, competency=competency, name=data["name"], description=data["description"],
            behaviours=form.behaviours()), success="The competency is saved.") is not REFUSED:
        return redirect("development:local_competencies", ods_code=organisation.ods_code)
    return render_form_page(request, form, title=f"Change {competency.name}", submit="Save",
                            caption=organisation.name,
                            back=("your organisation's competencies",
                                  reverse("development:local_competencies", args=[organisation.ods_code])))


@login_required
def local_competency_remove(request, ods_code, code):
    organisation, competency = _local(request, ods_code, code)
    form = ConfirmForm(posted(request))
    if submit(request, form, lambda _: services.local_competency_remove(actor=request.user,
                                                                         competency=competency),
              success=f"{competency.name} is removed.") is not REFUSED:
        return redirect("development:local_competencies", ods_code=organisation.ods_code)
    return render(request, "development/local_competency_remove.html",
                  {"organisation": organisation, "competency": competency, "form": form})


__all__ = ["competency_new", "competency_remove", "local_competencies",
           "local_competency_edit", "local_competency_new", "local_competency_remove"]
