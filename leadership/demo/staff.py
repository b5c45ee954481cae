"""The demo staff: six fully staffed trusts, a chief executive in every other trust, and the
synthetic extra people `seed_demo --people N` adds at scale."""

import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from leadership.demo.organisation_tree import (
    DEMO_ACUTE_TRUST,
    DEMO_COMMUNITY_TRUST,
    SEED,
    K,
    OrgSpec,
    organisations,
)
from leadership.demo.posts import (
    ACUTE_DIRECTORATES,
    COMMUNITY_DIRECTORATES,
    FIRST_NAMES,
    LAST_NAMES,
    LEVEL_BANDS,
    SECTORS,
    TEAM_SUPPORT,
    A,
    L,
    M,
    Post,
)
from leadership.models import SectorBackground

EXTRA_PREFIX = "X"  # employee numbers of the people --people adds: X0000001, X0000002, ...


@dataclass(frozen=True)
class PersonSpec:
    ods_code: str
    employee_number: str
    first_name: str
    last_name: str
    work_email: str
    job_title: str
    management_level: str
    band: str
    staff_group: str
    professional_registration: str
    sector_background: str
    manager: str | None  # the line manager's employee number, in the same organisation


def _registration(rng: random.Random, kind: str) -> str:
    if kind == "NMC":
        return f"{rng.randint(0, 99):02d}{rng.choice('ABCDEFGHIJKL')}{rng.randint(0, 9999):04d}E"
    if kind == "GMC":
        return str(rng.randint(3000000, 7999999))
    if kind.startswith("HCPC:"):
        return f"{kind[5:]}{rng.randint(1, 199999):06d}"
    return ""


def _band(rng: random.Random, post: Post, level: str) -> str:
    if level == L.EXECUTIVE:
        return "vsm"
    if post.group == M:
        return "non_afc"  # doctors are paid outside Agenda for Change
    return rng.choice(post.bands or LEVEL_BANDS[level])


class _Roster:
    """The people of one trust, in an order where every line manager comes before their reports."""

    def __init__(self, rng: random.Random, ods_code: str):
        self.rng, self.ods_code, self.people = rng, ods_code, []
        self._emails: set[str] = set()

    def add(self, post: Post, level: str, manager: PersonSpec | None, *, band: str = "",
            sector_odds: float = 0.06, sector: str = "") -> PersonSpec:
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        local = f"{first}.{last}".lower().replace("'", "")
        email, suffix = local, 1
        while email in self._emails:
            suffix += 1
            email = f"{local}{suffix}"
        self._emails.add(email)
        if not sector:
            sector = rng.choice(SECTORS) if rng.random() < sector_odds else SectorBackground.NHS
        person = PersonSpec(
            self.ods_code, f"{SEED}{len(self.people) + 1:04d}", first, last,
            f"{email}@{self.ods_code.lower()}.demo.nhs.uk", post.title, level,
            band or _band(rng, post, level), post.group, _registration(rng, post.registration),
            sector, manager.employee_number if manager else None,
        )
        self.people.append(person)
        return person


def _staffed_trust(rng: random.Random, ods_code: str, size: int, community: bool) -> list[PersonSpec]:
    """A whole trust: board, executives, then senior, middle and first-line managers and staff."""
    roster = _Roster(rng, ods_code)
    chair = roster.add(Post("Chair", A), L.BOARD, None, band="non_afc", sector_odds=0.8)
    for _ in range(4):
        roster.add(Post("Non-executive Director", A), L.BOARD, chair, band="non_afc",
                   sector_odds=0.75)
    chief = roster.add(Post("Chief Executive", A), L.BOARD, chair, band="vsm")
    roster.add(Post("Trust Board Secretary", A), L.SENIOR, chief, band="8c")
    roster.add(Post("Executive Assistant to the Chief Executive", A), L.NONE, chief, band="5")
    directorates = COMMUNITY_DIRECTORATES if community else ACUTE_DIRECTORATES
    executives = [roster.add(d.executive, L.EXECUTIVE, chief, sector_odds=0.15)
                  for d in directorates]
    # Every directorate gets one senior manager first, then the larger ones get more.
    order = [i for rank in range(max(d.weight for d in directorates))
             for i, d in enumerate(directorates) if d.weight > rank]
    n_senior = max(len(directorates), round(size / 55))
    n_middle = max(n_senior, round(size / 28))
    n_first = max(n_middle, round(size / 9))
    seniors, middles, firsts = [], [], []
    per_directorate: Counter = Counter()

    def post(kind: str, d: int) -> Post:
        posts = getattr(directorates[d], kind)
        per_directorate[kind, d] += 1
        return posts[(per_directorate[kind, d] - 1) % len(posts)]

    for i in range(n_senior):
        d = order[i % len(order)]
        seniors.append((d, roster.add(post("senior", d), L.SENIOR, executives[d], sector_odds=0.1)))
    for i in range(n_middle):
        d, boss = seniors[i % n_senior]
        middles.append((d, roster.add(post("middle", d), L.MIDDLE, boss, sector_odds=0.1)))
    for i in range(n_first):
        d, boss = middles[i % n_middle]
        firsts.append((d, roster.add(post("first_line", d), L.FIRST_LINE, boss)))
    for _, boss in middles:
        roster.add(TEAM_SUPPORT, L.NONE, boss)
    i = 0
    while len(roster.people) < size:
        d, boss = firsts[i % n_first]
        roster.add(rng.choice(directorates[d].staff), L.NONE, boss)
        i += 1
    return roster.people


