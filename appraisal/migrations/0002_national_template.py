"""The national locked scorecard template for senior, executive/VSM and board appraisals (R11).

Bands on the overall score (1.00-4.00): Exceeds from 3.50, Meets from 2.50, Partly meets from 1.50,
Does not meet below 1.50 (docs/appraisal.md).
"""

from django.db import migrations

NATIONAL_FAMILY = "6f1d7c1e-0d9b-4b53-9a51-3c2f4a0b9e11"
PERSPECTIVES = [("Patients and quality", 30), ("People and culture", 30),
                ("Finance and use of resources", 20), ("Improvement and learning", 20)]
SCALE = ["Does not meet", "Partly meets", "Meets", "Exceeds"]
BANDS = [{"label": "Exceeds", "min_score": "3.50"}, {"label": "Meets", "min_score": "2.50"},
         {"label": "Partly meets", "min_score": "1.50"}, {"label": "Does not meet", "min_score": "0"}]


def create(apps, schema_editor):
    template_model = apps.get_model("appraisal", "ScorecardTemplate")
    perspective_model = apps.get_model("appraisal", "TemplatePerspective")
    if template_model.objects.filter(family=NATIONAL_FAMILY).exists():
        return
    template = template_model.objects.create(
        family=NATIONAL_FAMILY, version=1, name="National senior leadership scorecard", organisation=None,
        levels=["senior", "executive", "board"], locked=True, competency_ratings=True,
        rating_scale=SCALE, bands=BANDS, current=True)
    for position, (name, weight) in enumerate(PERSPECTIVES):
        perspective_model.objects.create(template=template, name=name, weight=weight, position=position)


def remove(apps, schema_editor):
    apps.get_model("appraisal", "ScorecardTemplate").objects.filter(family=NATIONAL_FAMILY).delete()


class Migration(migrations.Migration):
    dependencies = [("appraisal", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
