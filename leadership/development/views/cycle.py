"""The 90-day cycle: a person's or an organisation's cycle, its actions, check-ins and review."""

import contextlib
import uuid

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from leadership import access
from leadership.development import courses, forms, presenters, selectors, services
from leadership.models import Action, ActionCycle, DevelopmentNeed
from leadership.web import REFUSED, posted, submit


def _cycle(request, public_id):
    return access.get_or_404(selectors.cycle_with_details(access.action_cycles(request.user)), public_id)


def _cycle_to_work_on(request, public_id):
    return access.get_or_404(
        selectors.cycle_with_details(access.action_cycles_to_work_on(request.user)), public_id
    )


def _action(request, public_id):
    return access.get_or_404(access.actions_to_work_on(request.user).select_related("cycle"), public_id)


def _to_cycle(cycle):
    return redirect("development:cycle_detail", public_id=cycle.public_id)


@login_required
def my_cycle(request):
    person = access.own_person(request.user)
    if person is None:
        return render(request, "development/no_record.html")
    cycle = selectors.active_cycle(person)
    if cycle is not None:
        return _cycle_page(request, _cycle(request, cycle.public_id))
    form = forms.CycleStartForm(posted(request), initial={"starts_on": timezone.localdate()})
    cycle = submit(
        request, form, lambda data: services.cycle_start(actor=request.user, person=person, **data),
        success="Your 90-day cycle has started. Add your first actions.",
    )
    if cycle is not REFUSED:
        return _to_cycle(cycle)
    past = ActionCycle.objects.filter(person=person).order_by("-starts_on")[:10]
    return render(request, "development/cycle_start.html", {"form": form, "past": past})


@login_required
def organisation_cycle(request, ods_code):
    """An organisation's own 90-day cycle (for example to coordinate training), run by its HR admins."""
    organisation = access.managed_organisation_or_404(request.user, ods_code)
    cycle = ActionCycle.objects.filter(organisation=organisation, person__isnull=True,
                                       status=ActionCycle.Status.ACTIVE).first()
    if cycle is not None:
        return _to_cycle(cycle)
    form = forms.CycleStartForm(posted(request), initial={"starts_on": timezone.localdate()})
    cycle = submit(request, form, lambda data: services.cycle_start(
        actor=request.user, organisation=organisation, **data,
    ), success=f"{organisation.name}'s 90-day cycle has started.")
    if cycle is not REFUSED:
        return _to_cycle(cycle)
    past = ActionCycle.objects.filter(organisation=organisation, person__isnull=True).order_by(
        "-starts_on")[:10]
    return render(request, "development/cycle_start.html",
                  {"form": form, "past": past, "organisation": organisation})


def _cycle_page(request, cycle):
    today = timezone.localdate()
    actions = list(cycle.actions.all())
    linked = courses.describe(a.course_id for a in actions)  # one catalogue query for the page
    return render(
        request,
        "development/cycle_detail.html",
        {
            "cycle": cycle,
            "today": today,
            "state": presenters.cycle_state(cycle, today),
            "actions": [{**presenters.action_row(a), "linked_to": presenters.action_link(a, linked)}
                        for a in actions],
            "check_ins": [presenters.check_in_row(c, today) for c in cycle.check_ins.all()],
            # Read-only viewers (a footprint under a sharing agreement) get no edit links.
            "active": cycle.status == ActionCycle.Status.ACTIVE
            and access.action_cycles_to_work_on(request.user).filter(id=cycle.id).exists(),
        },
    )


@login_required
def cycle_detail(request, public_id):
    return _cycle_page(request, _cycle(request, public_id))


def _course_picker(request, current=None):
    """The catalogue search (a GET form, no JavaScript) and the courses to choose from: the search's
    results, the course posted (checked again by the service) and the action's current course."""
    search = forms.CourseSearchForm(request.GET or None)
    text = search.cleaned_data["course_q"] if search.is_valid() else ""
    found = courses.search(request.user, text) if text else []
    shown = {c.public_id for c in found}
    extra = [current] if current else []
    with contextlib.suppress(ValueError):  # a malformed id is the form's error, not the picker's
        extra.append(uuid.UUID(str(request.POST.get("course_id", ""))))
    kept = [c for i, c in courses.describe(extra).items() if i not in shown]
    context = {"course_search": forms.CourseSearchForm(initial={"course_q": text}), "course_text": text,
               "courses_found": len(found)}
    return kept + found, context


