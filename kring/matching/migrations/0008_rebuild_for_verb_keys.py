"""A verb's form in -t that the stemmer left alone ("speelt", "schildert", "leest") has its
infinitive's key now, a diminutive of a word in -t ("kastje", "taartjes") the word's key, and
the verb of a separable verb ("laat honden uit") the joined verb's key (uitlaten), so an index
built before this release no longer matches what searches look for: it is built again once, as
0006 did it (on an empty database there is nothing to do)."""

import importlib

from django.db import migrations

REBUILD = importlib.import_module("kring.matching.migrations.0006_rebuild_for_english_keys")


class Migration(migrations.Migration):
    atomic = False  # PostgreSQL's rebuild swaps tables in its own transaction

    dependencies = [("matching", "0007_searchdocument_words")]

    operations = [migrations.RunPython(REBUILD.rebuild, migrations.RunPython.noop)]
