"""Search documents keep their keys once and their asset's words as written (for typos), so a
collective's vocabulary is read from the documents alone, without the assets' texts. Documents
made before this release have none: the index is built again once (on an empty database there
is nothing to do). On SQLite Django makes the table again to add the column, and FTS5's
triggers go with the old table: they are made again as in migration 0004."""

import importlib

from django.db import migrations, models

NO_CONSTRAINTS = importlib.import_module(
    "kring.matching.migrations.0004_no_foreign_key_constraints"
)
# The index is built again as 0006 did it (nothing to do on an empty database).
REBUILD = importlib.import_module("kring.matching.migrations.0006_rebuild_for_english_keys")


class Migration(migrations.Migration):
    atomic = False  # PostgreSQL's rebuild swaps tables in its own transaction

    dependencies = [("matching", "0006_rebuild_for_english_keys")]

    operations = [
        # Going back, the table is made again as well: the triggers again after that.
        migrations.RunPython(migrations.RunPython.noop, NO_CONSTRAINTS.triggers_again),
        migrations.AddField(
            model_name="searchdocument",
            name="words",
            field=models.TextField(blank=True, default="", db_default=""),
        ),
        migrations.RunPython(NO_CONSTRAINTS.triggers_again, migrations.RunPython.noop),
        migrations.RunPython(REBUILD.rebuild, migrations.RunPython.noop),
    ]
