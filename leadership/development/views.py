"""Development pages. Rows come from leadership.access; writes go through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from leadership import access
from leadership.development import forms, presenters, selectors, services
from leadership.models import (
    FRAMEWORK_LEVELS,
    Action,
    ActionCycle,
    Assessment,
    CompetencyFramework,
    DevelopmentNeed,
)


def _posted(request):
    """The POST data, bound even when empty (an empty confirm form must show its error)."""
    return request.POST if request.method == "POST" else None


def _person(request, public_id):
    return access.get_or_404(
        access.development_people(request.user).select_related("line_manager"), public_id
    )


def _person_to_work_on(request, public_id):
    return access.get_or_404(access.development_people_to_work_on(request.user), public_id)


def _cycle(request, public_id):
    return access.get_or_404(selectors.cycle_with_details(access.action_cycles(request.user)), public_id)


def _cycle_to_work_on(request, public_id):
    return access.get_or_404(
        selectors.cycle_with_details(access.action_cycles_to_work_on(request.user)), public_id
    )


def _framework_or_404():
    framework = selectors.published_framework()
    if framework is None:
        raise Http404
    return framework


def _national_framework(request, public_id):
    if not access.can_edit_frameworks(request.user):
        raise Http404
    return access.get_or_404(CompetencyFramework.objects.all(), public_id)


def _error(form, error: ValidationError | PermissionDenied) -> None:
    form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))


# The framework ----------------------------------------------------------------------------------


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
        },
    )


@login_required
def framework_versions(request):
    if not access.can_edit_frameworks(request.user):
        raise Http404
    if request.method == "POST":
        try:
            draft = services.framework_draft_create(actor=request.user)
        except ValidationError as error:
            messages.info(request, " ".join(error.messages))
            return redirect("development:framework_versions")
        messages.success(request, f"Version {draft.version} drafted from the published framework.")
        return redirect("development:framework_version", public_id=draft.public_id)
    return render(
        request, "development/framework_versions.html", {"versions": CompetencyFramework.objects.all()}
    )


@login_required
def framework_version(request, public_id):
    version = _national_framework(request, public_id)
    form = forms.ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.framework_publish(actor=request.user, framework=version)
        except ValidationError as error:
            _error(form, error)
        else:
            messages.success(request, f"Version {version.version} is published.")
            return redirect("development:framework_versions")
    return render(
        request,
        "development/framework_version.html",
        {"version": version, "form": form, "competencies": version.competencies.filter(organisation=None)},
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
    form = forms.CompetencyForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.competency_update(
                actor=request.user,
                competency=competency,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                behaviours=form.behaviours(),
            )
        except ValidationError as error:
            _error(form, error)
        else:
            messages.success(request, f"{competency.name} is saved.")
            return redirect("development:framework_version", public_id=version.public_id)
    return render(
        request,
        "development/competency_edit.html",
        {"version": version, "competency": competency, "form": form},
    )


# A person's development -------------------------------------------------------------------------


def _overview(request, person):
    framework = selectors.published_framework()
    cycle = selectors.active_cycle(person) if person else None
    rounds = (selectors.released_rounds(access.feedback_rounds(request.user).filter(person=person))
              if person else Assessment.objects.none())
    is_me = person is not None and person == access.own_person(request.user)
    return render(
        request,
        "development/overview.html",
        {
            "person": person,
            "is_me": is_me,
            "framework": framework,
            "gaps": [presenters.gap_row(r) for r in selectors.gap_rows(person, framework)]
            if person and framework
            else [],
            "released_rounds": [presenters.round_summary(r) for r in rounds],
            "approvals_waiting": access.rater_approvals(request.user).count() if is_me else 0,
            "min_raters": Assessment.MIN_RATERS,
            "needs": list(selectors.development_needs(person)) if person else [],
            "cycle": cycle,
            "can_rate": person is not None and access.can_rate_as_line_manager(request.user, person),
            "may_work": access.may_work_on_development(request.user, person),
        },
    )


@login_required
def my_development(request):
    return _overview(request, access.own_person(request.user))


@login_required
def person_development(request, public_id):
    return _overview(request, _person(request, public_id))


def _assessment_page(request, person, kind):
    framework = _framework_or_404()
    existing = Assessment.objects.filter(person=person, framework=framework, kind=kind).first()
    current = {r.competency_id: (r.level, r.evidence) for r in existing.ratings.all()} if existing else {}
    level = selectors.level_for(person)
    competencies = list(selectors.competencies_with_behaviours(framework, level))
    may_rate = (kind == Assessment.Kind.SELF and access.own_person(request.user) == person) or (
        kind == Assessment.Kind.LINE_MANAGER and access.can_rate_as_line_manager(request.user, person)
    )
    form = forms.RatingForm(_posted(request), competencies=competencies, current=current)
    if request.method == "POST":
        if not may_rate:
            raise Http404
        if form.is_valid():
            try:
                services.assessment_save(
                    actor=request.user,
                    person=person,
                    kind=kind,
                    framework=framework,
                    ratings=form.ratings(),
                    submit=form.cleaned_data["submit"],
                )
            except (ValidationError, PermissionDenied) as error:
                _error(form, error)
            else:
                messages.success(request, "Your ratings are saved.")
                if kind == Assessment.Kind.SELF:
                    return redirect("development:my_development")
                return redirect("development:person_development", public_id=person.public_id)
    return render(
        request,
        "development/assessment.html",
        {
            "person": person,
            "kind": kind,
            "form": form,
            "may_rate": may_rate,
            "existing": existing,
            "level_label": forms.MANAGEMENT_LEVEL_LABELS[level],
            "behaviours": {c.id: c.level_behaviours[0] for c in competencies if c.level_behaviours},
        },
    )


@login_required
def self_assessment(request):
    person = access.own_person(request.user)
    if person is None:
        return render(request, "development/no_record.html")
    return _assessment_page(request, person, Assessment.Kind.SELF)


@login_required
def rate_person(request, public_id):
    return _assessment_page(request, _person_to_work_on(request, public_id), Assessment.Kind.LINE_MANAGER)


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
    framework = _framework_or_404()
    search = forms.RaterSearchForm(request.GET or None)
    text = search.cleaned_data["q"] if search.is_valid() else ""
    if request.method == "POST":
        text = str(request.POST.get("q", ""))[:254]
    choices, note = _rater_choices(request, text)
    form = forms.RaterInviteForm(_posted(request), choices=choices, initial={"q": text})
    if request.method == "POST" and form.is_valid():
        kind, value = form.cleaned_data["rater"]
        rater = access.get_or_404(access.rater_candidates(request.user), value) if kind == "person" else None
        try:
            invitation = services.rater_invite(
                actor=request.user,
                person=person,
                framework=framework,
                relationship=form.cleaned_data["relationship"],
                rater=rater,
                email=value if kind == "email" else "",
            )
        except (ValidationError, PermissionDenied) as error:
            _error(form, error)
        else:
            messages.success(request, presenters.invited_message(invitation))
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
    form = forms.ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            closed = services.feedback_round_close(actor=request.user, assessment=round_)
        except (ValidationError, PermissionDenied) as error:
            _error(form, error)
        else:
            messages.success(request, presenters.closed_message(closed))
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
    form = forms.RaterApprovalForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        invitation = access.get_or_404(pending, form.cleaned_data["invitation"])
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.rater_invitation_decide(actor=request.user, invitation=invitation, approve=approve)
        except (ValidationError, PermissionDenied) as error:
            _error(form, error)
        else:
            messages.success(request, presenters.decided_message(invitation, approve))
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
        selectors.competencies_with_behaviours(assessment.framework, selectors.level_for(assessment.person))
    )
    form = forms.RatingForm(
        _posted(request), competencies=competencies, with_evidence=False, with_submit=False
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.rater_answer(
                invitation=invitation, ratings={c: level for c, (level, _) in form.ratings().items()}
            )
        except ValidationError:
            raise Http404 from None
        return render(request, "development/rater_thanks.html")
    return render(
        request,
        "development/rater_form.html",
        {"form": form, "first_name": assessment.person.first_name, "min_raters": Assessment.MIN_RATERS},
    )


@login_required
def need_new(request, public_id):
    person = _person_to_work_on(request, public_id)
    framework = selectors.published_framework()
    competencies = list(framework.competencies.filter(organisation=None)) if framework else []
    form = forms.NeedForm(
        _posted(request), competencies=competencies, initial={"competency": request.GET.get("competency", "")}
    )
    if request.method == "POST" and form.is_valid():
        services.need_create(
            actor=request.user,
            person=person,
            description=form.cleaned_data["description"],
            competency=form.cleaned_data["competency"],
        )
        messages.success(request, "The development need is added to the plan.")
        return redirect("development:person_development", public_id=person.public_id)
    return render(request, "development/need_new.html", {"person": person, "form": form})


# The 90-day cycle -------------------------------------------------------------------------------


@login_required
def my_cycle(request):
    person = access.own_person(request.user)
    if person is None:
        return render(request, "development/no_record.html")
    cycle = selectors.active_cycle(person)
    if cycle is not None:
        return _cycle_page(request, _cycle(request, cycle.public_id))
    form = forms.CycleStartForm(_posted(request), initial={"starts_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_start(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            _error(form, error)
        else:
            messages.success(request, "Your 90-day cycle has started. Add your first actions.")
            return redirect("development:cycle_detail", public_id=cycle.public_id)
    past = ActionCycle.objects.filter(person=person).order_by("-starts_on")[:10]
    return render(request, "development/cycle_start.html", {"form": form, "past": past})


def _cycle_page(request, cycle):
    today = timezone.localdate()
    return render(
        request,
        "development/cycle_detail.html",
        {
            "cycle": cycle,
            "today": today,
            "actions": [presenters.action_row(a) for a in cycle.actions.all()],
            "check_ins": [presenters.check_in_row(c, today) for c in cycle.check_ins.all()],
            # Read-only viewers (a footprint under a sharing agreement) get no edit links.
            "active": cycle.status == ActionCycle.Status.ACTIVE
            and access.action_cycles_to_work_on(request.user).filter(id=cycle.id).exists(),
        },
    )


@login_required
def cycle_detail(request, public_id):
    return _cycle_page(request, _cycle(request, public_id))


@login_required
def action_new(request, public_id):
    cycle = _cycle_to_work_on(request, public_id)
    needs = (
        list(DevelopmentNeed.objects.filter(plan__person=cycle.person, status=DevelopmentNeed.Status.OPEN))
        if cycle.person
        else []
    )
    form = forms.ActionForm(_posted(request), needs=needs, initial={"need": request.GET.get("need", "")})
    if request.method == "POST" and form.is_valid():
        try:
            services.action_create(actor=request.user, cycle=cycle, **form.cleaned_data)
        except ValidationError as error:
            _error(form, error)
        else:
            messages.success(request, "The action is added.")
            return redirect("development:cycle_detail", public_id=cycle.public_id)
    return render(request, "development/action_form.html", {"cycle": cycle, "form": form, "action": None})


def _action(request, public_id):
    return access.get_or_404(access.actions_to_work_on(request.user).select_related("cycle"), public_id)


@login_required
def action_edit(request, public_id):
    action = _action(request, public_id)
    form = forms.ActionUpdateForm(
        _posted(request), initial={"title": action.title, "due_on": action.due_on, "status": action.status}
    )
    if request.method == "POST" and form.is_valid():
        services.action_update(actor=request.user, action=action, **form.cleaned_data)
        messages.success(request, "The action is saved.")
        return redirect("development:cycle_detail", public_id=action.cycle.public_id)
    return render(
        request, "development/action_form.html", {"cycle": action.cycle, "form": form, "action": action}
    )


@login_required
def action_delete(request, public_id):
    action = _action(request, public_id)
    form = forms.ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.action_delete(actor=request.user, action=action)
        messages.success(request, f"“{action.title}” is deleted.")
        return redirect("development:cycle_detail", public_id=action.cycle.public_id)
    return render(request, "development/action_delete.html", {"action": action, "form": form})


@login_required
def check_in(request, public_id, day):
    cycle = _cycle(request, public_id)
    check_in = next((c for c in cycle.check_ins.all() if c.day == day), None)
    if check_in is None:
        raise Http404
    is_owner = cycle.person is not None and cycle.person == access.own_person(request.user)
    is_manager = cycle.person is not None and access.reports(request.user).filter(id=cycle.person_id).exists()
    progress_form = forms.CheckInForm(
        request.POST if "progress" in request.POST else None, initial={"progress": check_in.progress}
    )
    comment_form = forms.CommentForm(
        request.POST if "comment" in request.POST else None, initial={"comment": check_in.manager_comment}
    )
    if request.method == "POST":
        if progress_form.is_bound and is_owner and progress_form.is_valid():
            services.check_in_record(
                actor=request.user, check_in=check_in, progress=progress_form.cleaned_data["progress"]
            )
            messages.success(request, f"Your day {day} check-in is recorded.")
            return redirect("development:cycle_detail", public_id=cycle.public_id)
        if comment_form.is_bound and is_manager and comment_form.is_valid():
            services.check_in_comment(
                actor=request.user, check_in=check_in, comment=comment_form.cleaned_data["comment"]
            )
            messages.success(request, "Your comment is saved.")
            return redirect("development:cycle_detail", public_id=cycle.public_id)
        if not (progress_form.is_bound and is_owner) and not (comment_form.is_bound and is_manager):
            raise Http404
    return render(
        request,
        "development/check_in.html",
        {
            "cycle": cycle,
            "check_in": check_in,
            "is_owner": is_owner,
            "is_manager": is_manager,
            "progress_form": progress_form,
            "comment_form": comment_form,
        },
    )


@login_required
def cycle_review(request, public_id):
    cycle = _cycle_to_work_on(request, public_id)
    form = forms.ReviewForm(_posted(request), initial={"next_focus": cycle.focus})
    if request.method == "POST" and form.is_valid():
        try:
            following = services.cycle_review(actor=request.user, cycle=cycle, **form.cleaned_data)
        except ValidationError as error:
            _error(form, error)
        else:
            messages.success(
                request, "The cycle is closed and the next one is open, with unfinished actions carried over."
            )
            return redirect("development:cycle_detail", public_id=following.public_id)
    unfinished = [a for a in cycle.actions.all() if a.status in Action.UNFINISHED]
    return render(
        request,
        "development/cycle_review.html",
        {
            "cycle": cycle,
            "form": form,
            "unfinished": unfinished,
            "active": cycle.status == ActionCycle.Status.ACTIVE,
        },
    )


@login_required
def pathways(request):
    """Career pathways, with where the signed-in person stands and what their next step needs."""
    person = access.own_person(request.user)
    framework = selectors.published_framework()
    positions = selectors.pathway_positions(person, framework) if person else []
    return render(request, "development/pathways.html", {
        "person": person, "positions": [presenters.pathway_position(p) for p in positions],
    })


@login_required
def organisation_cycle(request, ods_code):
    """An organisation's own 90-day cycle (for example to coordinate training), run by its HR admins."""
    organisation = access.managed_organisations(request.user).filter(ods_code=ods_code).first()
    if organisation is None:
        raise Http404
    cycle = ActionCycle.objects.filter(organisation=organisation, person__isnull=True,
                                       status=ActionCycle.Status.ACTIVE).first()
    if cycle is not None:
        return redirect("development:cycle_detail", public_id=cycle.public_id)
    form = forms.CycleStartForm(_posted(request), initial={"starts_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_start(actor=request.user, organisation=organisation, **form.cleaned_data)
        except ValidationError as error:
            _error(form, error)
        else:
            messages.success(request, f"{organisation.name}'s 90-day cycle has started.")
            return redirect("development:cycle_detail", public_id=cycle.public_id)
    past = ActionCycle.objects.filter(organisation=organisation, person__isnull=True).order_by(
        "-starts_on")[:10]
    return render(request, "development/cycle_start.html",
                  {"form": form, "past": past, "organisation": organisation})
