"""A stem whose long vowel tells two words apart keeps it now (lezen: lees, not les; kopen:
koop, not kop; see analysis.long_vowel_stems), so an index built before this release no longer
matches what searches look for: it is built again once, as 0006 did it (on an empty database
there is nothing to do). The rebuild makes the typo vocabulary again too."""

import importlib

from django.db import migrations

REBUILD = importlib.import_module("kring.matching.migrations.0006_rebuild_for_english_keys")


class Migration(migrations.Migration):
    atomic = False  # PostgreSQL's rebuild swaps tables in its own transaction

    dependencies = [("matching", "0010_typo_vocabulary")]

    operations = [migrations.RunPython(REBUILD.rebuild, migrations.RunPython.noop)]
