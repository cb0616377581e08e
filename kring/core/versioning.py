"""Each collective's data versions, kept by the database itself.

A version is a random 63-bit value that changes whenever a row is written that a cached part of
the collective's pages shows (``kring.core.pagecache``). Triggers change it, not Django signals,
so every way of writing counts: the ORM, ``bulk_create``, ``QuerySet.update`` and ``delete``,
raw SQL, imports, erasure, restores, another node.

**Kinds of data.** Each watched table belongs to one or more kinds (``KINDS``: the collective
and its places, people, conversations, assets of each category, tags, initiatives,
connections, ...), and ``core_kindversion`` holds one version per collective and kind. A kept
part declares the kinds it shows and is kept under their versions, so a write drops only the
parts that can show it: a new place does not drop the residents list or the connections log.
``core_dataversion`` keeps one version per collective that every write of every kind changes:
the version of a part that declares no kinds (what every part was kept under before kinds),
and the row every writer of a collective takes first (below).

- PostgreSQL: statement-level triggers with transition tables. A statement that writes a
  million rows bumps each collective and kind it touched once, at the end of the statement.
  ``TRUNCATE`` bumps every collective and kind.
- SQLite: row-level triggers (SQLite has no statement-level ones).

What is watched is listed in ``WATCHED`` by table name (the core imports no domain app): for
each table how a row leads to its collective and which kinds it belongs to. A kind is a name,
or one kind per value of a column (``Per("assets:", "category")``: one kind per category), or
a name for updates and deletions only (an insert cannot change what a part shows through a
reference: the connections log shows the titles of assets its rows already point at). A table
with no collective of its own (a buurt's name, a user's name) bumps its kinds of every
collective when the columns the pages show change; such changes are rare. Django's SQLite
migrations rebuild a table to alter it, which drops its triggers, so ``install`` also runs
after every ``migrate`` (``CoreConfig.ready``); it replaces each trigger and is cheap.

Writes to the same collective wait for each other's commit at its ``core_dataversion`` row: a
trigger takes it before any kind's row, so two transactions that write kinds of one
collective in a different order cannot deadlock on the kinds' rows. Kring's writes are short;
a long import holds its collective's row until it commits, so another write to that collective
waits for it."""

from dataclasses import dataclass, replace

TABLE = "core_dataversion"
KIND_TABLE = "core_kindversion"
PREFIX = "kring_version"

# The kinds of data (see the module's docstring); a kept part names those it shows.
COLLECTIVE = (
    "collective"  # the collective, its working area, the names of buurten, wijken, gemeenten
)
MEMBERS = "members"  # memberships and invitations (the role is part of every kept part's key)
USERS = "users"  # the names of users (who recorded, held, changed something)
PEOPLE = "people"  # residents and their consents
CONVERSATIONS = "conversations"  # the gift conversations held with residents
ASSETS = "assets"  # every asset of every category, their tags, tellers and history
ASSETS_CHANGED = "assets-changed"  # assets changed or deleted (not added)
TAGS = "tags"  # the collective's tags renamed or deleted
SEARCH = "search"  # the search index's documents
INITIATIVES = "initiatives"  # initiatives, needs, pledges, activities, series, public tasks
CONNECTIONS = "connections"  # the connections log
ASSETS_OF = "assets:"  # + a category: the assets of that category with their tags and tellers


def assets_of(category: str) -> str:
    """The kind of the assets of one category (``Per(ASSETS_OF, "category")``)."""
    return f"{ASSETS_OF}{category}"


@dataclass(frozen=True)
class Per:
    """One kind per value of ``column`` (of the row, or of the parent row for ``Via``):
    ``prefix`` + the value. Every collective has a row for each of ``values`` from the start;
    another value gets its row at its first write or first reading."""

    prefix: str
    column: str
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Changed:
    """The kind ``name`` for updates and deletions only."""

    name: str


@dataclass(frozen=True)
class Direct:
    """The row names its collective in ``column``; it belongs to ``kinds``."""

    column: str = "collective_id"
    kinds: tuple = ()


@dataclass(frozen=True)
class Via:
    """The row's ``column`` points at ``parent``'s ``parent_key``; the parent names the
    collective in ``parent_column``. The row belongs to ``kinds``."""

    column: str
    parent: str
    parent_key: str = "id"
    parent_column: str = "collective_id"
    kinds: tuple = ()


@dataclass(frozen=True)
class Everyone:
    """Shown by every collective: a change of ``columns`` (any column when empty) or a
    deletion bumps ``kinds`` of all collectives."""

    columns: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()


