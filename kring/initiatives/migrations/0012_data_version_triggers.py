"""The triggers that keep each collective's data version (kring.core.versioning). They need every
watched table: each app that has one is among the dependencies (notices' follow-ups too, a
floor higher, whose first migration needs nothing of this one)."""

from django.db import migrations

from kring.core import versioning


def install(apps, schema_editor):
    # Without the versions per kind when core's 0004 has not made their table yet (0013 makes
    # the triggers again with them).
    if not versioning.install(schema_editor.connection):
        raise RuntimeError("a table the data version watches is missing")


def remove(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for table in versioning.WATCHED:
            for op in ("insert", "update", "delete", "truncate"):
                if connection.vendor == "postgresql":
                    cursor.execute(f"DROP TRIGGER IF EXISTS {versioning.PREFIX}_{op} ON {table}")
                else:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {versioning.PREFIX}_{table}_{op}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_data_version"),
        ("geo", "0002_region_import"),
        ("communities", "0007_collective_public_contact_details"),
        ("people", "0006_dutch_field_names"),
        ("assets", "0010_fewer_indexes"),
        ("matching", "0007_searchdocument_words"),
        ("initiatives", "0011_activity_items_repaired"),
        # The buurtmakers' follow-ups (notices, a floor higher) are watched too: their table
        # must exist before the triggers are made.
        ("notices", "0001_initial"),
    ]

    operations = [migrations.RunPython(install, remove)]
