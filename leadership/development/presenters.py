"""Display values for development pages, so templates hold no logic."""

from leadership.models import Action, Assessment, RaterInvitation, RaterRelationship, Scale

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
