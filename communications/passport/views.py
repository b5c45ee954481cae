"""Pages of the leadership passport: the passport and its PDF, share links (create, revoke) and the
shared link's page, where the receiving organisation's HR admin imports it."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from communications import access
from communications.passport import forms, pdf, presenters, selectors, services
from leadership.web import REFUSED, posted, render_form_page, submit


def _person_or_404(request, public_id):
    return access.get_or_404(access.passport_people(request.user).select_related("organisation"), public_id)


@login_required
def passport_detail(request, public_id):
    person = _person_or_404(request, public_id)
    return render(request, "communications/passport.html", {
        **presenters.passport_context(selectors.passport(person)),
        "shares": presenters.share_rows(selectors.shares_of(person)[:50]),
        "can_share": access.may_share_passport(request.user, person),
        "is_own": access.own_person(request.user) == person,
    })


@login_required
def passport_pdf(request, public_id):
    person = _person_or_404(request, public_id)
    response = HttpResponse(pdf.render(selectors.passport(person)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="leadership-passport-{person.public_id}.pdf"'
    return response


@login_required
def passport_share(request, public_id):
    person = _person_or_404(request, public_id)
    form = forms.ShareForm(posted(request), recipients=access.passport_recipients(person))
    created = submit(request, form, lambda data: services.passport_share_create(
        actor=request.user, person=person, **data))
    back = ("passport", reverse("communications:passport", args=[public_id]))
    if created is not REFUSED:
        share, token = created
        link = request.build_absolute_uri(reverse("communications:passport_shared", args=[token]))
        return render(request, "communications/passport_link.html",
                      {"share": share, "link": link, "back": back})
    return render_form_page(request, form, title="Share the leadership passport", submit="Create the link",
                            caption=person.full_name, back=back,
                            intro="The link opens this passport for staff of the organisation you choose, "
                                  "until it expires or you revoke it. Their HR team can import it when you "
                                  "move there.")


@login_required
def share_revoke(request, public_id):
    share = access.get_or_404(access.passport_shares(request.user).select_related("person", "recipient"),
                              public_id)
    form = forms.RevokeForm(posted(request))
    done = submit(request, form, lambda data: services.passport_share_revoke(actor=request.user, share=share),
                  success=f"The link for {share.recipient.name} is revoked.")
    passport_url = reverse("communications:passport", args=[share.person.public_id])
    if done is not REFUSED:
        return redirect(passport_url)
    return render_form_page(request, form, title=f"Revoke the passport link for {share.recipient.name}",
                            submit="Revoke the link", caption=share.person.full_name,
                            back=("passport", passport_url),
                            intro="Nobody will be able to open the passport with this link again.")


@login_required
def passport_shared(request, token):
    """The link's page: the passport while the link is live, and the import form for the recipient's HR."""
    share = access.shared_passport_or_404(request.user, token)
    unusable = services.why_unusable(share)
    if unusable:
        return render(request, "communications/passport_shared.html",
                      {"share": share, "unusable": unusable}, status=410)
    people = access.import_target_people(request.user, share)
    form = forms.ImportForm(posted(request), people=people)
    imported = submit(request, form, lambda data: services.passport_import(
        actor=request.user, share=share, person=data["person"]))
    if imported is not REFUSED:
        return render(request, "communications/passport_imported.html", {
            "share": share, "result": imported, "person": form.cleaned_data["person"]})
    return render(request, "communications/passport_shared.html", {
        **presenters.passport_context(selectors.passport(share.person)), "share": share, "form": form,
        "may_import": access.may_import_passport(request.user, share) and share.imported_at is None,
    })
