"""Development's columns on the line manager's team page (leadership.team)."""

from django.db.models import Count, Max, Min, Q
from django.urls import reverse

from leadership.dates import uk_today
from leadership.development.presenters import cycle_state
from leadership.models import ActionCycle, Assessment, DevelopmentNeed
from leadership.team import Cell


def self_assessment_cells(user, people) -> dict[int, Cell]:
    """When each report last submitted a self-assessment; links to rating them as their manager."""
    submitted = (Assessment.objects.filter(person__in=people, kind=Assessment.Kind.SELF,
                                           status=Assessment.Status.SUBMITTED)
                 .values("person_id").annotate(last=Max("submitted_at")))
    dates = {row["person_id"]: row["last"] for row in submitted}
    return {person.id: Cell(f"{dates[person.id]:%d %b %Y}" if dates.get(person.id) else "Not yet",
                            reverse("development:rate_person", args=[person.public_id]))
            for person in people}


def plan_cells(user, people) -> dict[int, Cell]:
    """How many open development needs each report's plan holds; links to their development."""
    needs = DevelopmentNeed.objects.filter(plan__person__in=people, status__in=DevelopmentNeed.LIVE)
    counted = needs.values("plan__person_id").annotate(n=Count("id"))
    open_needs = {row["plan__person_id"]: row["n"] for row in counted}
    return {person.id: Cell(f"{open_needs.get(person.id, 0)} open needs",
                            reverse("development:person_development", args=[person.public_id]))
            for person in people}


def cycle_cells(user, people) -> dict[int, Cell]:
    """Each report's active 90-day cycle: its review when due or overdue (the cycle page's rule),
    otherwise its next check-in not yet recorded."""
    cycles = (ActionCycle.objects.filter(person__in=people, status=ActionCycle.Status.ACTIVE)
              .annotate(next_due=Min("check_ins__due_on", filter=Q(check_ins__recorded_at__isnull=True))))
    today = uk_today()
    return {cycle.person_id: Cell(_cycle_text(cycle, today),
                                  reverse("development:cycle_detail", args=[cycle.public_id]))
            for cycle in cycles}


def _cycle_text(cycle, today) -> str:
    state = cycle_state(cycle, today)
    if state["review_due"]:
        return state["label"]
    return f"Next check-in {cycle.next_due:%d %b %Y}" if cycle.next_due else "Every check-in recorded"
