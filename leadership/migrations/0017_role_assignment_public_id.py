import uuid

from django.db import migrations, models


def give_each_a_public_id(apps, schema_editor):
    RoleAssignment = apps.get_model("leadership", "RoleAssignment")
    for assignment in RoleAssignment.objects.filter(public_id__isnull=True).only("id"):
        RoleAssignment.objects.filter(pk=assignment.pk).update(public_id=uuid.uuid4())


class Migration(migrations.Migration):
    """Role assignments get a public id (the roles page links to one): added empty, filled, then unique."""

    dependencies = [("leadership", "0016_invitations")]

    operations = [
        migrations.AddField(model_name="roleassignment", name="public_id", field=models.UUIDField(null=True)),
        migrations.RunPython(give_each_a_public_id, migrations.RunPython.noop),
        migrations.AlterField(model_name="roleassignment", name="public_id",
                              field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
    ]
