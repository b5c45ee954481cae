from django.db import migrations


class Migration(migrations.Migration):
    """The app's first migration: the tables come in the migrations that follow (one per area)."""

    initial = True
    dependencies = [("leadership", "0019_moderator_role_and_scopes")]
    operations: list = []
