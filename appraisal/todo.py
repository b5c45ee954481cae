"""Appraisal's part of the home to-do list (leadership.todo): appraisals whose next step is yours."""

from django.db.models import Q
from django.urls import reverse

from appraisal import access, presenters
from appraisal.models import AppraisalState
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
