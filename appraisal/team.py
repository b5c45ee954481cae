"""Appraisal's column on the line manager's team page (leadership.team): each report's latest appraisal."""

from django.urls import reverse

from appraisal import access
from leadership.team import Cell


def appraisal_cells(user, people) -> dict[int, Cell]:
    """Each report's latest appraisal; a report with none in an open cycle can have one started."""
    latest = list(access.appraisals(user).filter(appraisee__in=people).select_related("cycle")
                  .order_by("appraisee_id", "-cycle__opens_on", "-id").distinct("appraisee_id"))
    cells = {a.appraisee_id: Cell(f"{a.get_state_display()} ({a.cycle.name})",
                                  reverse("appraisal:appraisal_detail", args=[a.public_id])) for a in latest}
    # Direct reports share the manager's organisation, so one look at its open cycles serves all.
    open_cycle_ids = set(access.open_cycles_to_start(user, people[0]).values_list("id", flat=True)) \
        if people else set()
    if open_cycle_ids:
        in_open_cycle = {a.appraisee_id for a in latest if a.cycle_id in open_cycle_ids}
        for person in people:
            if person.id not in in_open_cycle:  # none yet, or only last year's
                cells[person.id] = Cell("Start their appraisal", reverse(
                    "appraisal:report_appraisal_start", args=[person.public_id]))
    return cells
