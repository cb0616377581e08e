"""SearchDocument without foreign key constraints in the database (see the model), and without
the plain index on the collective that matching_doc_stats already covers. On SQLite
Django makes the table again to drop them, and FTS5's triggers go with the old table: they are
made again from migration 0002's definitions, and FTS5 is rebuilt from the rows."""

import importlib

import django.db.models.deletion
from django.db import migrations, models

FULL_TEXT = importlib.import_module("kring.matching.migrations.0002_full_text_index")


def triggers_again(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in ("matching_fts_insert", "matching_fts_delete", "matching_fts_update"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in FULL_TEXT.SQLITE_UP[1:]:  # the triggers and 'rebuild', not the table
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("assets", "0008_category_count"),
        ("communities", "0004_public_profile_logo_province"),
        ("matching", "0003_starter_synonyms"),
    ]

    operations = [
        # Going back, the table is made again as well: the triggers again after that.
        migrations.RunPython(migrations.RunPython.noop, triggers_again),
        migrations.AlterField(
            model_name="searchdocument",
            name="asset",
            field=models.OneToOneField(
                db_constraint=False,
                on_delete=django.db.models.deletion.CASCADE,
                primary_key=True,
                related_name="+",
                serialize=False,
                to="assets.asset",
            ),
        ),
        migrations.AlterField(
            model_name="searchdocument",
            name="collective",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="communities.collective",
            ),
        ),
        migrations.RunPython(triggers_again, migrations.RunPython.noop),
    ]
