"""Accreditation reminders: each education lead is told once when a provider's accreditation is
within 60 days of lapsing.

Beat runs `accreditation_reminders_send` daily; the notification's unique key makes a second run a
no-op, and a missed day is caught up by the next one, since every provider inside the window is
considered. The providers in the window and the leads become their notifications in one
INSERT ... SELECT ... ON CONFLICT (key) DO NOTHING; the send task renders and sends the emails.
"""

from datetime import date, timedelta
from uuid import UUID

from django.utils import timezone

from leadership.notification_sets import inline_sql, notify_from_select, url_sql
from training import access
from training.models import Provider

ACCREDITATION_WARNING_DAYS = 60
SAMPLE_UUID = UUID("00000000-0000-4000-8000-0000000c0de5")  # stands for each provider's id in a link

MESSAGES_SQL = """
SELECT 'training:provider:' || p.public_id || ':until:' || to_char(p.accredited_until, 'YYYY-MM-DD')
        || ':60-days:user:' || lead.public_id AS key,
    lead.id AS recipient_id, 'training' AS kind,
    p.name || '''s accreditation lapses after ' || to_char(p.accredited_until, 'DD FMMonth YYYY') AS title,
    'Renew or review the accreditation before then, or its courses will show a warning.' AS body,
    {link} AS link
FROM ({providers}) p CROSS JOIN ({leads}) lead
ORDER BY p.name, p.public_id, lead.id
"""


def accreditation_reminders_send(*, today: date | None = None) -> int:
    """Returns the notifications written."""
    today = today or timezone.localdate()
    window_end = today + timedelta(days=ACCREDITATION_WARNING_DAYS)
    expiring = (Provider.objects.accredited_on(today).filter(accredited_until__lte=window_end)
                .values("public_id", "name", "accredited_until"))
    leads = access.education_lead_users().values("id", "public_id")
    link, params = url_sql("link", "training:provider_detail", (SAMPLE_UUID, "p.public_id"))
    return notify_from_select(
        MESSAGES_SQL.format(providers=inline_sql(expiring), leads=inline_sql(leads), link=link),
        params, now=timezone.now())
