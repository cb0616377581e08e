"""The triggers again, now that they keep a version per kind of data as well
(kring.core.versioning, core's 0004)."""

from django.db import migrations

from kring.core import versioning


def install(apps, schema_editor):
    if not versioning.install(schema_editor.connection):
        raise RuntimeError("a table the data version watches is missing")


def remove(apps, schema_editor):
    """Going back: the triggers keep only each collective's one version, as before core's
    0004, whose table goes next."""
    if not versioning.install(schema_editor.connection, with_kinds=False):
        raise RuntimeError("a table the data version watches is missing")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_kind_versions"),
        ("initiatives", "0012_data_version_triggers"),
    ]

    operations = [migrations.RunPython(install, remove)]
