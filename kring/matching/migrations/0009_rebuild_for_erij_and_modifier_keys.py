"""A noun in -erij ("schilderij", "bakkerij") has its own key now instead of the stemmer's
(schilder, bak), and in a title a compound's parts before its head count once ("tuinfeest": the
feest twice, the tuin once), so an index built before this release no longer matches what
searches look for: it is built again once, as 0006 did it (on an empty database there is
nothing to do)."""

import importlib

from django.db import migrations

REBUILD = importlib.import_module("kring.matching.migrations.0006_rebuild_for_english_keys")


class Migration(migrations.Migration):
    atomic = False  # PostgreSQL's rebuild swaps tables in its own transaction

    dependencies = [("matching", "0008_rebuild_for_verb_keys")]

    operations = [migrations.RunPython(REBUILD.rebuild, migrations.RunPython.noop)]
