"""Display values for development pages, so templates hold no logic."""

from leadership.models import (
    Action,
    ActionCycle,
    Assessment,
    DevelopmentNeed,
    RaterInvitation,
    RaterRelationship,
    Scale,
)

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
        "local": row.competency.organisation_id is not None,  # the organisation's own, beside the national
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
        "public_id": position.pathway.public_id,
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


# 360 feedback ------------------------------------------------------------------------------------

GROUP_LABELS = {
    RaterRelationship.PEER: "Peers",
    RaterRelationship.REPORT: "Direct reports",
    RaterRelationship.OTHER: "Others",
}
APPROVAL_TAGS = {
    RaterInvitation.Approval.NOT_NEEDED: "nhsuk-tag--blue",
    RaterInvitation.Approval.PENDING: "nhsuk-tag--orange",
    RaterInvitation.Approval.APPROVED: "nhsuk-tag--blue",
    RaterInvitation.Approval.DECLINED: "nhsuk-tag--grey",
}


def rater_label(person) -> str:
    """A picker result shows a name and an organisation, nothing else."""
    return f"{person.full_name}, {person.organisation.name}"


def outside_rater_label(email: str) -> str:
    return f"{email} (not on the NHS staff record: your line manager must approve it before it is sent)"


def invited_message(invitation) -> str:
    who = invitation.rater.full_name if invitation.rater_id else invitation.email
    if invitation.approval == RaterInvitation.Approval.PENDING:
        return f"{who} is invited once your line manager approves."
    return f"{who} is invited by email."


def _invitation_row(invitation) -> dict:
    who = invitation.rater.full_name if invitation.rater_id else invitation.email
    if invitation.approval in RaterInvitation.SENDABLE:
        status = "Invited" if invitation.email_sent_at else "Sending"
    else:
        status = invitation.get_approval_display()
    return {"who": who, "relationship": invitation.get_relationship_display(), "status": status,
            "tag_class": APPROVAL_TAGS.get(invitation.approval, "")}


def round_summary(assessment, owner: bool = False) -> dict:
    """A 360 round for a page. Its raters (never who answered) only for the person running it."""
    released = assessment.status == Assessment.Status.SUBMITTED
    if released:
        state = f"Results released {assessment.submitted_at:%d %B %Y} from {assessment.rater_count} raters"
    elif assessment.closed_at:
        state = f"Closed {assessment.closed_at:%d %B %Y} with too few answers: no results"
    else:
        state = "Open: collecting answers"
    summary = {"round": assessment, "released": released, "open": assessment.closed_at is None,
               "state": state, "opened": f"{assessment.created_at:%d %B %Y}"}
    if owner:
        invitations = list(assessment.invitations.select_related("rater"))
        summary["invitations"] = [_invitation_row(i) for i in invitations]
        summary["answered"] = sum(1 for i in invitations if i.answered_at)  # a count, never who
    return summary


def closed_message(assessment) -> str:
    if assessment.status == Assessment.Status.SUBMITTED:
        return f"The round is closed and its results are released ({assessment.rater_count} raters)."
    return (f"The round is closed. Fewer than {Assessment.MIN_RATERS} raters answered, so no results are "
            "released and their answers are discarded.")


def group_headings(groups) -> list[str]:
    return [f"{GROUP_LABELS.get(g, g)} ({n})" for g, n in groups]


def feedback_row(row, groups) -> dict:
    return {"competency": row.competency.name, "combined": rating_label(row.combined),
            "groups": [rating_label(row.groups.get(g)) for g, _ in groups]}


def approval_row(invitation) -> dict:
    return {"invitation": invitation, "person": invitation.assessment.person.full_name,
            "email": invitation.email, "relationship": invitation.get_relationship_display()}


def decided_message(invitation, approve: bool) -> str:
    if approve:
        return f"{invitation.email} is approved and gets the invitation by email."
    return f"{invitation.email} is declined and gets nothing."


# Rounds and their trend --------------------------------------------------------------------------

KIND_SHORT = {Assessment.Kind.SELF: "Self", Assessment.Kind.LINE_MANAGER: "Line manager",
              Assessment.Kind.FEEDBACK_360: "360"}
# NHS identity colours, each with a marker shape too, so the series differ without colour.
SERIES = {
    Assessment.Kind.SELF: ("#005eb8", "circle"),
    Assessment.Kind.LINE_MANAGER: ("#007f3b", "square"),
    Assessment.Kind.FEEDBACK_360: ("#330072", "diamond"),
}
CHART_WIDTH, CHART_HEIGHT, CHART_LEFT, CHART_TOP, CHART_BOTTOM, CHART_RIGHT = 320, 150, 92, 12, 30, 12


def round_label(assessment) -> str:
    return f"{KIND_SHORT[assessment.kind]}, round {assessment.round_number}"


