"""360 feedback: a person invites raters and closes the round, line managers approve outside raters,
and raters answer through a signed link."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from leadership import access
from leadership.development import forms, presenters, selectors, services
from leadership.development.views.person import published_framework_or_404
from leadership.models import Assessment
from leadership.web import REFUSED, posted, submit


def _rater_choices(request, text: str) -> tuple[list[tuple[str, str]], str]:
    """The picker: colleagues by name in the person's own organisation; anyone on the staff record
    by exact work email, shown by name and organisation only; else an outside email."""
    text = text.strip()
    if not text:
        return [], ""
    if "@" not in text:
        found = access.rater_search_by_name(request.user, text)
        choices = [(f"p:{p.public_id}", presenters.rater_label(p)) for p in found]
        return choices, "" if choices else f"No one in your organisation is called “{text}”."
    try:
        validate_email(text)
    except ValidationError:
        return [], "Enter a full work email address, like name@nhs.net."
    match = access.rater_by_work_email(request.user, text)
    if match is not None and match == access.own_person(request.user):
        return [], "That is your own work email: invite other people."
    if match is not None:
        return [(f"e:{text}", presenters.rater_label(match))], ""
    return [(f"e:{text}", presenters.outside_rater_label(text))], ""


@login_required
def invite_raters(request):
    """The person's own 360 round: find raters on the staff record and invite them."""
    person = access.own_person(request.user)
    if person is None:
        return render(request, "development/no_record.html")
    framework = published_framework_or_404()
    search = forms.RaterSearchForm(request.GET or None)
    text = search.cleaned_data["q"] if search.is_valid() else ""
    if request.method == "POST":
        text = str(request.POST.get("q", ""))[:254]
    choices, note = _rater_choices(request, text)
    form = forms.RaterInviteForm(posted(request), choices=choices, initial={"q": text})

    def invite(data):
        kind, value = data["rater"]
        rater = access.get_or_404(access.rater_candidates(request.user), value) if kind == "person" else None
        return services.rater_invite(actor=request.user, person=person, framework=framework,
                                     relationship=data["relationship"], rater=rater,
                                     email=value if kind == "email" else "")

    if submit(request, form, invite, success=presenters.invited_message) is not REFUSED:
        return redirect("development:invite_raters")
    current = services.feedback_round_open(person)
    return render(
        request,
        "development/invite_raters.html",
        {
            "search": forms.RaterSearchForm(initial={"q": text}),
            "searched": bool(text),
            "note": note,
            "form": form,
            "round": presenters.round_summary(current, owner=True) if current else None,
            "past": [presenters.round_summary(r) for r in
                     selectors.feedback_rounds(access.feedback_rounds(request.user).filter(person=person))
                     if r.closed_at],
            "min_raters": Assessment.MIN_RATERS,
        },
    )


@login_required
def feedback_round(request, public_id):
    """One 360 round: its released figures for everyone who sees the person's development, the
    same for all; its raters and the close button for the person alone."""
    round_ = access.get_or_404(selectors.feedback_rounds(access.feedback_rounds(request.user)), public_id)
    is_owner = access.may_run_feedback_round(request.user, round_.person)
    form = forms.ConfirmForm(posted(request))
    if submit(request, form, lambda _: services.feedback_round_close(actor=request.user, assessment=round_),
              success=presenters.closed_message) is not REFUSED:
        return redirect("development:feedback_round", public_id=round_.public_id)
    groups, rows = selectors.released_figures(round_)
    return render(
        request,
        "development/feedback_round.html",
        {
            "round": presenters.round_summary(round_, owner=is_owner),
            "person": round_.person,
            "is_owner": is_owner,
            "form": form,
            "groups": presenters.group_headings(groups),
            "rows": [presenters.feedback_row(row, groups) for row in rows],
            "min_raters": Assessment.MIN_RATERS,
        },
    )


@login_required
def rater_approvals(request):
    """A line manager approves or declines the outside raters their reports invited."""
    pending = access.rater_approvals(request.user)
    form = forms.RaterApprovalForm(posted(request))

    def decide(data):
        invitation = access.get_or_404(pending, data["invitation"])
        approve = data["decision"] == "approve"
        services.rater_invitation_decide(actor=request.user, invitation=invitation, approve=approve)
        return presenters.decided_message(invitation, approve)

    if submit(request, form, decide, success=lambda message: message) is not REFUSED:
        return redirect("development:rater_approvals")
    return render(
        request,
        "development/rater_approvals.html",
        {"form": form, "pending": [presenters.approval_row(i) for i in pending.order_by("created_at", "id")]},
    )


@never_cache
def rater_form(request, token):
    """A 360 rater's page: no account, only the signed link. A wrong or used link is a 404; a
    closed round refuses the answers."""
    invitation = services.invitation_for_token(token)
    if invitation is None:
        raise Http404
    assessment = invitation.assessment
    if assessment.closed_at is not None:
        return render(request, "development/rater_closed.html", {"first_name": assessment.person.first_name},
                      status=410)
    competencies = list(
        selectors.competencies_with_behaviours(assessment.framework, selectors.level_for(assessment.person),
                                               assessment.person)
    )
    form = forms.RatingForm(
        posted(request), competencies=competencies, with_evidence=False, with_submit=False
    )
    # A round closed, or answers sent, while the rater was filling the form in: a form error.
    if submit(request, form, lambda _: services.rater_answer(
            invitation=invitation, ratings={c: level for c, (level, _) in form.ratings().items()},
    )) is not REFUSED:
        return render(request, "development/rater_thanks.html")
    return render(
        request,
        "development/rater_form.html",
        {"form": form, "first_name": assessment.person.first_name, "min_raters": Assessment.MIN_RATERS},
    )
