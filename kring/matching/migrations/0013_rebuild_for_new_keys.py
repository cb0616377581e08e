"""Keys changed in one release (see analysis): a plural in -eren and its compound form have the
singular's key (kinderen, kinder|oppas: kind); a word in ge- keeps its ge- where the stemmer
would leave another word (gewoon is no woon, gezin no zin), a participle still meets its verb;
and compounds split differently (toeslagen: toe + slagen; jongleren is no jong + leren). An index
built before this release no longer matches what searches look for: it is built again once, as
0006 did it (on an empty database there is nothing to do). The rebuild makes the typo vocabulary
again too."""

import importlib

from django.db import migrations

REBUILD = importlib.import_module("kring.matching.migrations.0006_rebuild_for_english_keys")


class Migration(migrations.Migration):
    atomic = False  # PostgreSQL's rebuild swaps tables in its own transaction

    dependencies = [("matching", "0012_rebuild_for_en_verb_keys")]

    operations = [migrations.RunPython(REBUILD.rebuild, migrations.RunPython.noop)]
