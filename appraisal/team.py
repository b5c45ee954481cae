"""Appraisal's column on the line manager's team page (leadership.team): each report's latest appraisal."""

from django.urls import reverse

from appraisal import access
from leadership.team import Cell


def appraisal_cells(user, people) -> dict[int, Cell]:
    latest = (access.appraisals(user).filter(appraisee__in=people).select_related("cycle")
              .order_by("appraisee_id", "-cycle__opens_on", "-id").distinct("appraisee_id"))
    return {a.appraisee_id: Cell(f"{a.get_state_display()} ({a.cycle.name})",
                                 reverse("appraisal:appraisal_detail", args=[a.public_id])) for a in latest}
