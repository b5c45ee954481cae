"""The talent sweep: beat runs it every few minutes; each part is safe to run twice or concurrently."""

from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from leadership.notifications import notify
from talentpool import access, selectors
from talentpool.models import EligibilityPrompt, SeniorContract
from talentpool.services import membership_lapse, regional_pools_ensure
from talentpool.services.shared import membership_link

CONTRACT_WARNING = timedelta(days=183)  # "6 months before a minimum term ends"


def lapse_sweep(*, today: date | None = None) -> int:
    today = today or timezone.localdate()
    lapsed = 0
    while True:
        with transaction.atomic():
            due = list(
                selectors.members_due_to_lapse(today)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("person__user", "pool")[:200]
            )
            if not due:
                return lapsed
            for membership in due:
                membership_lapse(
                    actor=None, membership=membership, source="task", today=today,
                    reason="Not reviewed for a year: membership lapsed at its annual review date.",
                )
                recipients = list(access.hr_admin_users([membership.person.organisation_id]))
                if membership.person.user_id:
                    recipients.append(membership.person.user)
                for recipient in recipients:
                    notify(
                        recipient=recipient,
                        key=f"talent:lapsed:{membership.public_id}:{recipient.public_id}",
                        kind="talent_lapsed",
                        title=f"{membership.person}'s {membership.pool} membership lapsed",
                        body="It was not reviewed for a year. An HR admin can nominate again.",
                        link=membership_link(membership),
                    )
                lapsed += 1


def eligibility_sweep() -> int:
    """Tell HR admins once when a person becomes eligible for the national pool."""
    prompted = 0
    people = list(selectors.people_newly_eligible().select_related("organisation")[:500])
    link = reverse("talentpool:nominate")
    for person in people:
        with transaction.atomic():
            _, created = EligibilityPrompt.objects.get_or_create(person=person)
            if not created:
                continue
            for admin in access.hr_admin_users([person.organisation_id]):
                notify(
                    recipient=admin,
                    key=f"talent:eligible:{person.public_id}:{admin.public_id}",
                    kind="talent_eligible",
                    title=f"{person} is eligible for the national senior pool",
                    body="They hold the accredited senior-manager qualification. Consider nominating them.",
                    link=f"{link}?person={person.public_id}",
                )
            prompted += 1
    return prompted


def contract_alert_sweep(*, today: date | None = None) -> int:
    """Alert national admins 6 months before a minimum term ends, and when an assessment is overdue."""
    today = today or timezone.localdate()
    sent = 0
    running = SeniorContract.objects.filter(ended_reason="")  # an ended contract raises no alerts
    ending = running.filter(
        minimum_term_ends_on__lte=today + CONTRACT_WARNING, minimum_term_ends_on__gte=today
    ).select_related("person")
    overdue = running.filter(next_assessment_due__lt=today).select_related("person")
    admins = list(access.national_admin_users())
    for contract in ending:
        for admin in admins:
            sent += (
                notify(
                    recipient=admin,
                    key=f"talent:contract-term:{contract.public_id}:{contract.minimum_term_ends_on}"
                    f":{admin.public_id}",
                    kind="senior_contract_term",
                    title=f"Minimum term ends {contract.minimum_term_ends_on:%-d %B %Y}: {contract.person}",
                    body=f"{contract.post}. Six months' notice of the end of the minimum term.",
                    link=reverse("talentpool:contract_detail", args=[contract.public_id]),
                )
                is not None
            )
    for contract in overdue:
        for admin in admins:
            sent += (
                notify(
                    recipient=admin,
                    key=f"talent:contract-assessment:{contract.public_id}:{contract.next_assessment_due}"
                    f":{admin.public_id}",
                    kind="senior_contract_assessment",
                    title=f"Assessment overdue: {contract.person}",
                    body=f"{contract.post}: assessment due {contract.next_assessment_due:%-d %B %Y}.",
                    link=reverse("talentpool:contract_detail", args=[contract.public_id]),
                )
                is not None
            )
    return sent


def sweep() -> dict:
    return {
        "lapsed": lapse_sweep(),
        "eligible": eligibility_sweep(),
        "contract_alerts": contract_alert_sweep(),
        "regional_pools": regional_pools_ensure(),
    }
