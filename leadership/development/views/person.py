"""A person's development: the overview, self and line-manager assessments, development needs."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from leadership import access
from leadership.development import forms, presenters, selectors, services
from leadership.forms import ButtonForm
from leadership.models import Assessment
from leadership.web import REFUSED, posted, render_form_page, submit


def _person(request, public_id):
    return access.get_or_404(
        access.development_people(request.user).select_related("line_manager"), public_id
    )


def _person_to_work_on(request, public_id):
    return access.get_or_404(access.development_people_to_work_on(request.user), public_id)


def published_framework_or_404():
    framework = selectors.published_framework()
    if framework is None:
        raise Http404
    return framework


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
            "needs": [presenters.need_row(n) for n in selectors.development_needs(person)] if person else [],
            "trend": presenters.trend_chart(selectors.competency_trends(person, framework))
            if person and framework else None,
            "plan": person.development_plan if person and hasattr(person, "development_plan") else None,
            "done_actions": list(selectors.done_actions(person)[:20]) if person else [],
            "reviewed_cycles": list(selectors.reviewed_cycles(person)[:10]) if person else [],
            "cycle": cycle,
            "cycle_state": presenters.cycle_state(cycle, timezone.localdate()) if cycle else None,
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
    framework = published_framework_or_404()
    if "start_round" in request.POST:
        return _start_round(request, person, kind, framework)
    existing = services.latest_round(person, kind)
    if existing is not None and existing.framework_id != framework.id:
        existing = None  # made against an earlier version: history, and the next save starts a round
    current = {r.competency_id: (r.level, r.evidence) for r in existing.ratings.all()} if existing else {}
    level = selectors.level_for(person)
    competencies = list(selectors.competencies_with_behaviours(framework, level, person))
    may_rate = (kind == Assessment.Kind.SELF and access.own_person(request.user) == person) or (
        kind == Assessment.Kind.LINE_MANAGER and access.can_rate_as_line_manager(request.user, person)
    )
    form = forms.RatingForm(posted(request), competencies=competencies, current=current)
    # Someone who works on the person's development but is not their line manager: the service refuses.
    saved = submit(request, form, lambda data: services.assessment_save(
        actor=request.user, person=person, kind=kind, framework=framework, ratings=form.ratings(),
        submit=data["submit"],
    ), success=lambda saved: "Your ratings are submitted." if saved.status == Assessment.Status.SUBMITTED
        else "Your ratings are saved. Come back to finish and submit them.")
    if saved is not REFUSED:
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
            "existing_row": presenters.round_row(existing) if existing else None,
            "rated": sum(1 for c in competencies if c.id in current),
            "total": len(competencies),
            "can_start_round": may_rate and existing is not None
            and existing.status == Assessment.Status.SUBMITTED,
            "start_form": ButtonForm(),
            "rounds": [presenters.round_row(a) for a in selectors.assessment_rounds(person, kind)],
            "level_label": forms.MANAGEMENT_LEVEL_LABELS[level],
            "behaviours": {c.id: c.level_behaviours[0] for c in competencies if c.level_behaviours},
        },
    )


def _start_round(request, person, kind, framework):
    """The "Start a new round" button: the submitted round stays as history."""
    form = ButtonForm(posted(request))
    started = submit(request, form, lambda _: services.assessment_round_start(
        actor=request.user, person=person, kind=kind, framework=framework,
    ), success=lambda r: f"Round {r.round_number} is started: your earlier rounds are kept.")
    back = (reverse("development:self_assessment") if kind == Assessment.Kind.SELF
            else reverse("development:rate_person", args=[person.public_id]))
    if started is not REFUSED:
        return redirect(back)
    return render_form_page(request, form, title="Start a new round", submit="Start a new round",
                            back=("the assessment", back))


@login_required
def self_assessment(request):
    person = access.own_person(request.user)
    if person is None:
        return render(request, "development/no_record.html")
    return _assessment_page(request, person, Assessment.Kind.SELF)


@login_required
def rate_person(request, public_id):
    return _assessment_page(request, _person_to_work_on(request, public_id), Assessment.Kind.LINE_MANAGER)


@login_required
def need_new(request, public_id):
    person = _person_to_work_on(request, public_id)
    framework = selectors.published_framework()
    competencies = list(selectors.assessed_competencies(framework, person)) if framework else []
    form = forms.NeedForm(
        posted(request), competencies=competencies, initial={"competency": request.GET.get("competency", "")}
    )
    need = submit(request, form, lambda data: services.need_create(
        actor=request.user, person=person, description=data["description"], competency=data["competency"],
    ), success="The development need is added to the plan.")
    if need is not REFUSED:
        return redirect("development:person_development", public_id=person.public_id)
    return render(request, "development/need_new.html", {"person": person, "form": form})


@login_required
def need_edit(request, public_id):
    """Mark a need met, dropped or carried over, with a note (or open it again)."""
    need = access.get_or_404(access.development_needs_to_work_on(request.user).select_related(
        "plan__person", "competency"), public_id)
    person = need.plan.person
    form = forms.NeedStatusForm(posted(request), initial={"status": need.status, "note": need.status_note})
    saved = submit(request, form, lambda data: services.need_set_status(
        actor=request.user, need=need, status=data["status"], note=data["note"],
    ), success=lambda saved: f"The need is marked {saved.get_status_display().lower()}.")
    if saved is not REFUSED:
        return redirect("development:person_development", public_id=person.public_id)
    return render_form_page(
        request, form, title="Update a development need", caption=person.full_name,
        intro=need.description + (f" ({need.competency.name})" if need.competency else ""),
        back=(f"{person.full_name}'s development", reverse("development:person_development",
                                                             args=[person.public_id])))


@login_required
def plan_aspiration(request, public_id):
    """Write or change the plan's career aspiration."""
    person = _person_to_work_on(request, public_id)
    plan = getattr(person, "development_plan", None)
    form = forms.AspirationForm(posted(request), initial={"aspiration": plan.aspiration if plan else ""})
    if submit(request, form, lambda data: services.plan_aspiration_update(
        actor=request.user, person=person, aspiration=data["aspiration"],
    ), success="The career aspiration is saved.") is not REFUSED:
        return redirect("development:person_development", public_id=person.public_id)
    is_me = person == access.own_person(request.user)
    return render_form_page(
        request, form, title="Your career aspiration" if is_me else f"{person.full_name}'s career aspiration",
        back=(f"{person.full_name}'s development", reverse("development:person_development",
                                                             args=[person.public_id])))
