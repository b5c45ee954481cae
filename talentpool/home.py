"""The talent pool's parts of the home to-do list (leadership.todo) and the team page (leadership.team)."""

from datetime import timedelta

from django.urls import reverse

from leadership.dates import uk_today
from leadership.team import Cell
from leadership.todo import Todo
from talentpool import access
from talentpool.models import PoolMembership, TalentReview

CONTRACT_NOTICE = timedelta(days=30)  # a contract's assessment joins the list a month before it is due


def talent_todos(user) -> list[Todo]:
    """Nominations to decide and talent reviews to close (HR admins); contract assessments due (national)."""
    waiting = (access.home_pool_members(user)
               .filter(status__in=[PoolMembership.Status.NOMINATED, PoolMembership.Status.UNDER_REVIEW])
               .select_related("person", "pool").order_by("created_at"))
    items = [Todo(f"Decide on {m.person.full_name}'s nomination to the {m.pool.name}",
                  reverse("talentpool:membership_detail", args=[m.public_id])) for m in waiting]
    reviews = access.talent_reviews(user).filter(status=TalentReview.Status.OPEN).order_by("held_on")
    items += [Todo(f"Record the decision of the talent review “{r.title}”",
                   reverse("talentpool:review_detail", args=[r.public_id]), r.held_on) for r in reviews]
    due = (access.senior_contracts(user).filter(next_assessment_due__lte=uk_today() + CONTRACT_NOTICE)
           .select_related("person").order_by("next_assessment_due"))
    items += [Todo(f"Assess {c.person.full_name}'s very senior manager contract", reverse(
        "talentpool:contract_detail", args=[c.public_id]), c.next_assessment_due) for c in due]
    return items


def pool_status_cells(user, people) -> dict[int, Cell]:
    """Each report's open pool membership, if the user may see it."""
    memberships = (access.pool_members(user)
                   .filter(person__in=people, status__in=PoolMembership.OPEN_STATUSES)
                   .select_related("pool").order_by("person_id", "-created_at"))
    cells = {}
    for m in memberships:
        cells.setdefault(m.person_id, Cell(f"{m.get_status_display()}: {m.pool.name}",
                                           reverse("talentpool:membership_detail", args=[m.public_id])))
    return cells
