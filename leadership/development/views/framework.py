"""The competency framework: reading it at a level, national admins' versions and drafts, pathways."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from leadership import access
from leadership.development import (
    forms,
    framework_services,
    pathway_forms,
    pathway_selectors,
    presenters,
    selectors,
    services,
)
from leadership.forms import ButtonForm
from leadership.models import FRAMEWORK_LEVELS, CompetencyFramework
from leadership.web import REFUSED, posted, submit


def _national_framework(request, public_id):
    if not access.can_edit_frameworks(request.user):
        raise Http404
    return access.get_or_404(CompetencyFramework.objects.all(), public_id)


@login_required
def framework(request):
    framework = selectors.published_framework()
    form = forms.LevelForm(request.GET or None)
    level = selectors.level_for(access.own_person(request.user))
    if form.is_bound and form.is_valid() and form.cleaned_data["level"]:
        level = form.cleaned_data["level"]
    form = forms.LevelForm(initial={"level": level})
    rows = list(selectors.competencies_with_behaviours(framework, level)) if framework else []
    return render(
        request,
        "development/framework.html",
        {
            "framework": framework,
            "form": form,
            "rows": rows,
            "level_label": forms.MANAGEMENT_LEVEL_LABELS[level],
            "can_edit": access.can_edit_frameworks(request.user),
            "may_manage_pathways": access.may_manage_pathways(request.user),
            "local_owners": access.local_competency_owners(request.user),
            "local_rows": pathway_selectors.own_local_competencies(framework, access.own_person(request.user))
            if framework else [],
        },
    )


@login_required
def framework_versions(request):
    if not access.can_edit_frameworks(request.user):
        raise Http404
    form = ButtonForm(posted(request))
    draft = submit(request, form, lambda _: services.framework_draft_create(actor=request.user),
                   success=lambda draft: f"Version {draft.version} drafted from the published framework.")
    if draft is not REFUSED:
        return redirect("development:framework_version", public_id=draft.public_id)
    return render(request, "development/framework_versions.html",
                  {"versions": CompetencyFramework.objects.all(), "form": form})


@login_required
def framework_version(request, public_id):
    """A version's competencies; in a draft, national admins reorder them and publish the draft."""
    version = _national_framework(request, public_id)
    moving = request.method == "POST" and "direction" in request.POST
    form = forms.ConfirmForm(None if moving else posted(request))
    move = pathway_forms.MoveForm(request.POST if moving else None)
    if moving:
        competency = version.competencies.filter(code=request.POST.get("code", ""), organisation=None).first()
        if competency is None:
            raise Http404
        if submit(request, move, lambda data: framework_services.competency_move(
                actor=request.user, competency=competency, direction=data["direction"]),
                success=f"{competency.name} is moved.") is not REFUSED:
            return redirect("development:framework_version", public_id=version.public_id)
    elif submit(request, form, lambda _: services.framework_publish(actor=request.user, framework=version),
                success=f"Version {version.version} is published.") is not REFUSED:
        return redirect("development:framework_versions")
    return render(
        request,
        "development/framework_version.html",
        {"version": version, "form": form, "move_form": move,
         "competencies": version.competencies.filter(organisation=None).order_by("position", "name", "id")},
    )


@login_required
def competency_edit(request, public_id, code):
    version = _national_framework(request, public_id)
    competency = version.competencies.filter(code=code, organisation=None).first()
    if competency is None:
        raise Http404
    behaviours = {b.management_level: b for b in competency.behaviours.all()}
    initial = {"name": competency.name, "description": competency.description}
    for level in FRAMEWORK_LEVELS:
        if level.value in behaviours:
            initial[f"expected_{level.value}"] = str(behaviours[level.value].expected_level)
            initial[f"behaviour_{level.value}"] = behaviours[level.value].description
    form = forms.CompetencyForm(posted(request), initial=initial)
    saved = submit(request, form, lambda data: services.competency_update(
        actor=request.user, competency=competency, name=data["name"], description=data["description"],
        behaviours=form.behaviours(),
    ), success=lambda saved: f"{saved.name} is saved.")
    if saved is not REFUSED:
        return redirect("development:framework_version", public_id=version.public_id)
    return render(
        request,
        "development/competency_edit.html",
        {"version": version, "competency": competency, "form": form},
    )


@login_required
def pathways(request):
    """Career pathways, with where the signed-in person stands and what their next step needs."""
    person = access.own_person(request.user)
    framework = selectors.published_framework()
    positions = selectors.pathway_positions(person, framework) if person else []
    return render(request, "development/pathways.html", {
        "person": person, "positions": [presenters.pathway_position(p) for p in positions],
        "may_manage": access.may_manage_pathways(request.user),
    })
