"""Display values for training pages, so templates hold no logic."""

from datetime import date

from training.models import COMPETENCY_LABELS, Course, Enrolment, Provider, TrainingImport, TrainingRecord

ACCREDITATION_TAGS = {
    Provider.Status.ACCREDITED: "nhsuk-tag--green",
    Provider.Status.NOMINATED: "nhsuk-tag--blue",
    Provider.Status.PENDING: "nhsuk-tag--grey",
    Provider.Status.LAPSED: "nhsuk-tag--red",
}
ENROLMENT_TAGS = {
    Enrolment.Status.REQUESTED: "nhsuk-tag--yellow",
    Enrolment.Status.ENROLLED: "nhsuk-tag--green",
    Enrolment.Status.WAITLISTED: "nhsuk-tag--blue",
    Enrolment.Status.DECLINED: "nhsuk-tag--red",
    Enrolment.Status.CANCELLED: "nhsuk-tag--grey",
}
RECORD_TAGS = {
    TrainingRecord.Status.ATTENDED: "nhsuk-tag--blue",
    TrainingRecord.Status.COMPLETED: "nhsuk-tag--green",
    TrainingRecord.Status.FAILED: "nhsuk-tag--red",
    TrainingRecord.Status.WITHDRAWN: "nhsuk-tag--grey",
}
IMPORT_TAGS = {
    TrainingImport.Status.QUEUED: "nhsuk-tag--grey",
    TrainingImport.Status.RUNNING: "nhsuk-tag--blue",
    TrainingImport.Status.SUCCEEDED: "nhsuk-tag--green",
    TrainingImport.Status.REJECTED: "nhsuk-tag--red",
    TrainingImport.Status.FAILED: "nhsuk-tag--red",
}


def accreditation(provider: Provider, today: date) -> dict:
    status = provider.effective_status(today)
    return {
        "label": Provider.Status(status).label,
        "tag_class": ACCREDITATION_TAGS[status],
        "accredited": status == Provider.Status.ACCREDITED,
        "lapsed": status == Provider.Status.LAPSED,
    }


def course_facts(course: Course) -> dict:
    topics = dict(Course.Topic.choices)
    levels = dict(Course._meta.get_field("levels").base_field.choices)
    return {
        "topics": ", ".join(str(topics.get(t, t)) for t in course.topics),
        "levels": ", ".join(str(levels.get(level, level)) for level in course.levels),
        "competencies": [COMPETENCY_LABELS.get(code, code) for code in course.competency_codes],
        "mode": course.get_mode_display(),
        "cross_functional": "Yes" if course.cross_functional else "No",
        "qualification": course.qualification or "None",
    }


def enrolment_status(enrolment: Enrolment) -> dict:
    return {"label": enrolment.get_status_display(), "tag_class": ENROLMENT_TAGS[enrolment.status]}


def record_status(record: TrainingRecord) -> dict:
    return {"label": record.get_status_display(), "tag_class": RECORD_TAGS[record.status]}


def import_status(job: TrainingImport) -> dict:
    return {
        "label": job.get_status_display(),
        "tag_class": IMPORT_TAGS[job.status],
        "percent": int(100 * job.rows_done / job.rows_total) if job.rows_total else 0,
        "finished": job.finished,
    }


def website_href(provider: Provider) -> str:
    """The provider's website as a link target, only when it is a web address (never javascript:)."""
    return provider.website if provider.website.lower().startswith(("https://", "http://")) else ""
