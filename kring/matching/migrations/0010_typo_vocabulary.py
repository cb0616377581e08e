"""Each collective's typo vocabulary in a table of its own (``TypoWord``), kept in step with the
search documents by database triggers: a search reads a collective's few hundred words with
their counts instead of counting its documents' words columns. The triggers are made here and
the table is filled from the documents there are (an empty database has none)."""

from django.db import migrations, models


def vocabulary(apps, schema_editor):
    # The triggers and the filling are the app's own (kring.matching.typos), as a full rebuild
    # of the index makes them; imported only when this step runs.
    from kring.matching import typos

    typos.install(schema_editor.connection)
    typos.remake(schema_editor.connection)


def no_vocabulary(apps, schema_editor):
    # The app's own triggers, imported only when this step runs.
    from kring.matching import typos

    typos.drop_triggers(schema_editor.connection)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {typos.TRIGGER}()")


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0009_rebuild_for_erij_and_modifier_keys"),
    ]

    operations = [
        migrations.CreateModel(
            name="TypoWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("collective_id", models.BigIntegerField()),
                ("word", models.TextField()),
                ("documents", models.PositiveIntegerField()),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("collective_id", "word"), name="matching_typo_word"
                    )
                ],
            },
        ),
        migrations.RunPython(vocabulary, no_vocabulary),
    ]
