"""Isolation cases for the training pages and API (see tests/isolation_registry.py)."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from leadership.models import Person
from tests.isolation_registry import EVERYONE, NATIONAL, NOT_IN_DEMO, STAFF, TRUST_ADMINS
from training.models import Course, CourseRun, Enrolment, Provider, TrainingImport, TrainingRecord

PDF = b"%PDF-1.4\n% test certificate\n"


def build_world(world: dict) -> dict:
    # Built here, not taken from the seeded reference data, which a transactional test may flush.
    provider = Provider.objects.create(
        name="Isolation test provider",
        kind=Provider.Kind.UNIVERSITY,
        accreditation_status=Provider.Status.ACCREDITED,
    )
    course = Course.objects.create(
        code="isolation-course",
        provider=provider,
        title="Appraisal skills",
        topics=["appraisal_skills"],
        levels=["middle"],
        hours=6,
    )
    run = CourseRun.objects.create(
        course=course,
        starts_on=timezone.localdate() + timedelta(days=30),
        ends_on=timezone.localdate() + timedelta(days=30),
        place="Leeds",
        capacity=10,
    )
    organisation = world["same_org"]
    admin_person = world["same_org_hr_admin"].person if "same_org_hr_admin" in world else None
    lead = Person.objects.get(organisation=organisation, first_name="Lee")
    record = TrainingRecord.objects.create(
        person=admin_person or lead,
        organisation=organisation,
        course=course,
        title=course.title,
        status=TrainingRecord.Status.COMPLETED,
        on=timezone.localdate(),
        hours=6,
    )
    record.certificate.save("certificate.pdf", ContentFile(PDF), save=True)
    world.update(
        {
            "training_course": course,
            "training_run": run,
            "training_record": record,
            "training_enrolment": Enrolment.objects.create(run=run, person=lead),
            "training_import": TrainingImport.objects.create(
                organisation=organisation,
                file_name="training.csv",
                content=b"",
                status=TrainingImport.Status.SUCCEEDED,
            ),
        }
    )
    return world


def _person(w):
    return w["same_org_manager"].person.public_id


PAGE_CASES = {
    "training:catalogue": ("list", lambda w: reverse("training:catalogue")),
    "training:my_training": ("list", lambda w: reverse("training:my_training")),
    "training:course_detail": (
        "list",
        lambda w: reverse("training:course_detail", args=[w["training_course"].public_id]),
    ),
    "training:enrolment_request": (
        "list",
        lambda w: reverse("training:enrolment_request", args=[w["training_run"].public_id]),
    ),
    "training:provider_list": ("list", lambda w: reverse("training:provider_list")),
    "training:provider_detail": (
        "list",
        lambda w: reverse("training:provider_detail", args=[w["training_course"].provider.public_id]),
    ),
    "training:provider_new": ("national", lambda w: reverse("training:provider_new")),
    "training:provider_edit": (
        "national",
        lambda w: reverse("training:provider_edit", args=[w["training_course"].provider.public_id]),
    ),
    "training:course_new": ("national", lambda w: reverse("training:course_new")),
    "training:course_edit": (
        "national",
        lambda w: reverse("training:course_edit", args=[w["training_course"].public_id]),
    ),
    "training:run_new": (
        "national",
        lambda w: reverse("training:run_new", args=[w["training_course"].public_id]),
    ),
    "training:run_edit": (
        "national",
        lambda w: reverse("training:run_edit", args=[w["training_run"].public_id]),
    ),
    "training:run_cancel": (
        "national",
        lambda w: reverse("training:run_cancel", args=[w["training_run"].public_id]),
    ),
    "training:enrolment_decide": (
        "object",
        lambda w: reverse("training:enrolment_decide", args=[w["training_enrolment"].public_id]),
    ),
    "training:enrolment_cancel": (
        "object",
        lambda w: reverse("training:enrolment_cancel", args=[w["training_enrolment"].public_id]),
    ),
    "training:person_training": ("object", lambda w: reverse("training:person_training", args=[_person(w)])),
    "training:record_new": ("object", lambda w: reverse("training:record_new", args=[_person(w)])),
    "training:record_edit": (
        "object",
        lambda w: reverse("training:record_edit", args=[w["training_record"].public_id]),
    ),
    "training:record_certificate": (
        "object",
        lambda w: reverse("training:record_certificate", args=[w["training_record"].public_id]),
    ),
    "training:record_evaluate": (
        "object",
        lambda w: reverse("training:record_evaluate", args=[w["training_record"].public_id]),
    ),
    "training:import_new": ("object", lambda w: reverse("training:import_new", args=["RT1"])),
    "training:import_detail": (
        "object",
        lambda w: reverse("training:import_detail", args=[w["training_import"].public_id]),
    ),
    "training:import_errors": (
        "object",
        lambda w: reverse("training:import_errors", args=[w["training_import"].public_id]),
    ),
    "training:import_progress": (
        "object",
        lambda w: reverse("training:import_progress", args=[w["training_import"].public_id]),
    ),
    "training:dashboard_national": ("national", lambda w: reverse("training:dashboard_national")),
    "training:dashboard_national_export": (
        "national",
        lambda w: reverse("training:dashboard_national_export"),
    ),
    "training:dashboard_organisation": (
        "object",
        lambda w: reverse("training:dashboard_organisation", args=["RT1"]),
    ),
    "training:dashboard_organisation_export": (
        "object",
        lambda w: reverse("training:dashboard_organisation_export", args=["RT1"]),
    ),
}

# The demo roles that open each page by following links (tests/isolation_registry.py, EVERYONE etc.).
REACHABLE_BY = {
    "training:catalogue": EVERYONE,
    "training:my_training": EVERYONE,
    "training:course_detail": EVERYONE,
    "training:enrolment_request": STAFF,
    "training:provider_list": EVERYONE,
    "training:provider_detail": EVERYONE,
    "training:provider_new": NATIONAL,
    "training:provider_edit": NATIONAL,
    "training:course_new": NATIONAL,
    "training:course_edit": NATIONAL,
    "training:run_new": NATIONAL,
    "training:run_edit": NATIONAL,
    "training:run_cancel": NATIONAL,
    "training:enrolment_decide": {"hr_admin", "manager", "national_admin"},  # the demo request, on home
    "training:enrolment_cancel": NOT_IN_DEMO,
    "training:person_training": {"board_secretary", "hr_admin", "manager", "national_admin"},
    "training:record_new": TRUST_ADMINS,
    "training:record_edit": NOT_IN_DEMO,
    "training:record_certificate": NOT_IN_DEMO,
    "training:record_evaluate": NOT_IN_DEMO,
    "training:import_new": TRUST_ADMINS,
    "training:import_detail": NOT_IN_DEMO,
    "training:import_errors": NOT_IN_DEMO,
    "training:import_progress": NOT_IN_DEMO,
    "training:dashboard_national": NATIONAL,
    "training:dashboard_national_export": NATIONAL,
    "training:dashboard_organisation": TRUST_ADMINS,
    "training:dashboard_organisation_export": TRUST_ADMINS,
}

API_CASES = {
    "api:training-provider-list": ("list", lambda w: reverse("api:training-provider-list")),
    "api:training-provider-detail": (
        "list",
        lambda w: reverse("api:training-provider-detail", args=[w["training_course"].provider.public_id]),
    ),
    "api:training-course-list": ("list", lambda w: reverse("api:training-course-list")),
    "api:training-course-detail": (
        "list",
        lambda w: reverse("api:training-course-detail", args=[w["training_course"].public_id]),
    ),
    "api:training-record-list": ("list", lambda w: reverse("api:training-record-list")),
    "api:training-record-export": ("list", lambda w: reverse("api:training-record-export")),
    "api:training-record-detail": (
        "object",
        lambda w: reverse("api:training-record-detail", args=[w["training_record"].public_id]),
    ),
    "api:training-enrolment-list": ("list", lambda w: reverse("api:training-enrolment-list")),
    "api:training-enrolment-detail": (
        "object",
        lambda w: reverse("api:training-enrolment-detail", args=[w["training_enrolment"].public_id]),
    ),
    "api:training-record-deletions": ("list", lambda w: reverse("api:training-record-deletions")),
}


def _deleted_record(world: dict) -> str:
    record = TrainingRecord.objects.create(
        person=Person.objects.get(organisation=world["same_org"], first_name="Lee"),
        organisation=world["same_org"], title="Doomed course", status=TrainingRecord.Status.COMPLETED,
        on=timezone.localdate())
    public_id = str(record.public_id)
    record.delete()
    return public_id


def _deleted_enrolment(world: dict) -> str:
    enrolment = Enrolment.objects.create(
        run=world["training_run"],
        person=Person.objects.get(organisation=world["same_org"], first_name="Lee"),
        status=Enrolment.Status.DECLINED, decision_reason="Not this quarter")
    public_id = str(enrolment.public_id)
    enrolment.delete()
    return public_id


DELETION_CASES = {"training-records": ("list", _deleted_record),
                  "training-enrolments": ("list", _deleted_enrolment)}
