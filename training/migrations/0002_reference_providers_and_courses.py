"""Reference data: the providers of the review (R4, R5) and core courses, incl. the R8 qualification.

Accreditation dates are illustrative and editable by education leads; a re-run changes nothing.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

PROVIDERS = [
    {"name": "NHS Leadership Academy", "kind": "nhs", "accreditation_status": "accredited",
     "accrediting_body": "Health Education England (NHS England)", "accredited_from": date(2024, 4, 1),
     "accredited_until": date(2027, 3, 31), "website": "https://www.leadershipacademy.nhs.uk/"},
    {"name": "NHS Staff College", "kind": "nhs", "accreditation_status": "accredited",
     "accrediting_body": "Health Education England (NHS England)", "accredited_from": date(2024, 4, 1),
     "accredited_until": date(2027, 3, 31), "website": ""},
    {"name": "University of Northshire Business School", "kind": "university",
     "accreditation_status": "accredited", "accrediting_body": "Chartered Management Institute",
     "accredited_from": date(2023, 9, 1), "accredited_until": date(2026, 8, 31), "website": ""},
    {"name": "Meridian Leadership Partners Ltd", "kind": "private", "accreditation_status": "nominated",
     "accrediting_body": "", "accredited_from": None, "accredited_until": None, "website": ""},
    {"name": "Community Leaders Trust", "kind": "third_sector", "accreditation_status": "pending",
     "accrediting_body": "", "accredited_from": None, "accredited_until": None, "website": ""},
]

COURSES = [
    {"code": "senior-management-qualification", "provider": "NHS Leadership Academy",
     "title": "Accredited senior management qualification",
     "summary": "The national qualification for senior leaders: a consistent standard across the NHS (R8).",
     "topics": ["leadership", "appraisal", "motivation", "negotiation"],
     "levels": ["senior", "executive"], "cross_functional": True, "mode": "blended", "hours": Decimal("120"),
     "cost": Decimal("4500"), "qualification": "Accredited senior management qualification",
     "senior_qualification": True,
     "competency_codes": ["hlm-inspiring-shared-purpose", "hlm-sharing-the-vision", "hlm-holding-to-account",
                          "hlm-influencing-for-results"]},
    {"code": "appraisal-skills", "provider": "NHS Staff College", "title": "Appraisal skills for appraisers",
     "summary": "Holding balanced-scorecard appraisals well: required before appraising others (R11).",
     "topics": ["appraisal_skills", "appraisal"], "levels": ["first_line", "middle", "senior", "executive"],
     "cross_functional": True, "mode": "online", "hours": Decimal("6"), "cost": Decimal("0"),
     "qualification": "", "senior_qualification": False,
     "competency_codes": ["basics-appraisal", "hlm-holding-to-account", "hlm-developing-capability"]},
    {"code": "management-basics", "provider": "NHS Leadership Academy",
     "title": "Management basics: leading a team",
     "summary": "Appraisal, motivation, negotiation and leadership for new first-line leaders (R3).",
     "topics": ["appraisal", "motivation", "negotiation", "leadership"], "levels": ["first_line"],
     "cross_functional": True, "mode": "face_to_face", "hours": Decimal("21"), "cost": Decimal("350"),
     "qualification": "", "senior_qualification": False,
     "competency_codes": ["basics-appraisal", "basics-motivation", "basics-negotiation", "basics-leadership",
                          "hlm-engaging-the-team"]},
    {"code": "middle-leaders-refresh", "provider": "University of Northshire Business School",
     "title": "Refreshing middle leadership",
     "summary": "For middle leaders: engaging teams, evaluating information and connecting services (R7).",
     "topics": ["leadership", "motivation"], "levels": ["middle"], "cross_functional": True, "mode": "blended",
     "hours": Decimal("40"), "cost": Decimal("1200"), "qualification": "Postgraduate certificate in leadership",
     "senior_qualification": False,
     "competency_codes": ["hlm-engaging-the-team", "hlm-evaluating-information", "hlm-connecting-our-service"]},
    {"code": "commissioning-essentials", "provider": "NHS Staff College",
     "title": "Commissioning essentials for ICB staff", "summary": "Planning and buying services for a population.",
     "topics": ["commissioning", "negotiation"], "levels": ["middle", "senior"], "cross_functional": False,
     "mode": "online", "hours": Decimal("12"), "cost": Decimal("200"), "qualification": "",
     "senior_qualification": False, "competency_codes": ["basics-negotiation", "hlm-connecting-our-service"]},
    {"code": "board-development", "provider": "Meridian Leadership Partners Ltd",
     "title": "Board development programme", "summary": "Unitary boards, governance and Well-Led.",
     "topics": ["board_development"], "levels": ["executive", "board"], "cross_functional": True,
     "mode": "face_to_face", "hours": Decimal("16"), "cost": Decimal("2400"), "qualification": "",
     "senior_qualification": False, "competency_codes": ["hlm-holding-to-account", "hlm-sharing-the-vision"]},
]


def seed(apps, schema_editor):
    Provider = apps.get_model("training", "Provider")
    Course = apps.get_model("training", "Course")
    providers = {}
    for values in PROVIDERS:
        provider, _ = Provider.objects.get_or_create(name=values["name"], defaults=values)
        providers[provider.name] = provider
    for values in COURSES:
        fields = {**values, "provider": providers[values["provider"]]}
        Course.objects.get_or_create(code=values["code"], defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
