"""The demo data set: NHS England's shape in synthetic organisations, people and one login per role.

Everything is generated from fixed seeds, so every run builds the same rows. Seeding writes only
the rows that are missing (keyed by ODS code, employee number and email), so a second run changes
nothing and records no audit events. People go in through PostgreSQL COPY into a staging table and
one INSERT ... SELECT, so the audit triggers still fire, under the "command" audit context.
"""

import io
import random
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from leadership import services
from leadership.access import MFA_ROLES
from leadership.audit import audit_context
from leadership.models import (
    ManagementLevel,
    Organisation,
    OrganisationKind,
    Person,
    Role,
    SectorBackground,
    StaffGroup,
    User,
)
from leadership.security import has_mfa

SEED = 2015
DEMO_PASSWORD = "Leadership-Demo-2026!"  # noqa: S105 - published for the demo; refused in production
# The demo administrators' TOTP secret, published so they can sign in (`manage.py demo_totp`).
DEMO_TOTP_SECRET = "NHSLEADERSHIPDEMOSECRETTOTPABCDE"  # noqa: S105 - published for the demo
DEMO_ICB, DEMO_ACUTE_TRUST, DEMO_COMMUNITY_TRUST = "QDM", "RDM", "RDN"
NATIONAL_OFFICE, TRAINING_BODY = "X24", "T1H"
DISSOLVED_2022 = date(2022, 7, 1)  # CCGs, Monitor and the TDA (Health and Care Act 2022)
EXTRA_PREFIX = "X"  # employee numbers of the people --people adds: X0000001, X0000002, ...
# Short names keep the data tables below readable.
K = OrganisationKind
L = ManagementLevel
G = StaffGroup

# --------------------------------------------------------------------------------- organisations


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


# ---------------------------------------------------------------------------------------- people


class Post(NamedTuple):
    title: str
    group: str
    registration: str = ""  # NMC, GMC or HCPC:<prefix>
    bands: tuple[str, ...] = ()  # for staff posts; managers take their level's bands


@dataclass(frozen=True)
class Directorate:
    executive: Post
    weight: int
    senior: tuple[Post, ...]
    middle: tuple[Post, ...]
    first_line: tuple[Post, ...]
    staff: tuple[Post, ...]


