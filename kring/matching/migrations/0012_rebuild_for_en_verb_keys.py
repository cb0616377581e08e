"""A verb stem in -en whose infinitive is the more used word gets the infinitive's key now (ik
oefen: oefenen, ik reken: rekenen; see analysis), so an index built before this release no
longer matches what searches look for: it is built again once, as 0006 did it (on an empty
database there is nothing to do). The rebuild makes the typo vocabulary again too."""

import importlib

from django.db import migrations

REBUILD = importlib.import_module("kring.matching.migrations.0006_rebuild_for_english_keys")


class Migration(migrations.Migration):
    atomic = False  # PostgreSQL's rebuild swaps tables in its own transaction

    dependencies = [("matching", "0011_rebuild_for_long_vowel_keys")]

    operations = [migrations.RunPython(REBUILD.rebuild, migrations.RunPython.noop)]