# The categories of kring.assets (its Category; tests/core/test_page_cache.py compares them).
CATEGORIES = ("gift", "association", "institution", "place", "economy", "story")
_ASSET = (ASSETS, Per(ASSETS_OF, "category", CATEGORIES))
_INITIATIVE = Via("initiative_id", "initiatives_initiative", kinds=(INITIATIVES,))

WATCHED: dict[str, object] = {
    # Every part shows the collective: a new collective gets a row of every kind it has from
    # the start (NAMED_KINDS, filled in below), and a change to it changes them all.
    "communities_collective": Direct("id", kinds=(COLLECTIVE,)),
    "communities_collective_working_area": Direct(kinds=(COLLECTIVE,)),
    "communities_membership": Direct(kinds=(MEMBERS,)),
    "communities_invitation": Direct(kinds=(MEMBERS,)),
    "people_resident": Direct(kinds=(PEOPLE,)),
    "people_consent": Via("resident_id", "people_resident", kinds=(PEOPLE,)),
    "people_conversation": Direct(kinds=(CONVERSATIONS,)),
    # A new tag shows nowhere until an asset is linked to it (a write of that asset's kinds).
    "assets_tag": Direct(kinds=(Changed(TAGS),)),
    "assets_asset": Direct(kinds=(*_ASSET, Changed(ASSETS_CHANGED))),
    "assets_asset_tags": Via("asset_id", "assets_asset", kinds=_ASSET),
    "assets_asset_tellers": Via("asset_id", "assets_asset", kinds=_ASSET),
    "assets_historicalasset": Direct(kinds=(ASSETS,)),
    "matching_searchdocument": Direct(kinds=(SEARCH,)),
    "initiatives_initiative": Direct(kinds=(INITIATIVES,)),
    "initiatives_initiative_initiators": _INITIATIVE,
    "initiatives_initiative_participants": _INITIATIVE,
    "initiatives_initiative_assets": _INITIATIVE,
    "initiatives_initiative_tasks": _INITIATIVE,
    "initiatives_need": _INITIATIVE,
    "initiatives_pledge": _INITIATIVE,
    "initiatives_activityseries": Direct(kinds=(INITIATIVES,)),
    "initiatives_skippeddate": Via("series_id", "initiatives_activityseries", kinds=(INITIATIVES,)),
    "initiatives_activity": Direct(kinds=(INITIATIVES,)),
    "initiatives_activity_attendees": Via(
        "activity_id", "initiatives_activity", kinds=(INITIATIVES,)
    ),
    "initiatives_connection": Direct(kinds=(CONNECTIONS,)),
    # The buurtmakers' follow-ups of connections (the overview's to-do list).
    "notices_followup": Via("connection_id", "initiatives_connection", kinds=(CONNECTIONS,)),
    "initiatives_publictask": Everyone(kinds=(INITIATIVES,)),
    "core_user": Everyone(("name", "email"), kinds=(USERS,)),
    "geo_neighbourhood": Everyone(("name",), kinds=(COLLECTIVE,)),
    "geo_district": Everyone(("name",), kinds=(COLLECTIVE,)),
    "geo_municipality": Everyone(("name",), kinds=(COLLECTIVE,)),
}


def _named(kind) -> str | None:
    return kind if isinstance(kind, str) else kind.name if isinstance(kind, Changed) else None


# Every kind of one name and every value a kind per value of a column names: each collective
# has their rows from the start.
NAMED_KINDS = frozenset(
    name for spec in WATCHED.values() for kind in spec.kinds if (name := _named(kind))
) | frozenset(
    kind.prefix + value
    for spec in WATCHED.values()
    for kind in spec.kinds
    if isinstance(kind, Per)
    for value in kind.values
)
WATCHED["communities_collective"] = Direct("id", kinds=tuple(sorted(NAMED_KINDS)))
PER_PREFIXES = frozenset(
    kind.prefix for spec in WATCHED.values() for kind in spec.kinds if isinstance(kind, Per)
)


def is_kind(name: str) -> bool:
    """Whether a write can change the version of ``name`` (a part may declare it)."""
    return name in NAMED_KINDS or any(
        name.startswith(prefix) and len(name) > len(prefix) for prefix in PER_PREFIXES
    )


def _kind_sql(kind, row: str, op: str) -> str | None:
    """The SQL value of ``kind`` for a row written by ``op`` (None: not for this operation);
    ``row`` is the alias whose columns decide it."""
    if isinstance(kind, Changed):
        return None if op == "insert" else _quoted(kind.name)
    if isinstance(kind, Per):
        return f"{_quoted(kind.prefix)} || {row}.{kind.column}"
    return _quoted(kind)


def _quoted(text: str) -> str:
    if "'" in text:
        raise ValueError(f"a kind has no quote: {text}")
    return f"'{text}'"


