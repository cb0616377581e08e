"""Each collective's data version, kept by the database itself.

``core_dataversion`` holds one row per collective: a random 63-bit value that changes whenever a
row is written that a cached part of the collective's pages shows (``kring.core.pagecache``).
Triggers change it, not Django signals, so every way of writing counts: the ORM, ``bulk_create``,
``QuerySet.update`` and ``delete``, raw SQL, imports, erasure, restores, another node.

- PostgreSQL: statement-level triggers with transition tables. A statement that writes a
  million rows bumps each collective it touched once, at the end of the statement.
  ``TRUNCATE`` bumps every collective.
- SQLite: row-level triggers (SQLite has no statement-level ones).

What is watched is listed in ``WATCHED`` by table name (the core imports no domain app): for
each table how a row leads to its collective. A table with no collective of its own (a buurt's
name, a user's name) bumps every collective when the columns the pages show change; such
changes are rare. Django's SQLite migrations rebuild a table to alter it, which drops its
triggers, so ``install`` also runs after every ``migrate`` (``CoreConfig.ready``); it replaces
each trigger and is cheap.

Writes to the same collective wait for each other's commit at the version row (it is updated
in the writing transaction). Kring's writes are short; a long import holds its collective's
row until it commits, so another write to that collective waits for it."""

from dataclasses import dataclass

TABLE = "core_dataversion"
PREFIX = "kring_version"


@dataclass(frozen=True)
class Direct:
    """The row names its collective in ``column``."""

    column: str = "collective_id"


@dataclass(frozen=True)
class Via:
    """The row's ``column`` points at ``parent``'s ``parent_key``; the parent names the
    collective in ``parent_column``."""

    column: str
    parent: str
    parent_key: str = "id"
    parent_column: str = "collective_id"


@dataclass(frozen=True)
class Everyone:
    """Shown by every collective: a change of ``columns`` (any column when empty) or a
    deletion bumps all collectives."""

    columns: tuple[str, ...] = ()


WATCHED: dict[str, object] = {
    "communities_collective": Direct("id"),
    "communities_collective_working_area": Direct(),
    "communities_membership": Direct(),
    "communities_invitation": Direct(),
    "people_resident": Direct(),
    "people_consent": Via("resident_id", "people_resident"),
    "people_conversation": Direct(),
    "assets_tag": Direct(),
    "assets_asset": Direct(),
    "assets_asset_tags": Via("asset_id", "assets_asset"),
    "assets_asset_tellers": Via("asset_id", "assets_asset"),
    "assets_historicalasset": Direct(),
    "matching_searchdocument": Direct(),
    "initiatives_initiative": Direct(),
    "initiatives_initiative_initiators": Via("initiative_id", "initiatives_initiative"),
    "initiatives_initiative_participants": Via("initiative_id", "initiatives_initiative"),
    "initiatives_initiative_assets": Via("initiative_id", "initiatives_initiative"),
    "initiatives_initiative_tasks": Via("initiative_id", "initiatives_initiative"),
    "initiatives_need": Via("initiative_id", "initiatives_initiative"),
    "initiatives_pledge": Via("initiative_id", "initiatives_initiative"),
    "initiatives_activityseries": Direct(),
    "initiatives_skippeddate": Via("series_id", "initiatives_activityseries"),
    "initiatives_activity": Direct(),
    "initiatives_activity_attendees": Via("activity_id", "initiatives_activity"),
    "initiatives_connection": Direct(),
    "notices_followup": Via("connection_id", "initiatives_connection"),
    "initiatives_publictask": Everyone(),
    "core_user": Everyone(("name", "email")),
    "geo_neighbourhood": Everyone(("name",)),
    "geo_district": Everyone(("name",)),
    "geo_municipality": Everyone(("name",)),
}


# PostgreSQL ---------------------------------------------------------------------------------

