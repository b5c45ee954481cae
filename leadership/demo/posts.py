"""The posts of a demo trust: its directorates, each with posts at every management level, and names."""

from dataclasses import dataclass
from typing import NamedTuple

from leadership.models import ManagementLevel, SectorBackground, StaffGroup

# Short names keep the data tables below readable.
L = ManagementLevel
G = StaffGroup


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
