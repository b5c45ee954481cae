"""Enrolment: asking for a place on a run, the line manager's decision, cancelling; one's own training."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from leadership.web import REFUSED, confirm_page, posted, render_form_page, submit
from training import access, presenters, selectors, services
from training.forms import DecisionForm, EnrolmentRequestForm
from training.models import Enrolment, TrainingRecord
from training.views.catalogue import training_crumbs


@login_required
def my_training(request):
    person = access.own_person(request.user)
    training = (
        selectors.person_training(person)
        if person
        else {"records": [], "enrolments": [], "qualifications": []}
    )
    to_decide = (
        access.decidable_enrolments(request.user)
        .filter(status=Enrolment.Status.REQUESTED)
        .exclude(person=person)
        .select_related("person", "run__course")
        .order_by("created_at")[:50]
    )
    return render(
        request,
        "training/my_training.html",
        {
            "person": person,
            "records": [
                {
                    "record": r,
                    "status": presenters.record_status(r),
                    "can_rate": r.status == TrainingRecord.Status.COMPLETED and r.course_id is not None,
                }
                for r in training["records"]
            ],
            "rated": set(
                TrainingRecord.objects.filter(
                    id__in=[r.id for r in training["records"]], evaluation__isnull=False
                ).values_list("id", flat=True)
            ),
            "enrolments": [
                {"enrolment": e, "status": presenters.enrolment_status(e)} for e in training["enrolments"]
            ],
            "qualifications": training["qualifications"],
            "to_decide": to_decide,
            "senior_pool_eligible": bool(person) and selectors.senior_pool_eligible(person),
        },
    )


def _my_training_link() -> tuple[str, str]:
    return ("my training", reverse("training:my_training"))


@login_required
def enrolment_request(request, public_id):
    run = access.get_or_404(access.course_runs(request.user).select_related("course"), public_id)
    people = list(access.requestable_people(request.user).order_by("last_name", "first_name"))
    form = EnrolmentRequestForm(
        posted(request), people=people, initial={"person": str(people[0].public_id)} if people else None
    )
    enrolment = submit(request, form, lambda data: services.enrolment_request(
        actor=request.user, run=run, person=next(p for p in people if str(p.public_id) == data["person"]),
    ), success=lambda enrolment: f"Place asked for: {presenters.enrolment_status(enrolment)['label']}.")
    if enrolment is not REFUSED:
        return redirect("training:course_detail", public_id=run.course.public_id)
    return render_form_page(
        request,
        form,
        title=f"Ask for a place on {run.course.title}",
        caption=f"{run.starts_on:%d %B %Y}, {run.place}",
        submit="Ask for a place",
        intro="The line manager approves or declines the request. If the run is full, an "
        "approved request joins the waiting list.",
        back=(run.course.title, reverse("training:course_detail", args=[run.course.public_id])),
        crumbs=training_crumbs(),
    )


@login_required
def enrolment_decide(request, public_id):
    enrolment = access.get_or_404(
        access.decidable_enrolments(request.user).select_related("person", "run__course"), public_id
    )
    form = DecisionForm(posted(request))

    def decide(data):
        if data["decision"] == "approve":
            return services.enrolment_approve(actor=request.user, enrolment=enrolment)
        return services.enrolment_decline(actor=request.user, enrolment=enrolment, reason=data["reason"])

    if submit(request, form, decide, success=lambda decided: (
            f"{decided.person.full_name}: {decided.get_status_display()}.")) is not REFUSED:
        return redirect("training:my_training")
    return render_form_page(
        request,
        form,
        title=f"{enrolment.person.full_name} asks for a place",
        caption=f"{enrolment.run.course.title}, {enrolment.run.starts_on:%d %B %Y}",
        submit="Save decision",
        back=_my_training_link(),
        crumbs=training_crumbs(),
    )


@login_required
def enrolment_cancel(request, public_id):
    """The confirmation page the Cancel link of an enrolments table leads to; the button cancels. A
    place that can no longer be cancelled (already cancelled, or completed) is refused on this page."""
    enrolment = access.get_or_404(
        access.cancellable_enrolments(request.user).select_related("run__course", "person"), public_id
    )
    run = enrolment.run
    return confirm_page(
        request, act=lambda: services.enrolment_cancel(actor=request.user, enrolment=enrolment),
        title=f"Cancel the place on {run.course.title}", caption=f"{run.starts_on:%d %B %Y}",
        intro=f"{enrolment.person.full_name}'s place (or request for one) is cancelled at once; the "
              "next person waiting is offered it. To go on the course later, ask for a place again.",
        confirm="Cancel the place", done=reverse("training:my_training"), success="The place was cancelled.",
        back=_my_training_link(), crumbs=training_crumbs())
