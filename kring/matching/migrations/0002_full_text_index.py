"""The database's own full-text index over SearchDocument.keys: FTS5 on SQLite (kept in step by
triggers on the table), a GIN index over a 'simple' tsvector on PostgreSQL. The keys are already
analysed in Python, so both databases index the same tokens and find the same documents."""

from django.db import migrations

SQLITE_UP = [
    """CREATE VIRTUAL TABLE matching_fts USING fts5(
        keys, content='matching_searchdocument', content_rowid='asset_id', detail='none'
    )""",
    """CREATE TRIGGER matching_fts_insert AFTER INSERT ON matching_searchdocument BEGIN
        INSERT INTO matching_fts(rowid, keys) VALUES (new.asset_id, new.keys);
    END""",
    """CREATE TRIGGER matching_fts_delete AFTER DELETE ON matching_searchdocument BEGIN
        INSERT INTO matching_fts(matching_fts, rowid, keys) VALUES ('delete', old.asset_id, old.keys);
    END""",
    """CREATE TRIGGER matching_fts_update AFTER UPDATE OF keys ON matching_searchdocument BEGIN
        INSERT INTO matching_fts(matching_fts, rowid, keys) VALUES ('delete', old.asset_id, old.keys);
        INSERT INTO matching_fts(rowid, keys) VALUES (new.asset_id, new.keys);
    END""",
    "INSERT INTO matching_fts(matching_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS matching_fts_update",
    "DROP TRIGGER IF EXISTS matching_fts_delete",
    "DROP TRIGGER IF EXISTS matching_fts_insert",
    "DROP TABLE IF EXISTS matching_fts",
]
POSTGRES_UP = [
    "CREATE INDEX matching_doc_keys_gin ON matching_searchdocument "
    "USING gin (to_tsvector('simple'::regconfig, keys))",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS matching_doc_keys_gin"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
