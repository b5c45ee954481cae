from decimal import Decimal

from django.db import migrations

# Agenda for Change 2024/25 pay points, midpoint of each band's range (NHS Employers): marked
# unconfirmed, so a national admin checks and confirms them before assessments rely on them.
MIDPOINTS = {
    "2": "23615.00", "3": "24872.50", "4": "27822.00", "5": "33226.50", "6": "41150.00",
    "7": "49478.50", "8a": "57129.50", "8b": "67254.00", "8c": "79945.50", "8d": "94922.50",
    "9": "113328.00",
}


def seed(apps, schema_editor):
    PayBandRate = apps.get_model("governance", "PayBandRate")
    for band, midpoint in MIDPOINTS.items():
        PayBandRate.objects.get_or_create(band=band, defaults={
            "annual_midpoint": Decimal(midpoint), "confirmed": False,
            "source": "Agenda for Change 2024/25 pay scales, midpoint of the band (unconfirmed)"})


class Migration(migrations.Migration):
    dependencies = [("governance", "0002_registers")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
