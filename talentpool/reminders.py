"""The talent sweep: beat runs it every few minutes; each part is safe to run twice or concurrently.

Each part works in sets: the rows due are claimed (SELECT ... FOR UPDATE SKIP LOCKED where a row
changes), changed with one statement, and told with one INSERT ... SELECT ... ON CONFLICT (key) DO
NOTHING, so a reminder's key is written once however often the sweep runs; the send task renders and
sends the emails.
"""

from datetime import date, timedelta
from uuid import UUID

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from leadership.notification_sets import fetch, inline_sql, notify_from_select, url_sql
from talentpool import access, selectors
from talentpool.services import memberships_lapse_claimed, regional_pools_ensure

CONTRACT_WARNING = timedelta(days=183)  # "6 months before a minimum term ends"
LAPSE_BATCH = 2000
ELIGIBLE_BATCH = 500
LAPSE_REASON = "Not reviewed for a year: membership lapsed at its annual review date."
SAMPLE_UUID = UUID("00000000-0000-4000-8000-0000000c0de5")  # stands for each row's id in a link

# The member and their organisation's active HR admins.
LAPSED_MESSAGES_SQL = """
SELECT 'talent:lapsed:' || m.public_id || ':' || u.public_id AS key, u.id AS recipient_id,
    'talent_lapsed' AS kind,
    p.first_name || ' ' || p.last_name || '''s ' || pool.name || ' membership lapsed' AS title,
    'It was not reviewed for a year. An HR admin can nominate again.' AS body,
    {link} AS link
FROM talentpool_poolmembership m
JOIN talentpool_talentpool pool ON pool.id = m.pool_id
JOIN leadership_person p ON p.id = m.person_id
JOIN LATERAL (
    SELECT g.user_id, 1 AS position FROM ({hr_admins}) g WHERE g.organisation_id = p.organisation_id
    UNION ALL SELECT p.user_id, 2
) r ON true
JOIN leadership_user u ON u.id = r.user_id AND (r.position = 2 OR u.is_active)
WHERE m.id = ANY(%(ids)s)
ORDER BY m.id, r.position, u.id
"""


def lapse_sweep(*, today: date | None = None) -> int:
    today = today or timezone.localdate()
    link, params = url_sql("link", "talentpool:membership_detail", (SAMPLE_UUID, "m.public_id"))
    messages_sql = LAPSED_MESSAGES_SQL.format(link=link, hr_admins=inline_sql(access.hr_admin_grants()))
    lapsed = 0
    while True:
        with transaction.atomic():
            ids = list(selectors.members_due_to_lapse(today).select_for_update(skip_locked=True)
                       .order_by("id").values_list("id", flat=True)[:LAPSE_BATCH])
            if not ids:
                return lapsed
            memberships_lapse_claimed(ids=ids, reason=LAPSE_REASON, source="task", today=today)
            notify_from_select(messages_sql, {**params, "ids": ids}, now=timezone.now())
            lapsed += len(ids)


PROMPT_SQL = """
INSERT INTO talentpool_eligibilityprompt (person_id, prompted_at)
SELECT id, %(now)s FROM ({people}) p
ON CONFLICT (person_id) DO NOTHING
RETURNING person_id
"""

ELIGIBLE_MESSAGES_SQL = """
SELECT 'talent:eligible:' || p.public_id || ':' || u.public_id AS key, u.id AS recipient_id,
    'talent_eligible' AS kind,
    p.first_name || ' ' || p.last_name || ' is eligible for the national senior pool' AS title,
    'They hold the accredited senior-manager qualification. Consider nominating them.' AS body,
    %(nominate)s || '?person=' || p.public_id AS link
FROM leadership_person p
JOIN ({hr_admins}) g ON g.organisation_id = p.organisation_id
JOIN leadership_user u ON u.id = g.user_id AND u.is_active
WHERE p.id = ANY(%(ids)s)
ORDER BY p.id, u.id
"""


def eligibility_sweep() -> int:
    """Tell HR admins once when a person becomes eligible for the national pool: the prompt row (one
    per person) is the exactly-once mark."""
    now = timezone.now()
    people = selectors.people_newly_eligible().order_by("id").values("id")[:ELIGIBLE_BATCH]
    with transaction.atomic():
        prompted = [person_id for (person_id,) in fetch(PROMPT_SQL.format(people=inline_sql(people)),
                                                        {"now": now})]
        if prompted:
            notify_from_select(ELIGIBLE_MESSAGES_SQL.format(hr_admins=inline_sql(access.hr_admin_grants())),
                               {"ids": prompted, "nominate": reverse("talentpool:nominate")}, now=now)
    return len(prompted)


# National admins hear of each running contract six months before its minimum term ends, and of
# each overdue assessment; the date is in the key, so a changed date is told again.
CONTRACT_MESSAGES_SQL = """
SELECT 'talent:contract-term:' || c.public_id || ':' || to_char(c.minimum_term_ends_on, 'YYYY-MM-DD') || ':'
        || a.public_id AS key, a.id AS recipient_id, 'senior_contract_term' AS kind,
    'Minimum term ends ' || to_char(c.minimum_term_ends_on, 'FMDD FMMonth YYYY') || ': '
        || p.first_name || ' ' || p.last_name AS title,
    c.post || '. Six months'' notice of the end of the minimum term.' AS body,
    {link} AS link
FROM talentpool_seniorcontract c JOIN leadership_person p ON p.id = c.person_id CROSS JOIN ({admins}) a
WHERE c.ended_reason = '' AND c.minimum_term_ends_on BETWEEN %(today)s AND %(warning_end)s
UNION ALL
SELECT 'talent:contract-assessment:' || c.public_id || ':' || to_char(c.next_assessment_due, 'YYYY-MM-DD')
        || ':' || a.public_id, a.id, 'senior_contract_assessment',
    'Assessment overdue: ' || p.first_name || ' ' || p.last_name,
    c.post || ': assessment due ' || to_char(c.next_assessment_due, 'FMDD FMMonth YYYY') || '.',
    {link}
FROM talentpool_seniorcontract c JOIN leadership_person p ON p.id = c.person_id CROSS JOIN ({admins}) a
WHERE c.ended_reason = '' AND c.next_assessment_due < %(today)s
"""


def contract_alert_sweep(*, today: date | None = None) -> int:
    """Alert national admins 6 months before a minimum term ends, and when an assessment is overdue."""
    today = today or timezone.localdate()
    link, params = url_sql("link", "talentpool:contract_detail", (SAMPLE_UUID, "c.public_id"))
    admins = inline_sql(access.national_admin_users().values("id", "public_id"))
    with transaction.atomic():
        return notify_from_select(CONTRACT_MESSAGES_SQL.format(link=link, admins=admins),
                                  {**params, "today": today, "warning_end": today + CONTRACT_WARNING},
                                  now=timezone.now())


def sweep() -> dict:
    return {
        "lapsed": lapse_sweep(),
        "eligible": eligibility_sweep(),
        "contract_alerts": contract_alert_sweep(),
        "regional_pools": regional_pools_ensure(),
    }