# Fully staffed trusts (ODS code, or region for "the region's first trust") and their sizes.
STAFFED_TRUSTS = ((DEMO_ACUTE_TRUST, 600), (DEMO_COMMUNITY_TRUST, 300), ("Y56", 220),
                  ("Y58", 220), ("Y62", 220), ("Y63", 220))


def people(orgs: list[OrgSpec] | None = None) -> list[PersonSpec]:
    """The base set: six staffed trusts (RDM and RDN among them) and a chief executive everywhere."""
    orgs = orgs if orgs is not None else organisations()
    rng = random.Random(SEED)
    trusts = [o for o in orgs if o.kind in (K.NHS_TRUST, K.FOUNDATION_TRUST)]
    region_of_icb = {o.ods_code: o.parent for o in orgs if o.kind == K.ICB}
    staffed = {}
    for key, size in STAFFED_TRUSTS:
        trust = next(t for t in trusts if key in (t.ods_code, region_of_icb[t.parent]))
        staffed[trust.ods_code] = size
    result = []
    for trust in trusts:
        if trust.ods_code in staffed:
            result += _staffed_trust(rng, trust.ods_code, staffed[trust.ods_code],
                                     community="Community" in trust.name)
        else:
            roster = _Roster(rng, trust.ods_code)
            roster.add(Post("Chief Executive", A), L.BOARD, None, band="vsm")
            result += roster.people
    return result


# The extra people (--people N) --------------------------------------------------------------


def _leader_depth(leader: int) -> int:
    depth = 1
    while leader:
        leader, depth = (leader - 1) // 5, depth + 1
    return depth


EXTRA_LEVELS = {1: (L.SENIOR, "senior"), 2: (L.MIDDLE, "middle"), 3: (L.MIDDLE, "middle")}
EXTRA_POSTS = {kind: [p for d in ACUTE_DIRECTORATES for p in getattr(d, kind)]
               for kind in ("senior", "middle", "first_line", "staff")}
TEAM_SIZE, LEADER_SPAN = 11, 5


def extra_people(trusts: list[tuple[str, str | None]], count: int) -> Iterator[PersonSpec]:
    """`count` more people, dealt round the trusts in turn, each trust's share forming a tree.

    trusts holds (ODS code, chief executive's employee number). Person i is the same whatever the
    count, so a larger count extends a smaller one. In each trust the first extra person is a
    divisional director under the chief executive; after that come teams of eleven, whose first
    member leads the other ten and reports to an earlier team leader (five teams to a leader).
    """
    rng = random.Random(f"{SEED}:extra-people")
    width = len(trusts)

    def number(trust: int, k: int) -> str:
        return f"{EXTRA_PREFIX}{k * width + trust + 1:07d}"

    for i in range(count):
        trust, k = i % width, i // width
        ods_code, chief = trusts[trust]
        if k == 0:
            level, post, manager = L.SENIOR, Post("Divisional Director", A), chief
            band = "9"
        else:
            team, seat = divmod(k - 1, TEAM_SIZE)
            if seat:
                level, post = L.NONE, rng.choice(EXTRA_POSTS["staff"])
                manager = number(trust, team * TEAM_SIZE + 1)
            else:
                level, kind = EXTRA_LEVELS.get(_leader_depth(team), (L.FIRST_LINE, "first_line"))
                post = rng.choice(EXTRA_POSTS[kind])
                leader = (team - 1) // LEADER_SPAN
                manager = number(trust, 0 if team == 0 else leader * TEAM_SIZE + 1)
            band = _band(rng, post, level)
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        sector = rng.choice(SECTORS) if rng.random() < 0.05 else SectorBackground.NHS
        yield PersonSpec(
            ods_code, number(trust, k), first, last,
            f"{first}.{last}{i + 1}@{ods_code.lower()}.demo.nhs.uk".lower().replace("'", ""),
            post.title, level, band, post.group, _registration(rng, post.registration), sector,
            manager,
        )