def _y(level) -> float:
    plot = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    return round(CHART_TOP + (4 - float(level)) * plot / 3, 1)


def _x(index: int, count: int) -> float:
    plot = CHART_WIDTH - CHART_LEFT - CHART_RIGHT
    return round(CHART_LEFT + (plot / 2 if count == 1 else index * plot / (count - 1)), 1)


def _marker(shape: str, x: float, y: float) -> dict:
    return {"shape": shape, "x": x, "y": y, "x0": round(x - 4, 1), "y0": round(y - 4, 1),
            "diamond": f"{x},{y - 5} {x + 5},{y} {x},{y + 5} {x - 5},{y}"}


def trend_chart(trend) -> dict:
    """The gap view's trend: per competency, an SVG line per kind of assessment over the rounds and
    the same figures as a table (the chart is an image of the table)."""
    count = len(trend.rounds)
    columns = [{"label": round_label(a), "date": f"{a.submitted_at:%b %Y}", "x": _x(i, count)}
               for i, a in enumerate(trend.rounds)]
    competencies = []
    for competency, levels in trend.rows:
        series = []
        for kind, (colour, shape) in SERIES.items():
            points = [(i, level) for i, (a, level) in enumerate(zip(trend.rounds, levels, strict=True))
                      if a.kind == kind and level is not None]
            if points:
                dots = [{**_marker(shape, _x(i, count), _y(level)),
                         "title": f"{round_label(trend.rounds[i])}: {rating_label(level)}"}
                        for i, level in points]
                series.append({"kind": KIND_SHORT[kind], "colour": colour, "shape": shape, "dots": dots,
                               "points": " ".join(f"{d['x']},{d['y']}" for d in dots)})
        competencies.append({
            "code": competency.code, "name": competency.name, "series": series,
            "rows": [{"round": col["label"], "date": col["date"], "level": rating_label(level)}
                     for col, level in zip(columns, levels, strict=True)],
        })
    gridlines = [{"y": _y(level), "label": f"{level} {SCALE_LABELS[level]}"} for level in (1, 2, 3, 4)]
    return {"columns": columns, "competencies": competencies, "gridlines": gridlines,
            "width": CHART_WIDTH, "height": CHART_HEIGHT, "left": CHART_LEFT,
            "right": CHART_WIDTH - CHART_RIGHT, "axis_y": CHART_HEIGHT - CHART_BOTTOM + 18,
            "legend": [{"kind": KIND_SHORT[k], "colour": c, "shape": s} for k, (c, s) in SERIES.items()]}


def round_row(assessment) -> dict:
    submitted = assessment.status == Assessment.Status.SUBMITTED
    when = f"submitted {assessment.submitted_at:%-d %B %Y}" if submitted else "draft: not submitted yet"
    return {"label": f"Round {assessment.round_number}", "state": when,
            "framework": f"framework version {assessment.framework.version}"}


# Needs, the plan and the cycle's review --------------------------------------------------------------

NEED_TAGS = {
    DevelopmentNeed.Status.OPEN: "nhsuk-tag--blue",
    DevelopmentNeed.Status.MET: "nhsuk-tag--green",
    DevelopmentNeed.Status.DROPPED: "nhsuk-tag--grey",
    DevelopmentNeed.Status.CARRIED_OVER: "nhsuk-tag--yellow",
}


def need_row(need) -> dict:
    changed = ""
    if need.status_changed_at and need.status != DevelopmentNeed.Status.OPEN:
        changed = f"{need.get_status_display()} on {need.status_changed_at:%-d %B %Y}"
    return {"need": need, "status": need.get_status_display(), "tag_class": NEED_TAGS.get(need.status, ""),
            "changed": changed, "live": need.status in DevelopmentNeed.LIVE}


def cycle_state(cycle, today) -> dict:
    """Active, review due (from day 90), review overdue (14 days on), or closed."""
    if cycle.status != ActionCycle.Status.ACTIVE:
        return {"label": cycle.get_status_display(), "tag_class": "nhsuk-tag--grey", "review_due": False}
    if today >= cycle.review_overdue_on:
        return {"label": "Review overdue", "tag_class": "nhsuk-tag--red", "review_due": True}
    if today >= cycle.ends_on:
        return {"label": "Review due", "tag_class": "nhsuk-tag--orange", "review_due": True}
    return {"label": f"Active: day {(today - cycle.starts_on).days}", "tag_class": "nhsuk-tag--blue",
            "review_due": False}


def action_link(action, courses_by_id: dict) -> str:
    """What an action is linked to, in words: its need, its course (name and next run) or objective."""
    if action.need_id:
        return f"Need: {action.need.description[:40]}"
    if action.course_id:
        course = courses_by_id.get(action.course_id)
        return f"Course: {course.label}" if course else "A course no longer in the catalogue"
    if action.objective_id:
        return "An appraisal objective"
    return "Nothing"
