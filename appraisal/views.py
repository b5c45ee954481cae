"""Appraisal pages. Rows come from leadership.access; writes go through appraisal.services.

A stranger gets 404; a person in the appraisal taking a step that is not theirs, or not now, is sent
back to the appraisal with a message saying why.
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from appraisal import access, forms, pdf, presenters, selectors, services
from appraisal.models import Appraisal, CalibrationReview, Objective
from leadership.dates import parse_user_date, quarter_start
from leadership.models import Organisation, Person


def _form_page(request, form, *, title, back, caption="", submit="Save", intro=""):
    return render(
        request,
        "appraisal/form.html",
        {"form": form, "title": title, "back": back, "caption": caption, "submit": submit, "intro": intro},
    )


def _errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _appraisal(request, public_id) -> Appraisal:
    return access.get_or_404(
        access.appraisals(request.user).select_related(
            "appraisee", "appraiser", "countersigner", "cycle", "organisation", "template"
        ),
        public_id,
    )


def _managed_organisation(request, ods_code) -> Organisation:
    return get_object_or_404(access.managed_organisations(request.user), ods_code=ods_code.upper())


def _back(appraisal):
    return redirect("appraisal:appraisal_detail", appraisal.public_id)


# My appraisals -------------------------------------------------------------------------------------


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
            "mine": [_row(a) for a in mine],
            "giving": [_row(a) for a in giving],
            "hr_organisations": access.managed_organisations(request.user).order_by("name")[:20],
        },
    )


def _row(appraisal):
    return {
        "appraisal": appraisal,
        "state": presenters.state(appraisal),
        "waiting_on": presenters.waiting_on(appraisal),
    }


# Cycles (HR admins) --------------------------------------------------------------------------------


@login_required
def organisation_appraisals(request, ods_code):
    organisation = _managed_organisation(request, ods_code)
    cycles = access.appraisal_cycles(request.user).filter(organisation=organisation)
    return render(request, "appraisal/organisation.html", {"organisation": organisation, "cycles": cycles})


@login_required
def cycle_new(request, ods_code):
    organisation = _managed_organisation(request, ods_code)
    form = forms.CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_create(actor=request.user, organisation=organisation, **form.cleaned_data)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, f"Cycle {cycle.name} opened.")
            return redirect("appraisal:cycle_detail", cycle.public_id)
    return _form_page(
        request,
        form,
        title="Open an appraisal cycle",
        caption=organisation.name,
        back=("Appraisals", f"/appraisal/organisations/{organisation.ods_code}/"),
    )


@login_required
def cycle_detail(request, public_id):
    cycle = access.get_or_404(access.appraisal_cycles(request.user).select_related("organisation"), public_id)
    appraisals = cycle.appraisals.select_related("appraisee", "appraiser", "countersigner").order_by(
        "appraisee__last_name", "appraisee__first_name"
    )
    today = timezone.localdate()
    appraiser_ids = {a.appraiser_id for a in appraisals}
    untrained = {
        p.id for p in Person.objects.filter(id__in=appraiser_ids) if not selectors.appraiser_trained(p, today)
    }
    rows = [{**_row(a), "untrained": a.appraiser_id in untrained} for a in appraisals]
    return render(request, "appraisal/cycle_detail.html", {"cycle": cycle, "rows": rows})


@login_required
def appraisal_start(request, public_id):
    cycle = access.get_or_404(access.appraisal_cycles(request.user).select_related("organisation"), public_id)
    people = access.people(request.user).filter(organisation=cycle.organisation, active=True)
    form = forms.StartForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            appraisal = services.appraisal_start(actor=request.user, cycle=cycle, **form.cleaned_data)
        except ValidationError as error:
            _errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Appraisal of {appraisal.appraisee} started.")
            return _back(appraisal)
    return _form_page(
        request,
        form,
        title="Start an appraisal",
        caption=cycle.name,
        submit="Start appraisal",
        back=("Cycle", f"/appraisal/cycles/{cycle.public_id}/"),
    )


# One appraisal -------------------------------------------------------------------------------------


@login_required
def appraisal_detail(request, public_id):
    appraisal = _appraisal(request, public_id)
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


@login_required
def objective_new(request, public_id, objective_id=None):
    appraisal = _appraisal(request, public_id)
    objective = None
    if objective_id is not None:
        objective = get_object_or_404(Objective, appraisal=appraisal, public_id=objective_id)
    initial = (
        {}
        if objective is None
        else {
            "perspective": objective.perspective,
            "title": objective.title,
            "measure": objective.measure,
            "target": objective.target,
            "weight": objective.weight,
        }
    )
    form = forms.ObjectiveForm(request.POST or None, initial=initial, appraisal=appraisal)
    if request.method == "POST" and form.is_valid():
        try:
            services.objective_save(
                actor=request.user, appraisal=appraisal, objective=objective, **form.cleaned_data
            )
        except ValidationError as error:
            _errors(form, error)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return _back(appraisal)
        else:
            messages.success(request, "Objective saved.")
            return _back(appraisal)
    return _form_page(
        request,
        form,
        title="Change the objective" if objective else "Add an objective",
        caption=f"Appraisal of {appraisal.appraisee}",
        back=("Appraisal", f"/appraisal/{appraisal.public_id}/"),
    )


@login_required
def objective_edit(request, public_id):
    objective = get_object_or_404(
        Objective.objects.filter(appraisal__in=access.appraisals(request.user)), public_id=public_id
    )
    return objective_new(request, objective.appraisal.public_id, objective_id=objective.public_id)


STEP_KEYS = {"agree", "self_review", "appraiser_review", "meeting", "sign", "countersign"}


@login_required
def appraisal_step(request, public_id):
    """The form for the step the appraisal waits for; taking it is for the person whose step it is."""
    appraisal = _appraisal(request, public_id)
    step = presenters.next_step(appraisal)
    if step is None:
        messages.info(request, "This appraisal is complete: there is no step left to take.")
        return _back(appraisal)
    form = forms.step_form(step["key"], appraisal, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            _take_step(request.user, appraisal, step["key"], form.cleaned_data)
        except PermissionDenied as error:
            messages.error(request, f"{error} This step is waiting for {presenters.waiting_on(appraisal)}.")
            return _back(appraisal)
        except ValidationError as error:
            if step["key"] in ("agree", "sign", "countersign"):
                messages.error(request, " ".join(error.messages))
                return _back(appraisal)
            _errors(form, error)
        else:
            messages.success(request, f"{step['label']}: done.")
            return _back(appraisal)
    return render(
        request,
        "appraisal/step.html",
        {"appraisal": appraisal, "step": step, "form": form, "waiting_on": presenters.waiting_on(appraisal)},
    )


def _take_step(actor, appraisal, key, data):
    objectives = list(appraisal.objectives.all())
    if key == "agree":
        services.objectives_agree(actor=actor, appraisal=appraisal)
    elif key == "self_review":
        services.self_review_submit(
            actor=actor,
            appraisal=appraisal,
            text=data["self_review"],
            actuals={str(o.public_id): data.get(f"actual_{o.public_id}", "") for o in objectives},
        )
    elif key == "appraiser_review":
        services.appraiser_review_submit(
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
    elif key == "meeting":
        services.meeting_record(
            actor=actor,
            appraisal=appraisal,
            meeting_on=data["meeting_on"],
            notes=data["meeting_notes"],
            needs=[(data[f"need_{i}"], data[f"need_code_{i}"]) for i in range(3)],
        )
    elif key == "sign":
        services.appraisal_sign(actor=actor, appraisal=appraisal)
    elif key == "countersign":
        services.appraisal_countersign(actor=actor, appraisal=appraisal)


@login_required
def appraisal_reassign(request, public_id):
    appraisal = _appraisal(request, public_id)
    if not access.is_hr_for(request.user, appraisal.organisation):
        raise Http404
    people = access.people(request.user).filter(organisation=appraisal.organisation, active=True).exclude(
        id=appraisal.appraisee_id
    )
    form = forms.ReassignForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            services.appraisal_reassign(actor=request.user, appraisal=appraisal, **form.cleaned_data)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, "Appraiser changed.")
            return _back(appraisal)
    return _form_page(
        request,
        form,
        title="Assign another appraiser",
        caption=f"Appraisal of {appraisal.appraisee}",
        back=("Appraisal", f"/appraisal/{appraisal.public_id}/"),
    )


@login_required
def addendum_new(request, public_id):
    appraisal = _appraisal(request, public_id)
    form = forms.AddendumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.addendum_add(actor=request.user, appraisal=appraisal, text=form.cleaned_data["text"])
        except ValidationError as error:
            _errors(form, error)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return _back(appraisal)
        else:
            messages.success(request, "Addendum added.")
            return _back(appraisal)
    return _form_page(
        request,
        form,
        title="Add an addendum",
        caption=f"Appraisal of {appraisal.appraisee}",
        back=("Appraisal", f"/appraisal/{appraisal.public_id}/"),
    )


@login_required
def appraisal_pdf(request, public_id):
    """The signed-off appraisal, for the appraisee and HR (and others who may read it)."""
    appraisal = _appraisal(request, public_id)
    if not appraisal.read_only:
        messages.error(request, "The PDF is available once the appraisal is signed off.")
        return _back(appraisal)
    response = HttpResponse(pdf.render(appraisal), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="appraisal-{appraisal.public_id}.pdf"'
    return response


# Templates -----------------------------------------------------------------------------------------


@login_required
def template_list(request):
    templates = (
        access.scorecard_templates(request.user)
        .filter(current=True)
        .select_related("organisation")
        .prefetch_related("perspectives")
    )
    return render(
        request,
        "appraisal/template_list.html",
        {
            "templates": templates,
            "organisations": access.managed_organisations(request.user).order_by("name")[:20],
            "revisable": set(access.revisable_templates(request.user).values_list("id", flat=True)),
        },
    )


@login_required
def template_new(request, ods_code):
    organisation = _managed_organisation(request, ods_code)
    form = forms.TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.template_create(
                actor=request.user,
                organisation=organisation,
                name=form.cleaned_data["name"],
                levels=form.cleaned_data["levels"],
                perspectives=form.perspectives(),
                competency_ratings=form.cleaned_data["competency_ratings"],
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, "Template added.")
            return redirect("appraisal:template_list")
    return _form_page(
        request,
        form,
        title="Add a scorecard template",
        caption=organisation.name,
        intro="Senior, executive and board appraisals use the locked national template.",
        back=("Templates", "/appraisal/templates/"),
    )


@login_required
def template_revise(request, template_id):
    template = access.get_or_404(
        access.revisable_templates(request.user).select_related("organisation").prefetch_related("perspectives"),
        template_id,
    )
    form = forms.TemplateRevisionForm(request.POST or None, template=template)
    if request.method == "POST" and form.is_valid():
        try:
            revised = services.template_revise(
                actor=request.user,
                template=template,
                name=form.cleaned_data["name"],
                perspectives=form.perspectives(),
                competency_ratings=form.cleaned_data["competency_ratings"],
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, f"Version {revised.version} saved. Appraisals already started keep "
                                      "the version they began with.")
            return redirect("appraisal:template_list")
    return _form_page(
        request,
        form,
        title=f"Revise {template.name}",
        caption=f"{template.organisation or 'National'} · version {template.version}",
        intro="Saving makes a new version for new appraisals; appraisals already started keep this one.",
        back=("Templates", "/appraisal/templates/"),
        submit="Save a new version",
    )


# Calibration ---------------------------------------------------------------------------------------


@login_required
def calibration(request, ods_code):
    organisation = _managed_organisation(request, ods_code)
    cycles = list(access.appraisal_cycles(request.user).filter(organisation=organisation))
    cycle = next(
        (c for c in cycles if str(c.public_id) == request.GET.get("cycle")), cycles[0] if cycles else None
    )
    form = forms.CalibrationReviewForm(request.POST or None)
    if request.method == "POST" and cycle is not None and form.is_valid():
        services.calibration_review_create(actor=request.user, cycle=cycle, **form.cleaned_data)
        messages.success(request, "Calibration review recorded: agree changes from each appraisal's page.")
        return redirect(f"{request.path}?cycle={cycle.public_id}")
    rated = []
    if cycle is not None:
        rated = cycle.appraisals.filter(overall_score__isnull=False).select_related("appraisee", "appraiser")
    return render(
        request,
        "appraisal/calibration.html",
        {
            "organisation": organisation,
            "cycles": cycles,
            "cycle": cycle,
            "form": form,
            "figures": selectors.calibration(organisation, cycle) if cycle else None,
            "rated": rated,
            "reviews": CalibrationReview.objects.filter(
                organisation=organisation, cycle=cycle
            ).prefetch_related("changes__appraisal__appraisee")
            if cycle
            else [],
        },
    )


@login_required
def calibration_change(request, public_id):
    appraisal = _appraisal(request, public_id)
    if not access.is_hr_for(request.user, appraisal.organisation):
        raise Http404
    review = CalibrationReview.objects.filter(cycle=appraisal.cycle).first()
    form = forms.CalibrationChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if review is None:
            form.add_error(None, "Record the calibration review on the calibration page first.")
        else:
            try:
                services.calibration_change(
                    actor=request.user, review=review, appraisal=appraisal, **form.cleaned_data
                )
            except ValidationError as error:
                _errors(form, error)
            else:
                messages.success(request, "Calibration change recorded.")
                return _back(appraisal)
    return _form_page(
        request,
        form,
        title="Record an agreed calibration change",
        caption=f"Appraisal of {appraisal.appraisee}: {appraisal.final_band or 'not rated'}",
        back=("Appraisal", f"/appraisal/{appraisal.public_id}/"),
    )


# Organisational scorecards --------------------------------------------------------------------------


def _period(request) -> date:
    """The quarter holding ?quarter= (any day of it), or this quarter when it is not given."""
    text = request.GET.get("quarter", "")
    return quarter_start(parse_user_date(text) if text else timezone.localdate())


def _bad_quarter(request, error: ValidationError, back: str):
    """An unreadable or out-of-range quarter is a 400 with the reason, never another quarter's page."""
    context = {
        "title": "There is a problem with the quarter in the address",
        "problems": [f"Quarter: {message}" for message in error.messages],
        "back_url": back,
        "back_label": "Go to this quarter's scorecard",
    }
    return render(request, "bad_request.html", context, status=400)


