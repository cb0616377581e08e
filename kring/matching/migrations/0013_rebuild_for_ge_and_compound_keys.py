"""A word in ge- keeps its ge- in its key when what the stemmer leaves is a word of its own and
the word is no past participle (gewoon is not woon, gezin not zin), and no linking -s- is read
after a full vowel (toeslagen is toe + slagen), nor is a word in -eren split before a short
head such as leren (jongleren; see analysis), so an index built before this
release no longer matches what searches look for: it is built again once, as 0006 did it (on an
empty database there is nothing to do). The rebuild makes the typo vocabulary again too."""

import importlib

from django.db import migrations

REBUILD = importlib.import_module("kring.matching.migrations.0006_rebuild_for_english_keys")


class Migration(migrations.Migration):
    atomic = False  # PostgreSQL's rebuild swaps tables in its own transaction

    dependencies = [("matching", "0012_rebuild_for_en_verb_keys")]

    operations = [migrations.RunPython(REBUILD.rebuild, migrations.RunPython.noop)]