N, A, M, C = G.NURSING_MIDWIFERY, G.ADMIN_CLERICAL, G.MEDICAL_DENTAL, G.ADDITIONAL_CLINICAL
NURSING = Directorate(
    Post("Chief Nurse", N, "NMC"), 4,
    (Post("Deputy Chief Nurse", N, "NMC"), Post("Head of Nursing for Surgery", N, "NMC"),
     Post("Head of Nursing for Medicine", N, "NMC"), Post("Head of Midwifery", N, "NMC")),
    (Post("Matron", N, "NMC"), Post("Lead Nurse for Infection Prevention", N, "NMC"),
     Post("Matron for Emergency Care", N, "NMC"), Post("Lead Midwife", N, "NMC")),
    (Post("Ward Manager", N, "NMC"), Post("Ward Sister", N, "NMC"), Post("Charge Nurse", N, "NMC"),
     Post("Delivery Suite Coordinator", N, "NMC")),
    (Post("Staff Nurse", N, "NMC", ("5",)), Post("Staff Nurse", N, "NMC", ("5",)),
     Post("Senior Staff Nurse", N, "NMC", ("6",)), Post("Midwife", N, "NMC", ("5", "6")),
     Post("Nursing Associate", N, "NMC", ("4",)), Post("Healthcare Assistant", C, "", ("2", "3")),
     Post("Healthcare Assistant", C, "", ("2", "3")), Post("Ward Clerk", A, "", ("2", "3"))),
)
COMMUNITY_NURSING = Directorate(
    Post("Director of Nursing and Quality", N, "NMC"), 4,
    (Post("Deputy Director of Nursing", N, "NMC"), Post("Head of Community Nursing", N, "NMC"),
     Post("Head of Children's Services", N, "NMC")),
    (Post("Locality Manager", N, "NMC"), Post("Lead Nurse for Safeguarding", N, "NMC"),
     Post("Community Matron", N, "NMC")),
    (Post("District Nursing Team Leader", N, "NMC"), Post("Health Visiting Team Leader", N, "NMC"),
     Post("School Nursing Team Leader", N, "NMC")),
    (Post("Community Staff Nurse", N, "NMC", ("5",)), Post("District Nurse", N, "NMC", ("6",)),
     Post("Health Visitor", N, "NMC", ("6",)), Post("Community Nursing Assistant", C, "", ("3",)),
     Post("Healthcare Support Worker", C, "", ("2", "3")), Post("Team Administrator", A, "", ("3",))),
)
OPERATIONS = Directorate(
    Post("Chief Operating Officer", A), 3,
    (Post("Divisional Director of Operations", A), Post("Deputy Chief Operating Officer", A),
     Post("Head of Therapies", G.AHP, "HCPC:PH")),
    (Post("General Manager", A), Post("Service Manager", A), Post("Radiology Services Manager",
     G.AHP, "HCPC:RA"), Post("Pathology Services Manager", G.HEALTHCARE_SCIENTISTS, "HCPC:BS")),
    (Post("Team Leader", A), Post("Lead Physiotherapist", G.AHP, "HCPC:PH"),
     Post("Superintendent Radiographer", G.AHP, "HCPC:RA"), Post("Outpatients Manager", A),
     Post("Lead Biomedical Scientist", G.HEALTHCARE_SCIENTISTS, "HCPC:BS")),
    (Post("Physiotherapist", G.AHP, "HCPC:PH", ("5", "6")),
     Post("Occupational Therapist", G.AHP, "HCPC:OT", ("5", "6")),
     Post("Diagnostic Radiographer", G.AHP, "HCPC:RA", ("5", "6")),
     Post("Speech and Language Therapist", G.AHP, "HCPC:SL", ("5", "6")),
     Post("Biomedical Scientist", G.HEALTHCARE_SCIENTISTS, "HCPC:BS", ("5", "6")),
     Post("Pharmacy Technician", G.SCIENTIFIC, "", ("4", "5")),
     Post("Therapy Assistant", C, "", ("3", "4")), Post("Medical Secretary", A, "", ("3", "4")),
     Post("Receptionist", A, "", ("2", "3")), Post("Patient Pathway Coordinator", A, "", ("4",))),
)
MEDICAL = Directorate(
    Post("Medical Director", M, "GMC"), 2,
    (Post("Associate Medical Director", M, "GMC"), Post("Clinical Director for Surgery", M, "GMC"),
     Post("Clinical Director for Medicine", M, "GMC")),
    (Post("Clinical Lead for Emergency Medicine", M, "GMC"), Post("Director of Medical Education",
     M, "GMC"), Post("Clinical Lead for Cardiology", M, "GMC")),
    (Post("Consultant and Rota Lead", M, "GMC"), Post("Consultant Physician", M, "GMC"),
     Post("Consultant Surgeon", M, "GMC")),
    (Post("Specialty Doctor", M, "GMC"), Post("Specialty Registrar", M, "GMC"),
     Post("Foundation Year 2 Doctor", M, "GMC"), Post("Medical Secretary", A, "", ("4",))),
)
FINANCE = Directorate(
    Post("Chief Finance Officer", A), 1,
    (Post("Deputy Director of Finance", A), Post("Head of Procurement", A)),
    (Post("Financial Controller", A), Post("Head of Financial Management", A),
     Post("Costing Manager", A)),
    (Post("Management Accountant", A), Post("Payroll Team Leader", A)),
    (Post("Finance Officer", A, "", ("4", "5")), Post("Accounts Payable Assistant", A, "", ("3",)),
     Post("Procurement Officer", A, "", ("4", "5")), Post("Payroll Officer", A, "", ("3", "4"))),
)
PEOPLE = Directorate(
    Post("Chief People Officer", A), 1,
    (Post("Deputy Director of People", A), Post("Head of Organisational Development", A)),
    (Post("HR Business Partner", A), Post("Head of Education and Training", A),
     Post("Recruitment Manager", A)),
    (Post("Senior HR Adviser", A), Post("Practice Education Facilitator", N, "NMC"),
     Post("Health and Wellbeing Lead", A)),
    (Post("HR Adviser", A, "", ("5",)), Post("Recruitment Officer", A, "", ("4",)),
     Post("HR Administrator", A, "", ("3",)), Post("Learning and Development Coordinator", A, "",
     ("4",))),
)
ESTATES = Directorate(
    Post("Director of Estates and Facilities", G.ESTATES), 1,
    (Post("Head of Estates", G.ESTATES), Post("Head of Facilities", G.ESTATES)),
    (Post("Estates Operations Manager", G.ESTATES), Post("Catering Manager", G.ESTATES),
     Post("Domestic Services Manager", G.ESTATES)),
    (Post("Maintenance Supervisor", G.ESTATES), Post("Domestic Supervisor", G.ESTATES),
     Post("Portering Supervisor", G.ESTATES)),
    (Post("Porter", G.ESTATES, "", ("2",)), Post("Domestic Assistant", G.ESTATES, "", ("2",)),
     Post("Electrician", G.ESTATES, "", ("4", "5")), Post("Catering Assistant", G.ESTATES, "",
     ("2",)), Post("Maintenance Technician", G.ESTATES, "", ("4",))),
)
DIGITAL = Directorate(
    Post("Director of Strategy and Digital", A), 1,
    (Post("Head of Digital Services", A), Post("Head of Information Governance", A)),
    (Post("Business Intelligence Manager", A), Post("IT Service Desk Manager", A),
     Post("Programme Manager", A)),
    (Post("Lead Data Analyst", A), Post("Infrastructure Team Leader", A), Post("Project Manager", A)),
    (Post("Data Analyst", A, "", ("5", "6")), Post("IT Support Analyst", A, "", ("4", "5")),
     Post("Clinical Coder", A, "", ("4",)), Post("Project Support Officer", A, "", ("4",))),
)
ACUTE_DIRECTORATES = (NURSING, OPERATIONS, MEDICAL, FINANCE, PEOPLE, ESTATES, DIGITAL)
COMMUNITY_DIRECTORATES = (COMMUNITY_NURSING, OPERATIONS, MEDICAL, FINANCE, PEOPLE, DIGITAL)
LEVEL_BANDS = {
    L.FIRST_LINE: ("7",), L.MIDDLE: ("8a", "8b"), L.SENIOR: ("8c", "8d", "9"),
    L.EXECUTIVE: ("vsm",),
}
TEAM_SUPPORT = Post("Team Administrator", A, "", ("3", "4"))