def _quarters_back(period: date, n: int = 4) -> list[date]:
    quarters, current = [], period
    for _ in range(n):
        quarters.append(current)
        month = current.month - 3
        current = date(current.year - (month <= 0), month + 12 if month <= 0 else month, 1)
    return quarters


@login_required
def scorecard(request, ods_code):
    organisation = get_object_or_404(access.scorecard_organisations(request.user), ods_code=ods_code.upper())
    try:
        period = _period(request)
    except ValidationError as error:
        return _bad_quarter(request, error, f"/appraisal/scorecards/{organisation.ods_code}/")
    exact = access.sees_exact_figures(request.user, organisation)  # small numbers: only the employer
    rows = selectors.scorecard_rows(organisation, period, timezone.localdate(), exact=exact)
    return render(
        request,
        "appraisal/scorecard.html",
        {
            "organisation": organisation,
            "period": period,
            "rows": rows,
            "small_numbers": selectors.small_numbers_note(rows),
            "trend": selectors.scorecard_trend(organisation, _quarters_back(period)),
            "can_edit": access.may_edit_scorecard(request.user, organisation),
        },
    )


@login_required
def scorecard_measure_new(request, ods_code):
    organisation = get_object_or_404(access.scorecard_organisations(request.user), ods_code=ods_code.upper())
    if not access.may_edit_scorecard(request.user, organisation):
        raise Http404
    try:
        period = _period(request)
    except ValidationError as error:
        return _bad_quarter(request, error, f"/appraisal/scorecards/{organisation.ods_code}/")
    form = forms.MeasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.scorecard_measure_save(
            actor=request.user, organisation=organisation, period=period, **form.cleaned_data
        )
        messages.success(request, "Measure saved.")
        return redirect(f"/appraisal/scorecards/{organisation.ods_code}/?quarter={period.isoformat()}")
    return _form_page(
        request,
        form,
        title="Add a scorecard measure",
        caption=f"{organisation.name}, quarter from {period:%B %Y}",
        back=("Scorecard", f"/appraisal/scorecards/{organisation.ods_code}/"),
    )


@login_required
def scorecard_footprint(request, ods_code):
    footprint = get_object_or_404(access.dashboard_footprints(request.user), ods_code=ods_code.upper())
    try:
        period = _period(request)
    except ValidationError as error:
        return _bad_quarter(request, error, f"/appraisal/footprints/{footprint.ods_code}/scorecards/")
    return render(
        request,
        "appraisal/scorecard_footprint.html",
        {
            "footprint": footprint,
            "period": period,
            **selectors.footprint_comparison(
                footprint, period, timezone.localdate(), access.exact_figure_organisations(request.user)
            ),
        },
    )


@login_required
@require_POST
def objective_delete(request, public_id):
    objective = get_object_or_404(
        Objective.objects.filter(appraisal__in=access.appraisals(request.user)), public_id=public_id
    )
    appraisal = objective.appraisal
    try:
        services.objective_delete(actor=request.user, objective=objective)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, "Objective removed.")
    return _back(appraisal)