# PostgreSQL ---------------------------------------------------------------------------------

_RANDOM = {"postgresql": "(random() * 9.2e18)::bigint", "sqlite": "random()"}


def _pg_functions(with_kinds: bool) -> str:
    """The functions the triggers call; without kinds only ``TABLE`` is written (the triggers
    before ``KIND_TABLE`` existed)."""
    random = _RANDOM["postgresql"]
    kinds = f"""
    INSERT INTO {KIND_TABLE} (collective_id, kind, version)
    SELECT id, kind, {random}
    FROM (SELECT DISTINCT t.id, t.kind FROM unnest(ids, kinds) AS t(id, kind)) AS touched
    WHERE id IS NOT NULL AND kind IS NOT NULL
    ORDER BY id, kind
    ON CONFLICT (collective_id, kind) DO UPDATE SET version = EXCLUDED.version;"""
    everyone = f"""
    UPDATE {KIND_TABLE} SET version = {random}
    WHERE kinds IS NULL OR kind = ANY(kinds);"""
    return f"""
CREATE OR REPLACE FUNCTION {PREFIX}_bump_kinds(ids bigint[], kinds text[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO {TABLE} (collective_id, version)
    SELECT id, {random}
    FROM (SELECT DISTINCT unnest(ids) AS id) AS touched
    WHERE id IS NOT NULL
    ORDER BY id
    ON CONFLICT (collective_id) DO UPDATE SET version = EXCLUDED.version;{kinds if with_kinds else ""}
$$;
CREATE OR REPLACE FUNCTION {PREFIX}_bump_everyone(kinds text[]) RETURNS void LANGUAGE sql AS $$
    UPDATE {TABLE} SET version = {random};{everyone if with_kinds else ""}
$$;
CREATE OR REPLACE FUNCTION {PREFIX}_all_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM {PREFIX}_bump_everyone(NULL::text[]);
    RETURN NULL;
END $$;
"""


def _kinds_sql(spec, row: str, op: str) -> str:
    """A lateral VALUES list of the kinds of one row: NULL (the collective's own version,
    ``TABLE``) first, then each of ``spec.kinds`` that ``op`` changes."""
    kinds = ["NULL::text"]
    kinds += [k for kind in spec.kinds if (k := _kind_sql(kind, row, op)) is not None]
    return "(VALUES " + ", ".join(f"({k})" for k in kinds) + ") AS k(kind)"


def _pg_pairs(spec, rows: str, op: str) -> str:
    """(collective, kind) of every row of the transition table ``rows``."""
    if isinstance(spec, Direct):
        return (
            f"SELECT (r.{spec.column})::bigint, k.kind FROM {rows} AS r "
            f"CROSS JOIN LATERAL {_kinds_sql(spec, 'r', op)}"
        )
    return (
        f"SELECT (p.{spec.parent_column})::bigint, k.kind FROM {spec.parent} AS p "
        f"JOIN {rows} AS r ON p.{spec.parent_key} = r.{spec.column} "
        f"CROSS JOIN LATERAL {_kinds_sql(spec, 'p', op)}"
    )


def _pg_bump(pairs: str) -> str:
    return (
        f"PERFORM {PREFIX}_bump_kinds(array_agg(id), array_agg(kind)) "
        f"FROM ({pairs}) AS pairs(id, kind);"
    )


