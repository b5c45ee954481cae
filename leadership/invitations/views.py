"""Invitation pages: HR admins invite, resend and withdraw; the invited person sets their password."""

from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from leadership import access, selectors
from leadership.forms import ButtonForm, people_filters
from leadership.invitations import forms, services
from leadership.invitations.selectors import invitation_candidates
from leadership.web import REFUSED, posted, render_form_page, submit

SIGN_IN_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


@login_required
def person_invite(request, public_id):
    people = access.invitable_people(request.user).select_related("organisation")
    person = access.get_or_404(people, public_id)
    form = ButtonForm(posted(request))
    sent = submit(request, form, lambda data: services.invitation_send(actor=request.user, person=person),
                  success=f"An invitation is on its way to {person.work_email}.")
    if sent is not REFUSED:
        return redirect("person_detail", public_id=person.public_id)
    reason = services.refusal(person)
    return render_form_page(
        request, form, title=f"Invite {person.full_name} to the portal", submit="Send the invitation",
        back=(person.full_name, reverse("person_detail", args=[person.public_id])),
        intro=reason or (f"We will email a link to {person.work_email}. It works once, for 14 days, and "
                         f"lets {person.first_name} set a password."))


@login_required
def people_invite(request):
    """Invite everyone the people list's current filter shows who can be invited."""
    filter_form, filters = people_filters(request.GET)
    found = selectors.people_search(access.invitable_people(request.user), filters)
    candidates = invitation_candidates(found)
    form = ButtonForm(posted(request))
    batch = submit(request, form,
                   lambda data: services.invitations_send(actor=request.user, people=candidates),
                   success=lambda b: f"Invitations sent: {len(b.sent)}.")
    if batch is not REFUSED:
        return redirect(f"{reverse('people_list')}?{request.GET.urlencode()}")
    count, total = candidates.count(), found.count()
    return render(request, "leadership/people_invite.html", {
        "form": form, "filter_form": filter_form, "count": count, "skipped": total - count,
        "query": request.GET.urlencode(),
    })


def _invitation(request, public_id):
    return access.get_or_404(access.invitations(request.user).select_related("person"), public_id)


@login_required
def invitation_resend(request, public_id):
    invitation = _invitation(request, public_id)
    person = invitation.person
    form = ButtonForm(posted(request))
    resend = lambda data: services.invitation_resend(actor=request.user, invitation=invitation)  # noqa: E731
    success = f"A new link is on its way to {invitation.email}."
    if submit(request, form, resend, success=success) is not REFUSED:
        return redirect("person_detail", public_id=person.public_id)
    return render_form_page(
        request, form, title=f"Send {person.full_name}'s invitation again", submit="Send a new link",
        back=(person.full_name, reverse("person_detail", args=[person.public_id])),
        intro="The earlier link stops working, and the new one works for 14 days.")


@login_required
def invitation_revoke(request, public_id):
    invitation = _invitation(request, public_id)
    person = invitation.person
    form = ButtonForm(posted(request))
    revoke = lambda data: services.invitation_revoke(actor=request.user, invitation=invitation)  # noqa: E731
    if submit(request, form, revoke, success=f"{person.full_name}'s invitation is withdrawn.") is not REFUSED:
        return redirect("person_detail", public_id=person.public_id)
    return render_form_page(
        request, form, title=f"Withdraw {person.full_name}'s invitation", submit="Withdraw the invitation",
        back=(person.full_name, reverse("person_detail", args=[person.public_id])),
        intro="The link stops working at once. You can invite them again later.")


@never_cache
def invitation_accept(request, token):
    """Public: the emailed link. Sets the password once, then signs the person in."""
    invitation = services.invitation_for_token(token)
    if reason := services.why_unusable(invitation):
        status = 404 if invitation is None or invitation.status == invitation.Status.REVOKED else 410
        return render(request, "leadership/invitation_unusable.html", {"reason": reason}, status=status)
    form = forms.AcceptForm(invitation.user, posted(request))
    user = submit(request, form, lambda data: services.invitation_accept(
        token=token, password=data["new_password1"]), success="Your password is set. Welcome to the portal.")
    if user is not REFUSED:
        login(request, user, backend=SIGN_IN_BACKEND)
        return redirect("home")  # roles that need two-factor authentication are sent to set it up first
    return render(request, "leadership/invitation_accept.html", {"form": form, "invitation": invitation})