FIRST_NAMES = (
    "Aisha", "Alice", "Amelia", "Amir", "Andrew", "Anna", "Arjun", "Ben", "Bethany", "Callum",
    "Charlotte", "Chloe", "Chinedu", "Claire", "Daniel", "David", "Deborah", "Eilidh", "Eleanor",
    "Emily", "Emma", "Ewan", "Fatima", "Fiona", "Gareth", "Grace", "Hannah", "Harry", "Hassan",
    "Helen", "Imran", "Isla", "Jack", "James", "Jasmine", "Jennifer", "Joanne", "John", "Joseph",
    "Joshua", "Karen", "Katie", "Kwame", "Laura", "Leah", "Liam", "Lucy", "Mark", "Martin",
    "Mary", "Matthew", "Megan", "Mohammed", "Nadia", "Natalie", "Neil", "Nicola", "Noah", "Oliver",
    "Olivia", "Oluwaseun", "Owen", "Paul", "Priya", "Rachel", "Rebecca", "Rhys", "Richard", "Rosa",
    "Ruth", "Ryan", "Samuel", "Sarah", "Sean", "Siobhan", "Sophie", "Stephen", "Susan", "Thomas",
    "Tomasz", "Victoria", "Wei", "William", "Yasmin", "Zainab", "Zoe",
)
LAST_NAMES = (
    "Adams", "Ahmed", "Ali", "Allen", "Anderson", "Bailey", "Baker", "Banerjee", "Begum", "Bell",
    "Bennett", "Brown", "Campbell", "Carter", "Chen", "Clarke", "Collins", "Cooper", "Davies",
    "Edwards", "Evans", "Fisher", "Fletcher", "Graham", "Green", "Griffiths", "Hall", "Harris",
    "Hughes", "Hussain", "Jackson", "James", "Johnson", "Jones", "Kaur", "Kelly", "Khan", "King",
    "Kowalski", "Lee", "Lewis", "Lloyd", "Marshall", "Martin", "Mensah", "Mitchell", "Moore",
    "Morgan", "Murphy", "Nguyen", "Nowak", "O'Brien", "Okafor", "Owen", "Parker", "Patel",
    "Phillips", "Price", "Rahman", "Reid", "Richards", "Roberts", "Robinson", "Scott", "Shah",
    "Singh", "Smith", "Stewart", "Taylor", "Thomas", "Thompson", "Turner", "Walker", "Ward",
    "Watson", "White", "Williams", "Wilson", "Wood", "Wright", "Young",
)
SECTORS = (SectorBackground.OTHER_PUBLIC, SectorBackground.PRIVATE, SectorBackground.THIRD_SECTOR)


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


