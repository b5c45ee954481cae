"""Turn models into display values, so templates hold no logic."""

from leadership.models import ApiScope, Notification, PeopleImport
from leadership.validators import visible

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


def undelivered_email(notification: Notification) -> dict:
    """One row of the undelivered-email page; hidden characters in a title are shown by name."""
    failed = notification.email_state == Notification.EmailState.FAILED
    return {
        "created_at": notification.created_at,
        "kind": notification.kind,
        "state": "Failed" if failed else "Waiting to be tried again",
        "tag": "nhsuk-tag--red" if failed else "nhsuk-tag--yellow",
        "recipient": visible(notification.recipient.email),
        "title": visible(notification.title),
        "attempts": notification.email_attempts,
        "when": notification.email_failed_at if failed else notification.email_next_attempt_at,
        "when_label": "Failed at" if failed else "Next attempt",
        "reason": notification.email_failure,
    }

AGREEMENT_STATUS = {
    "live": ("In force", "nhsuk-tag--green"),
    "not_started": ("Not yet started", "nhsuk-tag--blue"),
    "expired": ("Ended", "nhsuk-tag--grey"),
    "revoked": ("Revoked", "nhsuk-tag--red"),
}


def sharing_agreement_rows(agreements) -> list[dict]:
    """Each agreement with its status, the areas it covers, and who recorded and revoked it when."""
    labels = dict(ApiScope.choices)
    rows = []
    for agreement in agreements:
        status = agreement.status()
        label, tag_class = AGREEMENT_STATUS[status]
        rows.append({
            "agreement": agreement,
            "status": {"label": label, "tag_class": tag_class},
            "scopes": ", ".join(str(labels.get(scope, scope)) for scope in agreement.scopes),
            "revocable": status != "revoked",
        })
    return rows
