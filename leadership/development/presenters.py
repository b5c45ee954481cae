"""Display values for development pages, so templates hold no logic."""

from leadership.models import Action, Scale

SCALE_LABELS = dict(Scale.choices)
ACTION_TAGS = {
    Action.Status.NOT_STARTED: "nhsuk-tag--grey",
    Action.Status.IN_PROGRESS: "nhsuk-tag--blue",
    Action.Status.DONE: "nhsuk-tag--green",
    Action.Status.DROPPED: "nhsuk-tag--white",
}


def rating_label(value) -> str:
    if value is None:
        return "Not rated"
    whole = int(value)
    if value == whole:
        return f"{whole} – {SCALE_LABELS[whole]}"
    return f"{value:.2f}"


def gap_row(row) -> dict:
    gap = row.gap
    return {
        "competency": row.competency.name,
        "expected": rating_label(row.expected),
        "self": rating_label(row.self_rating),
        "manager": rating_label(row.manager_rating),
        "feedback_360": rating_label(row.feedback_360),
        "gap": "No ratings yet" if gap is None else (f"{gap} below" if gap > 0 else "Meets or exceeds"),
        "tag_class": "nhsuk-tag--orange" if row.below_expected else "nhsuk-tag--green",
        "below": row.below_expected,
    }


def action_row(action) -> dict:
    return {"action": action, "status": action.get_status_display(),
            "tag_class": ACTION_TAGS.get(action.status, ""),
            "link": ("need" if action.need_id else "course" if action.course_id
                     else "objective" if action.objective_id else "")}


def check_in_row(check_in, today) -> dict:
    if check_in.recorded:
        label, tag = "Recorded", "nhsuk-tag--green"
    elif check_in.due_on < today:
        label, tag = "Overdue", "nhsuk-tag--red"
    elif check_in.due_on == today:
        label, tag = "Due today", "nhsuk-tag--orange"
    else:
        label, tag = "Upcoming", "nhsuk-tag--grey"
    return {"check_in": check_in, "label": label, "tag_class": tag}


def pathway_position(position) -> dict:
    """A pathway for the page: its steps with the person's place, and the next step's needs."""
    current_order = position.current_step.order if position.current_step else None
    next_order = position.next_step.order if position.next_step else None
    return {
        "name": position.pathway.name,
        "description": position.pathway.description,
        "steps": [{"title": s.title, "level": s.get_management_level_display(),
                   "here": s.order == current_order, "next": s.order == next_order}
                  for s in position.steps],
        "next_title": position.next_step.title if position.next_step else "",
        "at_top": position.current_step is not None and position.next_step is None,
        "needs": [{
            "name": need.competency.name,
            "required": Scale(need.required).label,
            "current": "Not yet rated" if need.current is None else f"{need.current}",
            "status": ("Not yet rated" if need.shortfall is None
                       else "Met" if need.shortfall == 0 else f"{need.shortfall} below"),
            "tag": ("nhsuk-tag--grey" if need.shortfall is None
                    else "nhsuk-tag--green" if need.shortfall == 0 else "nhsuk-tag--orange"),
        } for need in position.needs],
        "met": position.met, "total": len(position.needs), "unrated": position.unrated,
    }