# ---------------------------------------------------------------------------------------- logins


@dataclass(frozen=True)
class LoginSpec:
    email: str
    role: str | None
    ods_code: str
    is_staff: bool = False
    person: PersonSpec | None = None


def _demo_manager(base: list[PersonSpec]) -> PersonSpec:
    """An RDM middle manager with at least four reports, some of whom manage people themselves."""
    trust = [p for p in base if p.ods_code == DEMO_ACUTE_TRUST]
    reports: dict[str, list[PersonSpec]] = {}
    for person in trust:
        reports.setdefault(person.manager, []).append(person)
    candidates = [
        p for p in trust if p.management_level == L.MIDDLE
        and len(reports.get(p.employee_number, ())) >= 4
        and any(r.employee_number in reports for r in reports[p.employee_number])
        and p.job_title != "HR Business Partner"
    ]
    return candidates[0]


def logins(base: list[PersonSpec] | None = None) -> list[LoginSpec]:
    """One demo login for every role, linked to a person where the role belongs to staff."""
    base = base if base is not None else people()

    def first(ods_code: str, title: str) -> PersonSpec:
        return next(p for p in base if p.ods_code == ods_code and p.job_title == title)

    return [
        LoginSpec("national.admin@demo.nhs.uk", Role.NATIONAL_ADMIN, NATIONAL_OFFICE, is_staff=True),
        LoginSpec("education.lead@demo.nhs.uk", Role.EDUCATION_LEAD, TRAINING_BODY),
        LoginSpec("hr.admin@demo.nhs.uk", Role.HR_ADMIN, DEMO_ACUTE_TRUST,
                  person=first(DEMO_ACUTE_TRUST, "HR Business Partner")),
        LoginSpec("board.secretary@demo.nhs.uk", Role.BOARD_SECRETARY, DEMO_ACUTE_TRUST,
                  person=first(DEMO_ACUTE_TRUST, "Trust Board Secretary")),
        LoginSpec("icb.viewer@demo.nhs.uk", Role.FOOTPRINT_VIEWER, DEMO_ICB),
        LoginSpec("manager@demo.nhs.uk", None, DEMO_ACUTE_TRUST, person=_demo_manager(base)),
        LoginSpec("other.hr.admin@demo.nhs.uk", Role.HR_ADMIN, DEMO_COMMUNITY_TRUST,
                  person=first(DEMO_COMMUNITY_TRUST, "HR Business Partner")),
    ]


# ------------------------------------------------------------------------------ extra people


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


# ------------------------------------------------------------------------------------- writing

STAGE_COLUMNS = ("organisation_id", "employee_number", "first_name", "last_name", "work_email",
                 "job_title", "management_level", "band", "staff_group",
                 "professional_registration", "sector_background", "manager", "user_id")
COPY_CHUNK = 50_000