def _pg_table(table: str, spec) -> list[str]:
    function = f"{PREFIX}_{table}"
    statements = [f"DROP TRIGGER IF EXISTS {PREFIX}_{op} ON {table}" for op in _OPS]
    if isinstance(spec, Everyone):
        if spec.columns:
            changed = " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}" for c in spec.columns)
        else:
            changed = "ROW(o.*) IS DISTINCT FROM ROW(n.*)"
        kinds = "ARRAY[" + ", ".join(_quoted(k) for k in spec.kinds) + "]::text[]"
        body = f"""
    IF TG_OP = 'DELETE' THEN
        IF EXISTS (SELECT 1 FROM kring_old) THEN PERFORM {PREFIX}_bump_everyone({kinds}); END IF;
    ELSIF EXISTS (SELECT 1 FROM kring_old AS o JOIN kring_new AS n ON o.id = n.id
                  WHERE {changed}) THEN
        PERFORM {PREFIX}_bump_everyone({kinds});
    END IF;"""
        events = ("update", "delete")
    else:
        updated = (
            f"{_pg_pairs(spec, 'kring_old', 'update')} "
            f"UNION ALL {_pg_pairs(spec, 'kring_new', 'update')}"
        )
        body = f"""
    IF TG_OP = 'INSERT' THEN
        {_pg_bump(_pg_pairs(spec, "kring_new", "insert"))}
    ELSIF TG_OP = 'DELETE' THEN
        {_pg_bump(_pg_pairs(spec, "kring_old", "delete"))}
    ELSE
        {_pg_bump(updated)}
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


def _sqlite_bump(spec, row: str, op: str) -> str:
    """The statements that bump the collective's version and kinds of one written row (``row``:
    NEW or OLD)."""
    if isinstance(spec, Direct):
        collective = f"{row}.{spec.column}"
        where = f"WHERE {collective} IS NOT NULL"
        alias = row
    else:
        collective = f"p.{spec.parent_column}"
        where = (
            f"FROM {spec.parent} AS p WHERE p.{spec.parent_key} = {row}.{spec.column} "
            f"AND p.{spec.parent_column} IS NOT NULL"
        )
        alias = "p"
    out = [
        f"INSERT INTO {TABLE} (collective_id, version) SELECT DISTINCT {collective}, random() "
        f"{where} ON CONFLICT (collective_id) DO UPDATE SET version = excluded.version;"
    ]
    for kind in spec.kinds:
        value = _kind_sql(kind, alias, op)
        if value is not None:
            out.append(
                f"INSERT INTO {KIND_TABLE} (collective_id, kind, version) "
                f"SELECT DISTINCT {collective}, {value}, random() {where} "
                "ON CONFLICT (collective_id, kind) DO UPDATE SET version = excluded.version;"
            )
    return " ".join(out)


def _sqlite_table(table: str, spec) -> list[str]:
    statements = [f"DROP TRIGGER IF EXISTS {PREFIX}_{table}_{op}" for op in _OPS]
    if isinstance(spec, Everyone):
        bump_all = f"UPDATE {TABLE} SET version = random();"
        if spec.kinds:
            kinds = ", ".join(_quoted(k) for k in spec.kinds)
            bump_all += f" UPDATE {KIND_TABLE} SET version = random() WHERE kind IN ({kinds});"
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
        f"BEGIN {_sqlite_bump(spec, 'NEW', 'insert')} END",
        f"CREATE TRIGGER {PREFIX}_{table}_update AFTER UPDATE ON {table} FOR EACH ROW "
        f"BEGIN {_sqlite_bump(spec, 'OLD', 'update')} {_sqlite_bump(spec, 'NEW', 'update')} END",
        f"CREATE TRIGGER {PREFIX}_{table}_delete AFTER DELETE ON {table} FOR EACH ROW "
        f"BEGIN {_sqlite_bump(spec, 'OLD', 'delete')} END",
    ]
    return statements


def statements(vendor: str, with_kinds: bool = True) -> list[str]:
    """The SQL that (re)creates every trigger, for ``vendor``: postgresql or sqlite, the two
    databases the settings accept. Without kinds: only ``TABLE`` is kept (for a database
    whose ``KIND_TABLE`` is not there yet, or no longer)."""
    postgresql = vendor == "postgresql"
    per_table = _pg_table if postgresql else _sqlite_table
    result = [_pg_functions(with_kinds)] if postgresql else []
    for table, spec in WATCHED.items():
        result += per_table(table, spec if with_kinds else replace(spec, kinds=()))
    # Every collective has its rows from the start (a kind per value of a column gets its row
    # at its first write, or from the first part that asks for it: kring.core.pagecache).
    random = _RANDOM[vendor]
    result.append(
        f"INSERT INTO {TABLE} (collective_id, version) SELECT id, {random} "
        f"FROM communities_collective WHERE true ON CONFLICT (collective_id) DO NOTHING"
    )
    if not with_kinds:
        return result
    kinds = " UNION ALL ".join(f"SELECT {_quoted(k)} AS kind" for k in sorted(NAMED_KINDS))
    result.append(
        f"INSERT INTO {KIND_TABLE} (collective_id, kind, version) "
        f"SELECT c.id, k.kind, {random} FROM communities_collective AS c "
        f"CROSS JOIN ({kinds}) AS k WHERE true ON CONFLICT (collective_id, kind) DO NOTHING"
    )
    return result


def install(connection, with_kinds: bool | None = None) -> bool:
    """(Re)create the triggers when every watched table and ``TABLE`` exist; False when some do
    not yet (in the middle of the first migrate). ``with_kinds`` (by default: when
    ``KIND_TABLE`` exists) also keeps the versions per kind."""
    tables = set(connection.introspection.table_names())
    if TABLE not in tables or not set(WATCHED) <= tables:
        return False
    if with_kinds is None:
        with_kinds = KIND_TABLE in tables
    with connection.cursor() as cursor:
        for statement in statements(connection.vendor, with_kinds):
            cursor.execute(statement)
    return True
