"""How many things were repaired at an activity (a repair café).

On SQLite, adding a column to initiatives_activity rebuilds the table, which drops the triggers
that refuse a double booking (0003_no_double_booking); they are created again at the end (and,
backwards, at the start, which runs last)."""

import importlib

from django.db import migrations, models

no_double_booking = importlib.import_module("kring.initiatives.migrations.0003_no_double_booking")


def recreate_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in no_double_booking.SQLITE_BACKWARD + no_double_booking.SQLITE_FORWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0010_merge_series_english_names"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, recreate_triggers),
        migrations.AddField(
            model_name="activity",
            name="items_repaired",
            field=models.PositiveIntegerField(default=0, verbose_name="spullen gerepareerd"),
        ),
        migrations.RunPython(recreate_triggers, migrations.RunPython.noop),
    ]
