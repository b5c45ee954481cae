"""The pools every trust shares: the national senior pool, the CCG/ICB leadership pool, the volunteer
NED pool, and an aspiring-directors pool for each NHS England region already present."""

from django.db import migrations

NATIONAL_POOLS = [
    ("national_senior", "National senior management pool",
     "Senior managers who hold the accredited senior-manager qualification, open to every trust (R8)."),
    ("commissioner_leadership", "CCG and ICB leadership pool",
     "Chairs, accountable officers, chief clinical officers and those stepping up to them."),
    ("volunteer_ned", "Volunteer non-executive directors pool",
     "People from other sectors willing to serve as non-executive directors (R19)."),
]


def create_pools(apps, schema_editor):
    TalentPool = apps.get_model("talentpool", "TalentPool")
    Organisation = apps.get_model("leadership", "Organisation")
    for kind, name, description in NATIONAL_POOLS:
        TalentPool.objects.get_or_create(kind=kind, defaults={"name": name, "description": description})
    for region in Organisation.objects.filter(kind="region"):
        TalentPool.objects.get_or_create(
            kind="aspiring_directors", region=region,
            defaults={"name": f"Aspiring directors: {region.name}",
                      "description": "Future directors in the region."},
        )
    GraduateSchemeSettings = apps.get_model("talentpool", "GraduateSchemeSettings")
    if not GraduateSchemeSettings.objects.exists():
        GraduateSchemeSettings.objects.create()


class Migration(migrations.Migration):
    dependencies = [("talentpool", "0001_initial")]
    operations = [migrations.RunPython(create_pools, migrations.RunPython.noop)]