def _copy_lines(people: Iterable[PersonSpec], org_ids: dict[str, int],
                user_ids: dict[str, int]) -> Iterator[str]:
    for p in people:
        user_id = user_ids.get(f"{p.ods_code}/{p.employee_number}")
        yield (
            f"{org_ids[p.ods_code]}\t{p.employee_number}\t{p.first_name}\t{p.last_name}\t"
            f"{p.work_email}\t{p.job_title}\t{p.management_level}\t{p.band}\t{p.staff_group}\t"
            f"{p.professional_registration}\t{p.sector_background}\t{p.manager or chr(92) + 'N'}\t"
            f"{user_id if user_id else chr(92) + 'N'}\n"
        )


def _person_insert_sql() -> tuple[str, list]:
    """INSERT ... SELECT from the staging table, naming every column of leadership_person."""
    known = {
        "id": "s.id", "public_id": "gen_random_uuid()", "created_at": "%s", "updated_at": "%s",
        "line_manager_id": "COALESCE(m.id, existing.id)",
        **{c: f"s.{c}" for c in STAGE_COLUMNS if c != "manager"},
    }
    now = timezone.now()
    columns, values, params = [], [], []
    for f in Person._meta.concrete_fields:
        columns.append(connection.ops.quote_name(f.column))
        if f.column in known:
            values.append(known[f.column])
            params += [now] if known[f.column] == "%s" else []
        else:  # a column added later: its model default
            values.append("%s")
            params.append(f.get_db_prep_save(f.get_default(), connection))
    # Column names come from the model's own fields; values are expressions or parameters.
    sql = (
        f"INSERT INTO leadership_person ({', '.join(columns)}) SELECT {', '.join(values)} "  # noqa: S608
        "FROM demo_person_stage s "
        "LEFT JOIN demo_person_stage m ON m.organisation_id = s.organisation_id "
        "AND m.employee_number = s.manager "
        "LEFT JOIN leadership_person existing ON existing.organisation_id = s.organisation_id "
        "AND existing.employee_number = s.manager ORDER BY s.id"
    )
    return sql, params


def insert_people(people: Iterable[PersonSpec], org_ids: dict[str, int],
                  user_ids: dict[str, int] | None = None) -> int:
    """COPY people into a staging table, then insert those not already there. Returns the count.

    Ids come from the person sequence before the insert, so each line manager is set in the same
    INSERT (one audit event per person, no follow-up UPDATE). Call inside a transaction.
    """
    lines = _copy_lines(people, org_ids, user_ids or {})
    with connection.cursor() as cursor:
        cursor.execute("LOCK TABLE leadership_person IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(
            "CREATE TEMPORARY TABLE demo_person_stage (id bigint, organisation_id bigint, "
            "employee_number text, first_name text, last_name text, work_email text, "
            "job_title text, management_level text, band text, staff_group text, "
            "professional_registration text, sector_background text, manager text, "
            "user_id bigint) ON COMMIT DROP"
        )
        copy_sql = f"COPY demo_person_stage ({', '.join(STAGE_COLUMNS)}) FROM STDIN"
        while chunk := [line for _, line in zip(range(COPY_CHUNK), lines, strict=False)]:
            cursor.cursor.copy_expert(copy_sql, io.StringIO("".join(chunk)))
        cursor.execute("ANALYZE demo_person_stage")
        cursor.execute(
            "DELETE FROM demo_person_stage s USING leadership_person p "
            "WHERE p.organisation_id = s.organisation_id AND p.employee_number = s.employee_number"
        )
        cursor.execute("SELECT count(*) FROM demo_person_stage")
        (count,) = cursor.fetchone()
        if count:
            # "Ignore no trigger", in pgtrigger's own format: with the setting present, each audit
            # trigger skips the raise-and-roll-back path it takes when the setting is unset. All
            # triggers still fire and every event is written; the insert runs about 4x faster.
            cursor.execute("SELECT set_config('pgtrigger.ignore', '{}', true)")
            cursor.execute("UPDATE demo_person_stage SET id = "
                           "nextval(pg_get_serial_sequence('leadership_person', 'id'))")
            cursor.execute(*_person_insert_sql())
        cursor.execute("DROP TABLE demo_person_stage")
    return count


