"""Reads shared by communications' pages, API, exports and tasks."""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from communications.models import BoardPost, BoardThread, Broadcast, BroadcastReceipt, PostEndorsement
from leadership import disclosure
from leadership.models import Organisation, Person


def audience(broadcast: Broadcast) -> QuerySet[Person]:
    """The people a broadcast is for who can read it: active staff with a login, in its audience."""
    people = Person.objects.filter(active=True, user__isnull=False)
    if not broadcast.everyone:
        people = people.filter(organisation_id__in=broadcast.reach.values("id"))
    if broadcast.management_levels:
        people = people.filter(management_level__in=broadcast.management_levels)
    if broadcast.commissioner_roles:
        people = people.filter(commissioner_roles__overlap=broadcast.commissioner_roles)
    return people


@dataclass(frozen=True)
class Rate:
    """One organisation's read and acknowledgement figures, as this viewer may see them."""

    organisation: Organisation
    audience: int
    read: int
    acknowledged: int
    read_hidden: disclosure.Hidden | None
    acknowledged_hidden: disclosure.Hidden | None
    needs_acknowledgement: bool

    @staticmethod
    def _percent(count: int, out_of: int, hidden) -> str:
        if hidden is not None:
            return disclosure.shown("", hidden)
        return f"{round(100 * count / out_of)}%" if out_of else "No one to read it"

    @property
    def read_rate(self) -> str:
        return self._percent(self.read, self.audience, self.read_hidden)

    @property
    def acknowledged_rate(self) -> str:
        return self._percent(self.acknowledged, self.audience, self.acknowledged_hidden)

    def as_api(self) -> dict:
        def figure(count, hidden):
            return None if hidden is not None else count

        return {
            "organisation": self.organisation.ods_code,
            "audience": figure(self.audience, None),
            "read": figure(self.read, self.read_hidden),
            "acknowledged": figure(self.acknowledged, self.acknowledged_hidden)
            if self.needs_acknowledgement
            else None,
            "read_hidden": self.read_hidden,
            "acknowledged_hidden": self.acknowledged_hidden,
        }


# Audience sizes of many broadcasts by organisation, in one query: the SQL of selectors.audience.
_AUDIENCE_SIZES = """
    SELECT b.id, p.organisation_id, count(*)
    FROM communications_broadcast b
    JOIN leadership_person p ON (b.everyone OR p.organisation_id IN (
            SELECT r.organisation_id FROM communications_broadcast_reach r WHERE r.broadcast_id = b.id))
        AND (cardinality(b.management_levels) = 0 OR p.management_level = ANY(b.management_levels))
        AND (cardinality(b.commissioner_roles) = 0 OR p.commissioner_roles && b.commissioner_roles)
    WHERE b.id = ANY(%s) AND p.active AND p.user_id IS NOT NULL {organisations}
    GROUP BY b.id, p.organisation_id
"""


