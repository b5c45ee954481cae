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


def next_step(appraisal: Appraisal) -> dict | None:
    """The step the appraisal waits for: its key, a label, and the people who may take it."""
    s = AppraisalState
    if appraisal.state == s.DRAFT:
        return {"key": "agree", "label": "Agree the objectives", "people": [appraisal.appraiser]}
    if appraisal.state == s.OBJECTIVES_AGREED:
        return {"key": "self_review", "label": "Write the self-review", "people": [appraisal.appraisee]}
    if appraisal.state == s.SELF_REVIEW:
        return {
            "key": "appraiser_review",
            "label": "Rate objectives and write the review",
            "people": [appraisal.appraiser],
        }
    if appraisal.state == s.APPRAISER_REVIEW:
        return {"key": "meeting", "label": "Record the appraisal meeting", "people": [appraisal.appraiser]}
    if appraisal.state == s.MEETING_HELD:
        waiting = []
        if not appraisal.appraisee_signed_at:
            waiting.append(appraisal.appraisee)
        if not appraisal.appraiser_signed_at:
            waiting.append(appraisal.appraiser)
        return {"key": "sign", "label": "Sign off", "people": waiting}
    if appraisal.state == s.SIGNED_OFF and appraisal.needs_countersignature and appraisal.countersigner:
        return {"key": "countersign", "label": "Countersign", "people": [appraisal.countersigner]}
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
