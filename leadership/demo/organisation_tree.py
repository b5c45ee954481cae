"""The demo organisations: NHS England's shape (national bodies, regions, ICBs, CCGs, trusts).

Generated from a fixed seed, so every run names the same organisations with the same ODS codes.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from leadership.models import OrganisationKind

SEED = 2015
DEMO_ICB, DEMO_ACUTE_TRUST, DEMO_COMMUNITY_TRUST = "QDM", "RDM", "RDN"
NATIONAL_OFFICE, TRAINING_BODY = "X24", "T1H"
DISSOLVED_2022 = date(2022, 7, 1)  # CCGs, Monitor and the TDA (Health and Care Act 2022)
K = OrganisationKind  # a short name keeps the data tables below readable


@dataclass(frozen=True)
class OrgSpec:
    ods_code: str
    name: str
    kind: str
    parent: str | None = None
    successor: str | None = None
    dissolved_on: date | None = None


NATIONAL_BODIES = (
    OrgSpec(NATIONAL_OFFICE, "NHS England", K.NATIONAL_BODY),
    OrgSpec(TRAINING_BODY, "Health Education England", K.TRAINING_BODY, parent=NATIONAL_OFFICE),
    OrgSpec("T1L", "NHS Leadership Academy", K.TRAINING_BODY, parent=TRAINING_BODY),
    OrgSpec("X1C", "Care Quality Commission", K.NATIONAL_BODY),
    # Merged into NHS England by the Health and Care Act 2022 (R13: merged bodies keep a successor).
    OrgSpec("X1M", "Monitor", K.NATIONAL_BODY, successor=NATIONAL_OFFICE,
            dissolved_on=DISSOLVED_2022),
    OrgSpec("X1T", "NHS Trust Development Authority", K.NATIONAL_BODY, successor=NATIONAL_OFFICE,
            dissolved_on=DISSOLVED_2022),
)

# (code, name, ICBs, CCGs dissolved in 2022, trusts): 42 ICBs, 106 CCGs, 200 trusts in all.
REGIONS = (
    ("Y56", "London", 5, 5, 34),
    ("Y58", "South West", 7, 9, 24),
    ("Y59", "South East", 6, 13, 30),
    ("Y60", "Midlands", 11, 22, 38),
    ("Y61", "East of England", 6, 11, 24),
    ("Y62", "North West", 3, 24, 28),
    ("Y63", "North East and Yorkshire", 4, 22, 22),
)
DEMO_REGION = "Y60"

PLACE_STARTS = (
    "Ash", "Alder", "Bar", "Beck", "Birch", "Black", "Bram", "Brook", "Burn", "Cal", "Castle",
    "Clay", "Cold", "Crow", "Dun", "East", "Elm", "Fair", "Fern", "Glen", "Green", "Hal", "Hart",
    "Hay", "Holm", "Kings", "Lang", "Lark", "Mar", "Mill", "Nor", "Oak", "Pen", "Red", "Rose",
    "Sand", "Shaw", "Stan", "Thorn", "Wes", "Whit", "Wil", "Wood", "Wyn",
)
PLACE_ENDS = (
    "bury", "by", "caster", "combe", "dale", "den", "field", "ford", "gate", "ham", "hurst", "ley",
    "mere", "minster", "mouth", "stead", "stow", "thorpe", "ton", "wick", "worth", "bridge",
)
TRUST_NAMES = (  # (pattern, kind, weight)
    ("{0} Hospitals NHS Foundation Trust", K.FOUNDATION_TRUST, 6),
    ("{0} University Hospitals NHS Foundation Trust", K.FOUNDATION_TRUST, 3),
    ("{0} and {1} Hospitals NHS Trust", K.NHS_TRUST, 4),
    ("{0} General Hospital NHS Trust", K.NHS_TRUST, 2),
    ("{0} Community Healthcare NHS Trust", K.NHS_TRUST, 2),
    ("{0} Partnership NHS Foundation Trust", K.FOUNDATION_TRUST, 2),
    ("{0} Mental Health NHS Foundation Trust", K.FOUNDATION_TRUST, 2),
    ("{0} Children's Hospital NHS Foundation Trust", K.FOUNDATION_TRUST, 1),
    ("{0} Ambulance Service NHS Trust", K.NHS_TRUST, 1),
)
# No I, O (read as 1, 0) or T: the test factories and fixtures use R00-R99, RT1, RT9 and QT1.
TRUST_CODE_CHARS = "ABCDEFGHJKLMNPQRSUVWXYZ"


DEMO_TRUSTS = (
    OrgSpec(DEMO_ACUTE_TRUST, "Demo Teaching Hospitals NHS Foundation Trust", K.FOUNDATION_TRUST,
            parent=DEMO_ICB),
    OrgSpec(DEMO_COMMUNITY_TRUST, "Demo Community Health NHS Trust", K.NHS_TRUST, parent=DEMO_ICB),
)


def _places(rng: random.Random) -> Iterator[str]:
    names = [start + end for start in PLACE_STARTS for end in PLACE_ENDS]
    rng.shuffle(names)
    yield from names


def organisations() -> list[OrgSpec]:
    """Every demo organisation, parents and successors before the organisations that name them."""
    rng = random.Random(SEED)
    places = _places(rng)
    trust_codes = sorted(
        {f"R{a}{b}" for a in TRUST_CODE_CHARS for b in TRUST_CODE_CHARS + "0123456789"}
        - {DEMO_ACUTE_TRUST, DEMO_COMMUNITY_TRUST}
    )
    trust_codes = iter(sorted(rng.sample(trust_codes, sum(r[4] for r in REGIONS) - 2)))
    icb_codes = iter(sorted(rng.sample(
        [f"Q{a}{d}" for a in TRUST_CODE_CHARS if a != "D" for d in "0123456789"],
        sum(r[2] for r in REGIONS) - 1,
    )))
    ccg_codes = iter(sorted(rng.sample(
        [f"{n:02d}{a}" for n in range(100) for a in TRUST_CODE_CHARS], sum(r[3] for r in REGIONS)
    )))
    patterns, kinds, weights = zip(*TRUST_NAMES, strict=True)
    regions, icbs, ccgs, trusts = [], [], [], []
    for code, name, icb_count, ccg_count, trust_count in REGIONS:
        regions.append(OrgSpec(code, f"NHS England {name}", K.REGION, parent=NATIONAL_OFFICE))
        region_icbs = []
        for _ in range(icb_count):
            if code == DEMO_REGION and not region_icbs:
                spec = OrgSpec(DEMO_ICB, "NHS Demo Integrated Care Board", K.ICB, parent=code)
            else:
                place = next(places) if rng.random() < 0.5 else f"{next(places)} and {next(places)}"
                spec = OrgSpec(next(icb_codes), f"NHS {place} Integrated Care Board", K.ICB,
                               parent=code)
            region_icbs.append(spec.ods_code)
            icbs.append(spec)
        for index in range(ccg_count):
            ccgs.append(OrgSpec(
                next(ccg_codes), f"NHS {next(places)} Clinical Commissioning Group", K.CCG,
                parent=code, successor=region_icbs[index % icb_count],
                dissolved_on=DISSOLVED_2022,
            ))
        for index in range(trust_count):
            if code == DEMO_REGION and index < 2:
                trusts.append(DEMO_TRUSTS[index])
                continue
            choice = rng.choices(range(len(patterns)), weights)[0]
            name = patterns[choice].format(next(places), next(places))
            trusts.append(OrgSpec(next(trust_codes), name, kinds[choice],
                                  parent=region_icbs[index % icb_count]))
    return [*NATIONAL_BODIES, *regions, *icbs, *ccgs, *trusts]
