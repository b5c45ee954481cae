"""Training records: a person's training, recording and changing records, certificates, course ratings."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from leadership.web import REFUSED, posted, render_form_page, submit
from training import access, presenters, selectors, services
from training.forms import EvaluationForm, RecordForm, RecordUpdateForm
from training.models import Enrolment, TrainingRecord
from training.views.catalogue import training_crumbs


def _files(request):
    return request.FILES if request.method == "POST" else None


def _person_training_link(person) -> tuple[str, str]:
    return (f"{person.full_name}'s training", reverse("training:person_training", args=[person.public_id]))


@login_required
def person_training(request, public_id):
    person = access.get_or_404(access.training_people(request.user).select_related("organisation"), public_id)
    training = selectors.person_training(person)
    return render(
        request,
        "training/person_training.html",
        {
            "person": person,
            "records": [{"record": r, "status": presenters.record_status(r)} for r in training["records"]],
            "enrolments": [
                {"enrolment": e, "status": presenters.enrolment_status(e)} for e in training["enrolments"]
            ],
            "qualifications": training["qualifications"],
            "can_record": access.manageable_people(request.user).filter(id=person.id).exists(),
            "history": selectors.training_record_history(person),
        },
    )


@login_required
def record_new(request, public_id):
    person = access.get_or_404(access.manageable_people(request.user), public_id)
    enrolment = None
    if request.GET.get("enrolment"):
        enrolment = access.get_or_404(
            person.enrolments.filter(status=Enrolment.Status.ENROLLED).select_related("run__course"),
            request.GET["enrolment"],
        )
    form = RecordForm(
        posted(request),
        _files(request),
        courses=access.courses(request.user),
        initial={
            "course": enrolment.run.course if enrolment else None,
            "on": enrolment.run.ends_on if enrolment else timezone.localdate(),
        },
    )
    record = submit(request, form, lambda data: services.record_create(
        actor=request.user,
        person=person,
        status=data["status"],
        on=data["on"],
        course=data["course"],
        enrolment=enrolment,
        title=data["title"],
        provider_name=data["provider_name"],
        hours=data["hours"],
        certificate=data["certificate"],
        source=TrainingRecord.Source.ENROLMENT if enrolment else TrainingRecord.Source.MANUAL,
    ), success="The training was recorded.")
    if record is not REFUSED:
        return redirect("training:person_training", public_id=person.public_id)
    return render_form_page(
        request,
        form,
        title=f"Record training for {person.full_name}",
        submit="Record training",
        caption=enrolment.run.course.title if enrolment else "",
        back=_person_training_link(person),
        crumbs=training_crumbs(),
    )


@login_required
def record_edit(request, public_id):
    record = access.get_or_404(
        access.manageable_training_records(request.user).select_related("person"), public_id
    )
    form = RecordUpdateForm(posted(request), _files(request),
                            initial={"status": record.status, "on": record.on, "hours": record.hours})
    if submit(request, form, lambda data: services.record_update(actor=request.user, record=record, **data)) \
            is not REFUSED:
        return redirect("training:person_training", public_id=record.person.public_id)
    return render_form_page(request, form, title=f"Change {record.title}", caption=record.person.full_name,
                            back=_person_training_link(record.person), crumbs=training_crumbs())


@login_required
def record_certificate(request, public_id):
    """Certificates are never served from MEDIA_URL: only through this access-checked view."""
    record = access.get_or_404(access.training_records(request.user), public_id)
    if not record.certificate:
        raise Http404
    try:
        handle = record.certificate.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    filename = record.certificate_name or record.certificate.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def record_evaluate(request, public_id):
    record = access.get_or_404(access.own_training_records(request.user).select_related("course"), public_id)
    form = EvaluationForm(posted(request))
    rated = submit(request, form, lambda data: services.evaluation_submit(
        actor=request.user, record=record, **data,
    ), success="Thank you for rating the course.")
    if rated is not REFUSED:
        return redirect("training:my_training")
    return render_form_page(
        request,
        form,
        title=f"Rate {record.title}",
        submit="Send rating",
        caption=f"Completed {record.on:%d %B %Y}",
        intro="Your answers are shown only as averages, once five people have rated the course.",
        back=("my training", reverse("training:my_training")),
        crumbs=training_crumbs(),
    )