_PG_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION {PREFIX}_bump(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO {TABLE} (collective_id, version)
    SELECT id, (random() * 9.2e18)::bigint
    FROM (SELECT DISTINCT unnest(ids) AS id) AS touched
    WHERE id IS NOT NULL
    ORDER BY id
    ON CONFLICT (collective_id) DO UPDATE SET version = EXCLUDED.version
$$;
CREATE OR REPLACE FUNCTION {PREFIX}_bump_all() RETURNS void LANGUAGE sql AS $$
    UPDATE {TABLE} SET version = (random() * 9.2e18)::bigint
$$;
CREATE OR REPLACE FUNCTION {PREFIX}_all_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM {PREFIX}_bump_all();
    RETURN NULL;
END $$;
"""


def _pg_collectives(spec, rows: str) -> str:
    if isinstance(spec, Direct):
        return f"SELECT ({spec.column})::bigint FROM {rows}"
    return (
        f"SELECT (p.{spec.parent_column})::bigint FROM {spec.parent} AS p "
        f"JOIN {rows} AS r ON p.{spec.parent_key} = r.{spec.column}"
    )


def _pg_table(table: str, spec) -> list[str]:
    function = f"{PREFIX}_{table}"
    statements = [f"DROP TRIGGER IF EXISTS {PREFIX}_{op} ON {table}" for op in _OPS]
    if isinstance(spec, Everyone):
        if spec.columns:
            changed = " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}" for c in spec.columns)
        else:
            changed = "ROW(o.*) IS DISTINCT FROM ROW(n.*)"
        body = f"""
    IF TG_OP = 'DELETE' THEN
        IF EXISTS (SELECT 1 FROM kring_old) THEN PERFORM {PREFIX}_bump_all(); END IF;
    ELSIF EXISTS (SELECT 1 FROM kring_old AS o JOIN kring_new AS n ON o.id = n.id
                  WHERE {changed}) THEN
        PERFORM {PREFIX}_bump_all();
    END IF;"""
        events = ("update", "delete")
    else:
        body = f"""
    IF TG_OP = 'INSERT' THEN
        PERFORM {PREFIX}_bump(ARRAY({_pg_collectives(spec, "kring_new")}));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM {PREFIX}_bump(ARRAY({_pg_collectives(spec, "kring_old")}));
    ELSE
        PERFORM {PREFIX}_bump(ARRAY({_pg_collectives(spec, "kring_old")}
                                    UNION {_pg_collectives(spec, "kring_new")}));
    END IF;"""
        events = ("insert", "update", "delete")
    statements.append(
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN{body}\n    RETURN NULL;\nEND $$"
    )
    referencing = {
        "insert": "REFERENCING NEW TABLE AS kring_new",
        "update": "REFERENCING OLD TABLE AS kring_old NEW TABLE AS kring_new",
        "delete": "REFERENCING OLD TABLE AS kring_old",
    }
    for op in events:
        statements.append(
            f"CREATE TRIGGER {PREFIX}_{op} AFTER {op.upper()} ON {table} {referencing[op]} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )
    statements.append(
        f"CREATE TRIGGER {PREFIX}_truncate AFTER TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {PREFIX}_all_trigger()"
    )
    return statements


_OPS = ("insert", "update", "delete", "truncate")


# SQLite -------------------------------------------------------------------------------------


def _sqlite_bump(spec, row: str) -> str:
    if isinstance(spec, Direct):
        source = f"SELECT {row}.{spec.column}, random() WHERE {row}.{spec.column} IS NOT NULL"
    else:
        source = (
            f"SELECT DISTINCT p.{spec.parent_column}, random() FROM {spec.parent} AS p "
            f"WHERE p.{spec.parent_key} = {row}.{spec.column} AND p.{spec.parent_column} IS NOT NULL"
        )
    return (
        f"INSERT INTO {TABLE} (collective_id, version) {source} "
        "ON CONFLICT (collective_id) DO UPDATE SET version = excluded.version;"
    )


def _sqlite_table(table: str, spec) -> list[str]:
    statements = [f"DROP TRIGGER IF EXISTS {PREFIX}_{table}_{op}" for op in _OPS]
    if isinstance(spec, Everyone):
        bump_all = f"UPDATE {TABLE} SET version = random();"
        if spec.columns:
            columns = ", ".join(spec.columns)
            changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in spec.columns)
            update = f"AFTER UPDATE OF {columns} ON {table} FOR EACH ROW WHEN {changed}"
        else:
            update = f"AFTER UPDATE ON {table} FOR EACH ROW"
        statements += [
            f"CREATE TRIGGER {PREFIX}_{table}_update {update} BEGIN {bump_all} END",
            f"CREATE TRIGGER {PREFIX}_{table}_delete AFTER DELETE ON {table} FOR EACH ROW "
            f"BEGIN {bump_all} END",
        ]
        return statements
    statements += [
        f"CREATE TRIGGER {PREFIX}_{table}_insert AFTER INSERT ON {table} FOR EACH ROW "
        f"BEGIN {_sqlite_bump(spec, 'NEW')} END",
        f"CREATE TRIGGER {PREFIX}_{table}_update AFTER UPDATE ON {table} FOR EACH ROW "
        f"BEGIN {_sqlite_bump(spec, 'OLD')} {_sqlite_bump(spec, 'NEW')} END",
        f"CREATE TRIGGER {PREFIX}_{table}_delete AFTER DELETE ON {table} FOR EACH ROW "
        f"BEGIN {_sqlite_bump(spec, 'OLD')} END",
    ]
    return statements


def statements(vendor: str) -> list[str]:
    """The SQL that (re)creates every trigger, for ``vendor``: postgresql or sqlite, the two
    databases the settings accept."""
    postgresql = vendor == "postgresql"
    per_table = _pg_table if postgresql else _sqlite_table
    result = [_PG_FUNCTIONS] if postgresql else []
    for table, spec in WATCHED.items():
        result += per_table(table, spec)
    # Every collective has a row from the start.
    result.append(
        f"INSERT INTO {TABLE} (collective_id, version) "
        f"SELECT id, {'(random() * 9.2e18)::bigint' if postgresql else 'random()'} "
        f"FROM communities_collective WHERE true ON CONFLICT (collective_id) DO NOTHING"
    )
    return result


def install(connection) -> bool:
    """(Re)create the triggers when every watched table exists; False when some do not yet
    (in the middle of the first migrate)."""
    tables = set(connection.introspection.table_names())
    if TABLE not in tables or not set(WATCHED) <= tables:
        return False
    with connection.cursor() as cursor:
        for statement in statements(connection.vendor):
            cursor.execute(statement)
    return True
