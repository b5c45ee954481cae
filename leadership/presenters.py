"""Turn models into display values, so templates hold no logic."""

from leadership.models import PeopleImport

IMPORT_TAGS = {
    PeopleImport.Status.QUEUED: "nhsuk-tag--grey",
    PeopleImport.Status.RUNNING: "nhsuk-tag--blue",
    PeopleImport.Status.SUCCEEDED: "nhsuk-tag--green",
    PeopleImport.Status.REJECTED: "nhsuk-tag--red",
    PeopleImport.Status.FAILED: "nhsuk-tag--red",
}


def import_status(job: PeopleImport) -> dict:
    percent = int(100 * job.rows_done / job.rows_total) if job.rows_total else 0
    return {
        "label": job.get_status_display(),
        "tag_class": IMPORT_TAGS[job.status],
        "percent": percent,
        "finished": job.finished,
    }
