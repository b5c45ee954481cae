"""Appraisal's part of the home to-do list (leadership.todo): appraisals whose next step is yours."""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse

from appraisal import access, presenters
from appraisal.models import AppraisalState
from leadership.dates import quarter_start, uk_today
from leadership.models import User
from leadership.todo import Todo


def appraisal_todos(user: User) -> list[Todo]:
    me = access.own_person(user)
    if me is None:
        return []
    open_ones = (access.appraisals(user)
                 .filter(Q(appraisee=me) | Q(appraiser=me) | Q(countersigner=me))
                 .exclude(state__in=[AppraisalState.COUNTERSIGNED, AppraisalState.WITHDRAWN])
                 .select_related("appraisee", "appraiser", "countersigner", "cycle"))
    items = []
    for appraisal in open_ones:
        step = presenters.next_step(appraisal)
        if step is None or me not in step["people"]:
            continue
        whose = "your" if appraisal.appraisee_id == me.id else f"{appraisal.appraisee.full_name}'s"
        items.append(Todo(f"{step['label']}: {whose} appraisal ({appraisal.cycle.name})",
                          reverse("appraisal:appraisal_detail", args=[appraisal.public_id]),
                          appraisal.cycle.closes_on))
    return items


def scorecard_todos(user: User) -> list[Todo]:
    """Board secretaries keep their organisation's scorecard for the board: this quarter's, due at its end."""
    today = uk_today()
    start = quarter_start(today)
    ends_on = quarter_start(start.replace(day=28) + timedelta(days=95)) - timedelta(days=1)
    return [Todo(f"Bring {organisation.name}'s organisational scorecard up to date for the board",
                 reverse("appraisal:scorecard", args=[organisation.ods_code]), ends_on)
            for organisation in access.board_secretary_organisations(user).order_by("name")]
