"""One appraisal, from its objectives to sign-off: the pages of the people in it (and of HR).

A stranger gets 404. A person who may see the appraisal but whose step it is not, or not now, gets the
service's reason as a form error, and nothing is written (leadership.web).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from appraisal import access, forms, pdf, presenters, selectors, services
from appraisal.models import Appraisal, Objective
from appraisal.views.shared import appraisal_or_404, back_to_appraisal, crumbs, table_row, to_appraisal
from leadership.web import REFUSED, posted, render_form_page, submit


@login_required
def my_appraisals(request):
    me = access.own_person(request.user)
    rows = access.appraisals(request.user).select_related("appraisee", "appraiser", "countersigner", "cycle")
    mine = list(rows.filter(appraisee=me)) if me else []
    giving = list(rows.filter(appraiser=me) | rows.filter(countersigner=me)) if me else []
    return render(
        request,
        "appraisal/my_appraisals.html",
        {
            "mine": [table_row(a) for a in mine],
            "giving": [table_row(a) for a in giving],
            "hr_organisations": access.managed_organisations(request.user).order_by("name")[:20],
        },
    )


@login_required
def appraisal_detail(request, public_id):
    appraisal = appraisal_or_404(request, public_id)
    objectives = list(appraisal.objectives.select_related("perspective"))
    step = presenters.next_step(appraisal)
    me = access.own_person(request.user)
    return render(
        request,
        "appraisal/appraisal_detail.html",
        {
            "appraisal": appraisal,
            "state": presenters.state(appraisal),
            "objectives": objectives,
            "score": selectors.compute_score(appraisal, objectives),
            "step": step,
            "my_step": bool(step and me and any(p.id == me.id for p in step["people"])),
            "can_edit_objectives": appraisal.state == Appraisal.State.DRAFT
            and me is not None
            and me.id in (appraisal.appraisee_id, appraisal.appraiser_id),
            "is_hr": access.is_hr_for(request.user, appraisal.organisation),
            "competencies": _competency_rows(appraisal),
            "needs": appraisal.agreed_needs.all(),
            "addenda": appraisal.addenda.select_related("author"),
            "calibrations": appraisal.calibration_changes.select_related("changed_by"),
            "appraiser_trained": selectors.appraiser_trained(appraisal.appraiser, timezone.localdate()),
        },
    )


def _competency_rows(appraisal):
    names = dict(selectors.competencies_for_level(appraisal.level))
    return [
        {
            "name": names.get(r.code, r.code),
            "rating": r.rating,
            "label": selectors.COMPETENCY_SCALE.get(r.rating, ""),
        }
        for r in appraisal.competency_ratings.all()
    ]


# Objectives ----------------------------------------------------------------------------------------


def _objective_or_404(request, public_id) -> Objective:
    return get_object_or_404(
        Objective.objects.filter(appraisal__in=access.appraisals(request.user)).select_related(
            "appraisal__appraisee", "appraisal__template"
        ),
        public_id=public_id,
    )


@login_required
def objective_new(request, public_id):
    return _objective_page(request, appraisal_or_404(request, public_id), objective=None)


@login_required
def objective_edit(request, public_id):
    objective = _objective_or_404(request, public_id)
    return _objective_page(request, objective.appraisal, objective=objective)


def _objective_page(request, appraisal: Appraisal, *, objective: Objective | None):
    initial = {} if objective is None else {
        "perspective": objective.perspective,
        "title": objective.title,
        "measure": objective.measure,
        "target": objective.target,
        "weight": objective.weight,
    }
    form = forms.ObjectiveForm(posted(request), initial=initial, appraisal=appraisal)
    saved = submit(
        request,
        form,
        lambda data: services.objective_save(
            actor=request.user, appraisal=appraisal, objective=objective, **data
        ),
        success="Objective saved.",
    )
    if saved is not REFUSED:
        return to_appraisal(appraisal)
    return render_form_page(
        request,
        form,
        title="Change the objective" if objective else "Add an objective",
        caption=f"Appraisal of {appraisal.appraisee}",
        back=back_to_appraisal(appraisal),
        crumbs=crumbs(),
    )


@login_required
def objective_delete(request, public_id):
    objective = _objective_or_404(request, public_id)
    appraisal = objective.appraisal
    form = forms.ObjectiveRemoveForm(posted(request))
    if submit(
        request,
        form,
        lambda data: services.objective_delete(actor=request.user, objective=objective),
        success="Objective removed.",
    ) is not REFUSED:
        return to_appraisal(appraisal)
    return render_form_page(
        request,
        form,
        title=f"Remove the objective “{objective.title}”",
        caption=f"Appraisal of {appraisal.appraisee}",
        submit="Remove the objective",
        back=back_to_appraisal(appraisal),
        crumbs=crumbs(),
    )


# Steps ---------------------------------------------------------------------------------------------


@login_required
def appraisal_step(request, public_id):
    """The form for the step the appraisal waits for; taking it is for the person whose step it is."""
    appraisal = appraisal_or_404(request, public_id)
    step = presenters.next_step(appraisal)
    if step is None:
        messages.info(request, "This appraisal is complete: there is no step left to take.")
        return to_appraisal(appraisal)
    form = forms.step_form(step["key"], appraisal, posted(request))
    if submit(
        request,
        form,
        lambda data: _take_step(request.user, appraisal, step["key"], data),
        success=f"{step['label']}: done.",
    ) is not REFUSED:
        return to_appraisal(appraisal)
    return render_form_page(
        request,
        form,
        title=step["label"],
        caption=f"Appraisal of {appraisal.appraisee}",
        intro=f"This step is for {presenters.waiting_on(appraisal)}.",
        submit=step["label"],
        back=back_to_appraisal(appraisal),
        crumbs=crumbs(),
    )


def _take_step(actor, appraisal, key, data) -> Appraisal:
    objectives = list(appraisal.objectives.all())
    if key == "agree":
        return services.objectives_agree(actor=actor, appraisal=appraisal)
    if key == "self_review":
        return services.self_review_submit(
            actor=actor,
            appraisal=appraisal,
            text=data["self_review"],
            actuals={str(o.public_id): data.get(f"actual_{o.public_id}", "") for o in objectives},
        )
    if key == "appraiser_review":
        return services.appraiser_review_submit(
            actor=actor,
            appraisal=appraisal,
            text=data["appraiser_review"],
            ratings={str(o.public_id): int(data[f"rating_{o.public_id}"]) for o in objectives},
            competency_ratings={
                name.removeprefix("competency_"): int(value)
                for name, value in data.items()
                if name.startswith("competency_") and value
            },
        )
    if key == "meeting":
        return services.meeting_record(
            actor=actor,
            appraisal=appraisal,
            meeting_on=data["meeting_on"],
            notes=data["meeting_notes"],
            needs=[(data[f"need_{i}"], data[f"need_code_{i}"]) for i in range(3)],
        )
    if key == "sign":
        return services.appraisal_sign(actor=actor, appraisal=appraisal)
    return services.appraisal_countersign(actor=actor, appraisal=appraisal)


# HR's changes and what follows sign-off ------------------------------------------------------------


@login_required
def appraisal_reassign(request, public_id):
    appraisal = appraisal_or_404(request, public_id)
    if not access.is_hr_for(request.user, appraisal.organisation):
        raise Http404  # only HR reassign: for anyone else this page is not there
    people = access.people(request.user).filter(organisation=appraisal.organisation, active=True).exclude(
        id=appraisal.appraisee_id
    )
    form = forms.ReassignForm(posted(request), people=people)
    if submit(
        request,
        form,
        lambda data: services.appraisal_reassign(actor=request.user, appraisal=appraisal, **data),
        success="Appraiser changed.",
    ) is not REFUSED:
        return to_appraisal(appraisal)
    return render_form_page(
        request,
        form,
        title="Assign another appraiser",
        caption=f"Appraisal of {appraisal.appraisee}",
        intro="Every appraiser must have completed the appraisal-skills course in the last three years.",
        more=selectors.appraisal_course_link(),
        back=back_to_appraisal(appraisal),
        crumbs=crumbs(),
    )


@login_required
def addendum_new(request, public_id):
    appraisal = appraisal_or_404(request, public_id)
    form = forms.AddendumForm(posted(request))
    if submit(
        request,
        form,
        lambda data: services.addendum_add(actor=request.user, appraisal=appraisal, text=data["text"]),
        success="Addendum added.",
    ) is not REFUSED:
        return to_appraisal(appraisal)
    return render_form_page(
        request,
        form,
        title="Add an addendum",
        caption=f"Appraisal of {appraisal.appraisee}",
        back=back_to_appraisal(appraisal),
        crumbs=crumbs(),
    )


@login_required
def appraisal_pdf(request, public_id):
    """The signed-off appraisal, for the appraisee and HR (and others who may read it)."""
    appraisal = appraisal_or_404(request, public_id)
    if not appraisal.read_only:
        messages.error(request, "The PDF is available once the appraisal is signed off.")
        return to_appraisal(appraisal)
    response = HttpResponse(pdf.render(appraisal), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="appraisal-{appraisal.public_id}.pdf"'
    return response
