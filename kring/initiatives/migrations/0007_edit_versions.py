"""A version on initiatives, needs and activities, so a stale edit is refused (kring.core.locking).

On SQLite, adding a column to initiatives_activity rebuilds the table, which drops the triggers
that refuse a double booking (0003_no_double_booking); they are created again right after. On
PostgreSQL the column is added in place and the exclusion constraint stays."""

import importlib

from django.db import migrations, models

no_double_booking = importlib.import_module(
    "kring.initiatives.migrations.0003_no_double_booking"
)


def recreate_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in no_double_booking.SQLITE_BACKWARD + no_double_booking.SQLITE_FORWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0006_activity_place_restrict"),
    ]

    operations = [
        # Backwards this runs last, after removing the column rebuilt the table once more.
        migrations.RunPython(migrations.RunPython.noop, recreate_triggers),
        migrations.AddField(
            model_name="activity",
            name="version",
            field=models.PositiveIntegerField(default=1, verbose_name="versie"),
        ),
        migrations.AddField(
            model_name="initiative",
            name="version",
            field=models.PositiveIntegerField(default=1, verbose_name="versie"),
        ),
        migrations.AddField(
            model_name="need",
            name="version",
            field=models.PositiveIntegerField(default=1, verbose_name="versie"),
        ),
        migrations.RunPython(recreate_triggers, migrations.RunPython.noop),
    ]
