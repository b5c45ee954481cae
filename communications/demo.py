"""Demo broadcasts (one of each category, a cascade, a trust's own) and board threads. `seed()` is
idempotent: seed_demo calls it after the people and logins exist."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from communications import services
from communications.models import Board, BoardPost, BoardThread, Broadcast, BroadcastCategory, PostReport
from leadership.demo.organisation_tree import DEMO_ACUTE_TRUST, DEMO_REGION
from leadership.models import ManagementLevel, Organisation, OrganisationKind, Person, User

NATIONAL_ADMIN, HR_ADMIN, MANAGER = (
    "national.admin@demo.nhs.uk",
    "hr.admin@demo.nhs.uk",
    "manager@demo.nhs.uk",
)
MANAGERS = [
    ManagementLevel.FIRST_LINE,
    ManagementLevel.MIDDLE,
    ManagementLevel.SENIOR,
    ManagementLevel.EXECUTIVE,
    ManagementLevel.BOARD,
]

NATIONAL = [
    (
        BroadcastCategory.NEWS,
        "The leadership portal is live across the NHS",
        "Every trust, ICB and national body can now use the portal. **Tell your teams.**",
        {"everyone": True},
    ),
    (
        BroadcastCategory.GOOD_NEWS,
        "Graduate scheme intake doubles",
        "This year's intake to the graduate management training scheme is twice last year's.",
        {"organisation_kinds": [OrganisationKind.NHS_TRUST, OrganisationKind.FOUNDATION_TRUST]},
    ),
    (
        BroadcastCategory.LESS_GOOD_NEWS,
        "Appraisal completion fell last quarter",
        "Fewer appraisals were completed on time. See the *dashboards* for your trust's figures.",
        {
            "organisation_kinds": [
                OrganisationKind.NHS_TRUST,
                OrganisationKind.FOUNDATION_TRUST,
                OrganisationKind.ICB,
            ]
        },
    ),
    (
        BroadcastCategory.BEST_PRACTICE,
        "Rota planning that frees a day a week",
        "One trust in the region cut rota admin by a fifth:\n\n"
        "1. one rota tool\n2. weekly sign-off\n3. no paper",
        {"region": True},
    ),
    (
        BroadcastCategory.ACTION_REQUIRED,
        "Confirm your team's mandatory training is up to date",
        "Every line manager: check your team's training records and confirm by acknowledging this broadcast.",
        {
            "organisation_kinds": [OrganisationKind.NHS_TRUST, OrganisationKind.FOUNDATION_TRUST],
            "management_levels": MANAGERS,
        },
    ),
]

THREADS = [
    (
        "engaging-the-team",
        "How do you run appraisals for night staff?",
        "Our night teams miss their appraisal slots. What has worked for you?",
        ["appraisal", "rota"],
        [
            "We hold appraisals at handover once a month, with cover booked ahead.",
            "An early-morning slot before the shift ends works for us.",
        ],
    ),
    (
        "reducing-bureaucracy",
        "Cutting duplicate data returns",
        "We found three returns asking for the same vacancy figures. Here is how we merged them.",
        ["data returns"],
        ["Thank you: we did the same with the workforce return."],
    ),
    (
        "inspiring-shared-purpose",
        "Sharing the trust's values at induction",
        "A ten-minute values story at every induction has changed how new starters talk about the trust.",
        ["values", "induction"],
        [],
    ),
]


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


@transaction.atomic
def seed() -> dict:
    services.boards_ensure()
    national_admin, hr_admin = _user(NATIONAL_ADMIN), _user(HR_ADMIN)
    if national_admin is None or hr_admin is None:
        return {"broadcasts": 0, "threads": 0, "reports": 0}
    national_body = Organisation.objects.get(id=national_admin.role_assignments.first().organisation_id)
    trust = Organisation.objects.get(ods_code=DEMO_ACUTE_TRUST)
    now = timezone.now()
    sent = 0
    for index, (category, title, body, audience) in enumerate(NATIONAL):
        if Broadcast.objects.filter(title=title, cascade_of__isnull=True).exists():
            continue
        audience = dict(audience)
        if audience.pop("region", False):
            audience["regions"] = list(Organisation.objects.filter(ods_code=DEMO_REGION))
        services.broadcast_send(
            actor=national_admin,
            sender_organisation=national_body,
            title=title,
            body=body,
            category=category,
            publish_at=now - timedelta(days=index + 1),
            expires_at=now + timedelta(days=60),
            **audience,
        )
        sent += 1
    action = Broadcast.objects.get(title=NATIONAL[-1][1], cascade_of__isnull=True)
    if not action.cascades.filter(sender_organisation=trust).exists():
        services.broadcast_cascade(
            actor=hr_admin,
            broadcast=action,
            organisation=trust,
            local_note="Our deadline is Friday: your ward manager can help.",
        )
        sent += 1
    local_title = "Staff car park closed for resurfacing"
    if not Broadcast.objects.filter(title=local_title).exists():
        services.broadcast_send(
            actor=hr_admin,
            sender_organisation=trust,
            title=local_title,
            body="The staff car park is closed next weekend. Use the park and ride.",
            category=BroadcastCategory.NEWS,
            publish_at=now - timedelta(hours=2),
        )
        sent += 1
    for person in Person.objects.filter(organisation=trust, user__isnull=False).exclude(user__email=MANAGER)[
        :3
    ]:
        services.broadcast_mark_read(actor=person.user, broadcast=action)
    threads = _threads(national_admin, hr_admin)
    return {"broadcasts": sent, "threads": threads, "reports": _report()}


def _threads(national_admin: User, hr_admin: User) -> int:
    authors = [u for u in (_user(MANAGER), hr_admin, _user("board.secretary@demo.nhs.uk")) if u is not None]
    added = 0
    for index, (slug, title, body, tags, replies) in enumerate(THREADS):
        if BoardThread.objects.filter(title=title).exists():
            continue
        author = authors[index % len(authors)]
        thread = services.thread_create(
            actor=author, board=Board.objects.get(slug=slug), title=title, body=body, tags=tags
        )
        posts = [
            services.reply_create(actor=authors[(index + n + 1) % len(authors)], thread=thread, body=reply)
            for n, reply in enumerate(replies)
        ]
        if posts:
            services.answer_accept(actor=author, post=posts[0])
            if posts[0].author_id != national_admin.pk:
                services.post_endorse(actor=national_admin, post=posts[0])
        added += 1
    return added


REPORT_REASON = "This names a colleague's rota problems: please check it is fine to leave up."


def _report() -> int:
    """One reply reported by a reader and waiting for a moderator, so the moderation queue shows its
    work (reported once: the report stays open until a moderator hides or restores the post)."""
    reporter = _user("board.secretary@demo.nhs.uk")
    post = (BoardPost.objects.filter(thread__title=THREADS[0][1], is_opening=False).exclude(author=reporter)
            .order_by("id").first())
    if reporter is None or post is None or PostReport.objects.filter(post=post, reporter=reporter).exists():
        return 0
    services.post_report(actor=reporter, post=post, reason=REPORT_REASON)
    return 1
