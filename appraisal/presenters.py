"""Display values for appraisal pages: labels, tag colours and whose turn it is."""

from appraisal.models import Appraisal, AppraisalState

STATE_TAGS = {
    AppraisalState.DRAFT: "nhsuk-tag--grey",
    AppraisalState.OBJECTIVES_AGREED: "nhsuk-tag--blue",
    AppraisalState.SELF_REVIEW: "nhsuk-tag--blue",
    AppraisalState.APPRAISER_REVIEW: "nhsuk-tag--blue",
    AppraisalState.MEETING_HELD: "nhsuk-tag--yellow",
    AppraisalState.SIGNED_OFF: "nhsuk-tag--green",
    AppraisalState.COUNTERSIGNED: "nhsuk-tag--green",
    AppraisalState.WITHDRAWN: "nhsuk-tag--white",
}
RAG_TAGS = {
    "green": ("On target", "nhsuk-tag--green"),
    "amber": ("Near target", "nhsuk-tag--yellow"),
    "red": ("Off target", "nhsuk-tag--red"),
    "": ("No actual yet", "nhsuk-tag--grey"),
}


def state(appraisal: Appraisal) -> dict:
    return {"label": appraisal.get_state_display(), "tag_class": STATE_TAGS.get(appraisal.state, "")}


# Each step's label; appraisal.reminders writes the same steps in SQL for the waiting sweep.
STEP_LABELS = {
    "agree": "Agree the objectives",
    "self_review": "Write the self-review",
    "appraiser_review": "Rate objectives and write the review",
    "meeting": "Record the appraisal meeting",
    "sign": "Sign off",
    "countersign": "Countersign",
}


def _step(key: str, people: list) -> dict:
    return {"key": key, "label": STEP_LABELS[key], "people": people}


def next_step(appraisal: Appraisal) -> dict | None:
    """The step the appraisal waits for: its key, a label, and the people who may take it."""
    s = AppraisalState
    if appraisal.state == s.DRAFT:
        return _step("agree", [appraisal.appraiser])
    if appraisal.state == s.OBJECTIVES_AGREED:
        return _step("self_review", [appraisal.appraisee])
    if appraisal.state == s.SELF_REVIEW:
        return _step("appraiser_review", [appraisal.appraiser])
    if appraisal.state == s.APPRAISER_REVIEW:
        return _step("meeting", [appraisal.appraiser])
    if appraisal.state == s.MEETING_HELD:
        waiting = []
        if not appraisal.appraisee_signed_at:
            waiting.append(appraisal.appraisee)
        if not appraisal.appraiser_signed_at:
            waiting.append(appraisal.appraiser)
        return _step("sign", waiting)
    if appraisal.state == s.SIGNED_OFF and appraisal.needs_countersignature and appraisal.countersigner:
        return _step("countersign", [appraisal.countersigner])
    return None


def waiting_on(appraisal: Appraisal) -> str:
    step = next_step(appraisal)
    return " and ".join(p.full_name for p in step["people"]) if step else ""


def rag(measure_target, actual, higher_is_better: bool = True) -> str:
    """Green when the target is met, amber within 10% of it, red otherwise (docs/appraisal.md)."""
    if actual is None or measure_target is None:
        return ""
    target, actual = float(measure_target), float(actual)
    gap = (actual - target) if higher_is_better else (target - actual)
    if gap >= 0:
        return "green"
    return "amber" if abs(gap) <= abs(target) * 0.10 else "red"


def rag_tag(status: str) -> dict:
    label, tag_class = RAG_TAGS[status]
    return {"label": label, "tag_class": tag_class}


def percent_done(job) -> int:
    """How far a bulk start has gone, 0-100, for its progress bar."""
    return 100 if not job.total else min(100, round(100 * job.done / job.total))
