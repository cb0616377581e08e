"""The triggers again, now that they keep a version per kind of data as well
(kring.core.versioning, core's 0004)."""

from django.db import migrations

from kring.core import versioning


def install(apps, schema_editor):
    if not versioning.install(schema_editor.connection):
        raise RuntimeError("a table the data version watches is missing")


def remove(apps, schema_editor):
    """Going back: today's triggers also write the table core's 0004 made, so they go; the
    code of the version migrated to makes its own after the migrate (CoreConfig.ready)."""
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
        ("core", "0004_kind_versions"),
        ("initiatives", "0012_data_version_triggers"),
    ]

    operations = [migrations.RunPython(install, remove)]