@login_required
def action_new(request, public_id):
    cycle = _cycle_to_work_on(request, public_id)
    needs = (
        list(DevelopmentNeed.objects.filter(plan__person=cycle.person, status__in=DevelopmentNeed.LIVE))
        if cycle.person
        else []
    )
    choices, picker = _course_picker(request)
    form = forms.ActionForm(posted(request), needs=needs, course_choices=choices,
                            initial={"need": request.GET.get("need", "")})
    if submit(request, form, lambda data: services.action_create(actor=request.user, cycle=cycle, **data),
              success="The action is added.") is not REFUSED:
        return _to_cycle(cycle)
    return render(request, "development/action_form.html",
                  {"cycle": cycle, "form": form, "action": None, **picker})


@login_required
def action_edit(request, public_id):
    action = _action(request, public_id)
    choices, picker = _course_picker(request, current=action.course_id)
    form = forms.ActionUpdateForm(
        posted(request), course_choices=choices,
        initial={"title": action.title, "due_on": action.due_on, "status": action.status,
                 "course_id": str(action.course_id) if action.course_id else ""},
    )
    if submit(request, form, lambda data: services.action_update(actor=request.user, action=action, **data),
              success="The action is saved.") is not REFUSED:
        return _to_cycle(action.cycle)
    return render(
        request, "development/action_form.html",
        {"cycle": action.cycle, "form": form, "action": action, **picker},
    )


@login_required
def action_delete(request, public_id):
    action = _action(request, public_id)
    form = forms.ConfirmForm(posted(request))
    if submit(request, form, lambda _: services.action_delete(actor=request.user, action=action),
              success=f"“{action.title}” is deleted.") is not REFUSED:
        return _to_cycle(action.cycle)
    return render(request, "development/action_delete.html", {"action": action, "form": form})


@login_required
def check_in(request, public_id, day):
    """The person records progress, their line manager comments; anyone else who works on the
    person's development and posts either form is refused by the service (a form error)."""
    # Posting needs the working reach (a footprint under an agreement only reads: 404).
    cycle = _cycle_to_work_on(request, public_id) if request.method == "POST" else _cycle(request, public_id)
    check_in = next((c for c in cycle.check_ins.all() if c.day == day), None)
    if check_in is None:
        raise Http404
    progress_form = forms.CheckInForm(
        request.POST if "progress" in request.POST else None, initial={"progress": check_in.progress}
    )
    comment_form = forms.CommentForm(
        request.POST if "comment" in request.POST else None, initial={"comment": check_in.manager_comment}
    )
    if request.method == "POST" and not (progress_form.is_bound or comment_form.is_bound):
        raise Http404  # neither form was posted
    if progress_form.is_bound and submit(request, progress_form, lambda data: services.check_in_record(
            actor=request.user, check_in=check_in, progress=data["progress"],
    ), success=f"Your day {day} check-in is recorded.") is not REFUSED:
        return _to_cycle(cycle)
    if comment_form.is_bound and submit(request, comment_form, lambda data: services.check_in_comment(
            actor=request.user, check_in=check_in, comment=data["comment"],
    ), success="Your comment is saved.") is not REFUSED:
        return _to_cycle(cycle)
    return render(
        request,
        "development/check_in.html",
        {
            "cycle": cycle,
            "check_in": check_in,
            "is_owner": cycle.person is not None and cycle.person == access.own_person(request.user),
            "is_manager": cycle.person is not None
            and access.reports(request.user).filter(id=cycle.person_id).exists(),
            "progress_form": progress_form,
            "comment_form": comment_form,
        },
    )


@login_required
def cycle_review(request, public_id):
    cycle = _cycle_to_work_on(request, public_id)
    form = forms.ReviewForm(posted(request), initial={"next_focus": cycle.focus})
    following = submit(
        request, form, lambda data: services.cycle_review(actor=request.user, cycle=cycle, **data),
        success="The cycle is closed and the next one is open, with unfinished actions carried over.",
    )
    if following is not REFUSED:
        return _to_cycle(following)
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
