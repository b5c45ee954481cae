"""A person's development: the overview, self and line-manager assessments, development needs."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from leadership import access
from leadership.development import forms, presenters, selectors, services
from leadership.models import Assessment
from leadership.web import REFUSED, posted, submit


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
    framework = published_framework_or_404()
    existing = Assessment.objects.filter(person=person, framework=framework, kind=kind).first()
    current = {r.competency_id: (r.level, r.evidence) for r in existing.ratings.all()} if existing else {}
    level = selectors.level_for(person)
    competencies = list(selectors.competencies_with_behaviours(framework, level))
    may_rate = (kind == Assessment.Kind.SELF and access.own_person(request.user) == person) or (
        kind == Assessment.Kind.LINE_MANAGER and access.can_rate_as_line_manager(request.user, person)
    )
    form = forms.RatingForm(posted(request), competencies=competencies, current=current)
    # Someone who works on the person's development but is not their line manager: the service refuses.
    saved = submit(request, form, lambda data: services.assessment_save(
        actor=request.user, person=person, kind=kind, framework=framework, ratings=form.ratings(),
        submit=data["submit"],
    ), success="Your ratings are saved.")
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


@login_required
def need_new(request, public_id):
    person = _person_to_work_on(request, public_id)
    framework = selectors.published_framework()
    competencies = list(framework.competencies.filter(organisation=None)) if framework else []
    form = forms.NeedForm(
        posted(request), competencies=competencies, initial={"competency": request.GET.get("competency", "")}
    )
    need = submit(request, form, lambda data: services.need_create(
        actor=request.user, person=person, description=data["description"], competency=data["competency"],
    ), success="The development need is added to the plan.")
    if need is not REFUSED:
        return redirect("development:person_development", public_id=person.public_id)
    return render(request, "development/need_new.html", {"person": person, "form": form})