def rates_by_broadcast(broadcasts, *, organisation_ids, exact_ids) -> dict[int, list[Rate]]:
    """Read and acknowledgement rates per organisation (in `organisation_ids`, None for all) of each
    broadcast, with the small-number rule outside the employer (leadership/disclosure.py). Three
    queries, whatever the number of broadcasts."""
    broadcasts = list(broadcasts)
    ids = [b.id for b in broadcasts]
    if not ids:
        return {}
    params: list = [ids]
    where = ""
    if organisation_ids is not None:
        where, params = "AND p.organisation_id = ANY(%s)", [ids, list(organisation_ids)]
    with connection.cursor() as cursor:
        cursor.execute(_AUDIENCE_SIZES.format(organisations=where), params)
        sizes = {(b, o): n for b, o, n in cursor.fetchall()}
    receipts = BroadcastReceipt.objects.filter(broadcast_id__in=ids)
    if organisation_ids is not None:
        receipts = receipts.filter(organisation_id__in=organisation_ids)
    counts = {
        (r["broadcast_id"], r["organisation_id"]): r
        for r in receipts.values("broadcast_id", "organisation_id")
        .annotate(read=Count("id"), acknowledged=Count("id", filter=Q(acknowledged_at__isnull=False)))
        .order_by()
    }
    organisations = Organisation.objects.in_bulk({o for _, o in sizes})
    found: dict[int, list[Rate]] = {b.id: [] for b in broadcasts}
    by_id = {b.id: b for b in broadcasts}
    for (broadcast_id, organisation_id), size in sorted(
        sizes.items(), key=lambda item: (item[0][0], organisations[item[0][1]].name)
    ):
        row = counts.get((broadcast_id, organisation_id), {"read": 0, "acknowledged": 0})
        read, acknowledged = min(row["read"], size), min(row["acknowledged"], size)
        exact = organisation_id in exact_ids
        found[broadcast_id].append(
            Rate(
                organisation=organisations[organisation_id],
                audience=size,
                read=read,
                acknowledged=acknowledged,
                read_hidden=disclosure.suppress(read, exact=exact, out_of=size),
                acknowledged_hidden=disclosure.suppress(acknowledged, exact=exact, out_of=size),
                needs_acknowledgement=by_id[broadcast_id].needs_acknowledgement,
            )
        )
    return found


def broadcast_rates(broadcast: Broadcast, *, organisation_ids, exact_ids) -> list[Rate]:
    return rates_by_broadcast([broadcast], organisation_ids=organisation_ids, exact_ids=exact_ids)[
        broadcast.id
    ]


def with_my_receipt(broadcasts: QuerySet[Broadcast], person: Person | None) -> QuerySet[Broadcast]:
    """Each broadcast with `is_read` and `is_acknowledged` for the person (one query for the page)."""
    if person is None:
        return broadcasts.annotate(is_read=Q(pk__in=[]), is_acknowledged=Q(pk__in=[]))
    mine = BroadcastReceipt.objects.filter(broadcast=OuterRef("pk"), person=person)
    return broadcasts.annotate(
        is_read=Exists(mine), is_acknowledged=Exists(mine.filter(acknowledged_at__isnull=False))
    )


def threads_search(
    threads: QuerySet[BoardThread], *, query: str = "", tag: str = "", board=None
) -> QuerySet[BoardThread]:
    """Threads by board, tag and words (English stemming: "appraisals" finds "appraisal")."""
    if board is not None:
        threads = threads.filter(board=board)
    if tag:
        threads = threads.filter(tags__contains=[tag.strip().lower()])
    threads = threads.select_related("board", "author_organisation").annotate(
        reply_count=Count(
            "posts", filter=Q(posts__is_opening=False, posts__hidden_at__isnull=True), distinct=True
        )
    )
    if query.strip():
        search = SearchQuery(query.strip(), config="english", search_type="websearch")
        matching = BoardPost.objects.filter(search_vector=search, hidden_at__isnull=True)
        rank = (
            BoardPost.objects.filter(thread=OuterRef("pk"), search_vector=search, hidden_at__isnull=True)
            .annotate(r=SearchRank(F("search_vector"), search))
            .order_by("-r")
            .values("r")[:1]
        )
        return (
            threads.filter(id__in=matching.values("thread_id"))
            .annotate(rank=rank)
            .order_by("-rank", "-last_post_at")
        )
    return threads.order_by("-last_post_at", "-id")


def thread_posts(thread: BoardThread, user) -> list[BoardPost]:
    """The thread's posts with endorsement counts and whether the user endorsed each (one query)."""
    mine = PostEndorsement.objects.filter(post=OuterRef("pk"), user_id=user.pk)
    return list(
        thread.posts.select_related("author_organisation", "author__person")
        .annotate(endorsement_count=Count("endorsements"), endorsed_by_me=Exists(mine))
        .order_by("created_at", "id")
    )
