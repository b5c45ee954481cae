from django.db import migrations
from django.utils import timezone


def load_default_framework(apps, schema_editor):
    from leadership.development import framework_data

    framework_data.load(apps.get_model("leadership", "CompetencyFramework"),
                        apps.get_model("leadership", "Competency"),
                        apps.get_model("leadership", "ExpectedBehaviour"), timezone.now())


class Migration(migrations.Migration):
    dependencies = [("leadership", "0005_development")]

    operations = [migrations.RunPython(load_default_framework, migrations.RunPython.noop)]
