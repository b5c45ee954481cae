"""Development's part of the home to-do list (leadership.todo)."""

from datetime import timedelta

from django.urls import reverse

from leadership import access
from leadership.dates import uk_today
from leadership.development.services import rater_token
from leadership.models import CYCLE_DAYS, ActionCycle, Assessment, CheckIn, RaterInvitation, User
from leadership.todo import Todo

CHECK_IN_NOTICE = timedelta(days=7)  # a check-in joins the list a week before it is due


def development_todos(user: User) -> list[Todo]:
    me = access.own_person(user)
    items = []
    if me is not None:
        due = CheckIn.objects.filter(cycle__person=me, cycle__status=ActionCycle.Status.ACTIVE,
                                     recorded_at__isnull=True, due_on__lte=uk_today() + CHECK_IN_NOTICE)
        items += [Todo(f"Record your day {c.day} check-in", reverse("development:check_in", args=[
            c.cycle.public_id, c.day]), c.due_on) for c in due.select_related("cycle").order_by("due_on")]
        # From day 90 the review is due; it stays on the list until done (or the cycle lapses).
        review = ActionCycle.objects.filter(person=me, status=ActionCycle.Status.ACTIVE,
                                            starts_on__lte=uk_today() - timedelta(days=CYCLE_DAYS)).first()
        if review is not None:
            overdue = uk_today() >= review.review_overdue_on
            items.append(Todo(f"Review your 90-day cycle{' (overdue)' if overdue else ''}",
                              reverse("development:cycle_review", args=[review.public_id]), review.ends_on))
        asked = RaterInvitation.objects.filter(
            rater=me, answered_at__isnull=True, assessment__status=Assessment.Status.DRAFT,
            approval__in=RaterInvitation.SENDABLE,
        ).select_related("assessment__person")
        items += [Todo(f"Give 360 feedback to {i.assessment.person.full_name}",
                       reverse("development:rater_form", args=[rater_token(i)])) for i in asked]
        commented = CheckIn.objects.filter(cycle__person__line_manager=me, recorded_at__isnull=False,
                                           commented_at__isnull=True, cycle__status=ActionCycle.Status.ACTIVE)
        items += [Todo(f"Comment on {c.cycle.person.full_name}'s day {c.day} check-in", reverse(
            "development:check_in", args=[c.cycle.public_id, c.day]), c.due_on)
            for c in commented.select_related("cycle__person")]
    approvals = access.rater_approvals(user).count()
    if approvals:
        items.append(Todo(f"Approve outside 360 raters ({approvals} waiting)",
                          reverse("development:rater_approvals")))
    return items