def _ensure_organisations(specs: list[OrgSpec]) -> tuple[dict[str, int], int]:
    ids = dict(Organisation.objects.filter(ods_code__in=[s.ods_code for s in specs])
               .values_list("ods_code", "id"))
    missing = [s for s in specs if s.ods_code not in ids]
    added = len(missing)
    while missing:  # each wave's parents and successors exist before it is inserted
        ready = [s for s in missing if all(r is None or r in ids for r in (s.parent, s.successor))]
        if not ready:
            raise ValueError(f"Demo organisations name unknown parents: {missing}")
        created = Organisation.objects.bulk_create(
            Organisation(ods_code=s.ods_code, name=s.name, kind=s.kind, parent_id=ids.get(s.parent),
                         successor_id=ids.get(s.successor), active=s.dissolved_on is None,
                         dissolved_on=s.dissolved_on)
            for s in ready
        )
        ids.update((o.ods_code, o.id) for o in created)
        missing = [s for s in missing if s.ods_code not in ids]
    return ids, added


def _ensure_users(specs: list[LoginSpec]) -> tuple[dict[str, User], int]:
    users = {u.email: u for u in User.objects.filter(email__in=[s.email for s in specs])}
    missing = [s for s in specs if s.email not in users]
    if missing:
        password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow by design
        for spec in missing:
            users[spec.email] = User.objects.create(email=spec.email, password=password,
                                                    is_staff=spec.is_staff)
    for user in users.values():
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
    for spec in specs:
        if spec.role in MFA_ROLES and not has_mfa(users[spec.email]):
            TOTP.activate(users[spec.email], DEMO_TOTP_SECRET)
    return users, len(missing)


def _link_people(specs: list[LoginSpec], users: dict[str, User], org_ids: dict[str, int]) -> None:
    """Link a login to its person if an earlier run created one without the other."""
    for spec in specs:
        if spec.person is None or Person.objects.filter(user=users[spec.email]).exists():
            continue
        person = Person.objects.filter(organisation_id=org_ids[spec.ods_code],
                                       employee_number=spec.person.employee_number,
                                       user__isnull=True).first()
        if person is not None:
            person.user = users[spec.email]
            person.save(update_fields=["user"])


@dataclass
class SeedReport:
    organisations_added: int = 0
    people_added: int = 0
    extra_people_added: int = 0
    logins_added: int = 0
    organisations_by_kind: dict[str, int] = field(default_factory=dict)
    people_total: int = 0
    extra_people_total: int = 0
    logins: list[LoginSpec] = field(default_factory=list)


@transaction.atomic
def seed(*, extra: int = 0) -> SeedReport:
    """Write whatever part of the demo set is missing, plus `extra` synthetic people."""
    report = SeedReport()
    orgs = organisations()
    base = people(orgs)
    report.logins = logins(base)
    with audit_context(actor=None, source="command"):
        org_ids, report.organisations_added = _ensure_organisations(orgs)
        users, report.logins_added = _ensure_users(report.logins)
        user_ids = {f"{s.ods_code}/{s.person.employee_number}": users[s.email].pk
                    for s in report.logins if s.person is not None}
        report.people_added = insert_people(base, org_ids, user_ids)
        _link_people(report.logins, users, org_ids)
        role_orgs = Organisation.objects.in_bulk(
            [s.ods_code for s in report.logins if s.role], field_name="ods_code")
        for spec in report.logins:
            if spec.role is not None:
                services.role_assign(actor=None, user=users[spec.email],
                                     organisation=role_orgs[spec.ods_code], role=spec.role)
        if extra:
            chiefs = {p.ods_code: p.employee_number for p in base if p.job_title == "Chief Executive"}
            trusts = sorted((o.ods_code, chiefs.get(o.ods_code)) for o in orgs
                            if o.kind in (K.NHS_TRUST, K.FOUNDATION_TRUST))
            report.extra_people_added = insert_people(extra_people(trusts, extra), org_ids)
    report.organisations_by_kind = dict(
        Organisation.objects.filter(ods_code__in=org_ids).order_by()
        .values_list("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
    demo_people = Person.objects.filter(organisation_id__in=org_ids.values())
    report.people_total = demo_people.count()
    report.extra_people_total = demo_people.filter(
        employee_number__startswith=EXTRA_PREFIX).count()
    return report
