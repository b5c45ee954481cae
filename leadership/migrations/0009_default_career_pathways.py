"""Two national career pathways; organisations may add their own."""

from django.db import migrations

PATHWAYS = [
    ("NHS general management", "From leading a team to the board, in general management.", [
        ("Team or service manager", "first_line"), ("Operational manager", "middle"),
        ("Head of service or general manager", "senior"), ("Director", "executive"),
        ("Chief executive", "board"),
    ]),
    ("Clinical leadership (nursing)", "From ward sister or charge nurse to director of nursing.", [
        ("Ward sister or charge nurse", "first_line"), ("Matron", "middle"),
        ("Head of nursing", "senior"), ("Director of nursing", "executive"),
    ]),
]


def forwards(apps, schema_editor):
    CareerPathway = apps.get_model("leadership", "CareerPathway")
    PathwayStep = apps.get_model("leadership", "PathwayStep")
    for name, description, steps in PATHWAYS:
        pathway, _ = CareerPathway.objects.get_or_create(
            name=name, organisation=None, defaults={"description": description})
        for order, (title, level) in enumerate(steps, start=1):
            PathwayStep.objects.get_or_create(pathway=pathway, order=order,
                                              defaults={"title": title, "management_level": level})


def backwards(apps, schema_editor):
    apps.get_model("leadership", "CareerPathway").objects.filter(
        organisation=None, name__in=[name for name, _, _ in PATHWAYS]).delete()


class Migration(migrations.Migration):
    dependencies = [("leadership", "0008_career_pathways")]
    operations = [migrations.RunPython(forwards, backwards)]
