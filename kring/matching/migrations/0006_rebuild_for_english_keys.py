"""The index keys English words with the English stemmer now (and keeps misspellings apart),
so an index built before this release no longer matches what searches look for: build it again
once. On an empty database (a new installation, the tests) there is nothing to do."""

from django.db import migrations


def rebuild(apps, schema_editor):
    Asset = apps.get_model("assets", "Asset")
    if not Asset.objects.exists():
        return
    # The index is made by the app's own code (analysis, compound splitting, the lexicon), not
    # by the historical models, which carry none of that; imported only when this step runs.
    from kring.matching.services import rebuild_search_index

    rebuild_search_index()


class Migration(migrations.Migration):
    atomic = False  # PostgreSQL's rebuild swaps tables in its own transaction

    # After every table the rebuild reads has its present columns.
    dependencies = [
        ("matching", "0005_synonymgroup_version"),
        ("assets", "0010_fewer_indexes"),
        ("people", "0003_erasure_and_version"),
        ("communities", "0005_collective_version"),
        ("geo", "0002_region_import"),
    ]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
