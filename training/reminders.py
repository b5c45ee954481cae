"""Accreditation reminders: each education lead is told once when a provider's accreditation is
within 60 days of lapsing.

Beat runs `accreditation_reminders_send` daily; the notification's unique key makes a second run a
no-op, and a missed day is caught up by the next one, since every provider inside the window is
considered.
"""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from leadership.notifications import notify
from training import access
from training.models import Provider

ACCREDITATION_WARNING_DAYS = 60


def accreditation_reminders_send(*, today: date | None = None) -> int:
    today = today or timezone.localdate()
    window_end = today + timedelta(days=ACCREDITATION_WARNING_DAYS)
    expiring = Provider.objects.accredited_on(today).filter(accredited_until__lte=window_end)
    leads = list(access.education_lead_users())
    sent = 0
    for provider in expiring:
        for lead in leads:
            created = notify(
                recipient=lead,
                kind="training",
                key=f"training:provider:{provider.public_id}:until:{provider.accredited_until}:60-days"
                f":user:{lead.public_id}",
                title=f"{provider.name}'s accreditation lapses after {provider.accredited_until:%d %B %Y}",
                body="Renew or review the accreditation before then, or its courses will show a warning.",
                link=reverse("training:provider_detail", args=[provider.public_id]),
            )
            sent += created is not None
    return sent
