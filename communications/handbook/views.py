"""Pages of the values handbook: read and attest it (everyone); draft, edit and publish versions
(national admins)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from communications import access
from communications.handbook import forms, selectors, services
from leadership.models import ManagementLevel
from leadership.web import REFUSED, posted, render_form_page, submit


@login_required
def handbook(request):
    """The current version, the reader's own level first; attesting is a POST here."""
    version = selectors.current_version()
    person = access.own_person(request.user)
    form = forms.AttestForm(posted(request))
    if version is not None and access.attests_values(request.user):
        done = submit(request, form,
                      lambda data: services.values_attest(actor=request.user, version=version),
                      success="Thank you. Your attestation is recorded.")
        if done is not REFUSED:
            return redirect("communications:handbook")
    elif request.method == "POST":
        raise Http404
    level = selectors.reader_level(person)
    return render(request, "communications/handbook.html", {
        "version": version, "form": form, "level_label": ManagementLevel(level).label if person else "",
        "rows": selectors.value_rows(version, level) if version else [],
        "attested": selectors.has_attested(person, version),
        "can_attest": access.attests_values(request.user),
        "edits_handbook": access.edits_handbook(request.user),
        "passport_url": reverse("communications:passport", args=[person.public_id]) if person else "",
    })


@login_required
def version_list(request):
    if not access.edits_handbook(request.user):
        raise Http404
    versions = access.handbook_versions(request.user)
    form = forms.StartDraftForm(posted(request))
    draft = submit(request, form, lambda data: services.handbook_draft_start(actor=request.user),
                   success="A new draft is open.")
    if draft is not REFUSED:
        return redirect("communications:handbook_version", public_id=draft.public_id)
    return render(request, "communications/handbook_versions.html", {
        "versions": versions.select_related("published_by").order_by("-number")[:100], "form": form,
        "has_draft": versions.filter(status="draft").exists()})


@login_required
def version_detail(request, public_id):
    version = access.get_or_404(access.handbook_versions(request.user), public_id)
    return render(request, "communications/handbook_version.html", {
        "version": version, "values": list(version.values.all())})


@login_required
def value_edit(request, public_id, position):
    version = access.get_or_404(access.handbook_versions(request.user), public_id)
    value = selectors.value_at(version, position)
    if value is None or not version.editable:
        raise Http404
    form = forms.ValueForm(posted(request), value=value)
    saved = submit(request, form, lambda data: services.handbook_value_update(
        actor=request.user, value=value, **form.service_data()), success=f"{value.name} is saved.")
    if saved is not REFUSED:
        return redirect("communications:handbook_version", public_id=public_id)
    back = reverse("communications:handbook_version", args=[public_id])
    return render_form_page(request, form, title=f"Edit “{value.name}”",
                            caption=f"Draft version {version.number}",
                            back=(f"version {version.number}", back))


@login_required
def version_publish(request, public_id):
    version = access.get_or_404(access.handbook_versions(request.user), public_id)
    if not version.editable:
        raise Http404
    form = forms.PublishForm(posted(request))
    published = submit(request, form, lambda data: services.handbook_publish(
        actor=request.user, version=version, change_note=data["change_note"]),
        success=lambda v: f"Version {v.number} is published. Managers are asked to attest it.")
    if published is not REFUSED:
        return redirect("communications:handbook_version", public_id=public_id)
    back = reverse("communications:handbook_version", args=[public_id])
    return render_form_page(request, form, title=f"Publish version {version.number} of the values handbook",
                            submit="Publish", back=(f"version {version.number}", back),
                            intro="Once published, this version cannot change, and every manager is "
                                  "asked to read it and attest again.")
