"""Training's parts of the home to-do list (leadership.todo) and the team page (leadership.team)."""

from django.db.models import Count
from django.urls import reverse

from leadership.dates import uk_today
from leadership.team import Cell
from leadership.todo import Todo
from training import access
from training.models import Enrolment


def enrolment_todos(user) -> list[Todo]:
    """Places the user decides (a report's request, or their organisation's as HR admin)."""
    waiting = (access.decidable_enrolments(user).filter(status=Enrolment.Status.REQUESTED)
               .select_related("person", "run__course").order_by("run__starts_on"))
    return [Todo(f"Decide on {e.person.full_name}'s place on {e.run.course.title}",
                 reverse("training:enrolment_decide", args=[e.public_id]), e.run.starts_on) for e in waiting]


def training_this_year_cells(user, people) -> dict[int, Cell]:
    """How many trainings each report finished this calendar year; links to their records."""
    year_start = uk_today().replace(month=1, day=1)
    counted = (access.training_records(user).filter(person__in=people, on__gte=year_start)
               .values("person_id").annotate(n=Count("id")))
    done = {row["person_id"]: row["n"] for row in counted}
    return {person.id: Cell(f"{done.get(person.id, 0)} this year", reverse(
        "training:person_training", args=[person.public_id])) for person in people}
