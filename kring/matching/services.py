"""Keeping the search index in step with the assets. The asset and people services call
``index_asset`` after each save; deleting an asset deletes its document (foreign key cascade,
and on SQLite a trigger updates FTS5). Bulk paths (the demo loader, imports) call
``index_assets`` or ``rebuild_search_index``, which write in batches."""

import re
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager, nullcontext
from functools import lru_cache
from itertools import chain

from django.db import connection, transaction

from kring.assets.models import Asset
from kring.core.bulk import max_params, raw_cursor
from kring.geo.models import Neighbourhood
from kring.people.models import Resident

from . import analysis, typos
from .engine import TABLE, prefix
from .models import SearchDocument

BATCH = 5000
FIELDS = (
    "id",
    "collective_id",
    "category",
    "title",
    "description",
    "resident_id",
    "neighbourhood_id",
    "availability",
    "visibility",
)


COLUMNS = (
    "asset_id",
    "collective_id",
    "category",
    "resident_id",
    "neighbourhood_id",
    "district_id",
    "availability",
    "visibility",
    "keys",
    "length",
    "words",
)
# SQLite, through the driver's cursor: many rows per statement, within its parameter limit.
INSERT_MANY = f"INSERT INTO {SearchDocument._meta.db_table} ({', '.join(COLUMNS)}) VALUES"
ONE_ROW = "(" + ", ".join(["?"] * len(COLUMNS)) + ")"


def _tags(ids: list[int]) -> dict[int, list[str]]:
    """Asset id -> its tag names, by name (so a document does not depend on the order the tags
    were added in: a restored database adds them anew, and its check compares with this)."""
    tags: dict[int, list[str]] = defaultdict(list)
    if not ids:
        return tags
    labels = Asset.tags.through.objects.order_by("tag__name", "pk")
    low, high = min(ids), max(ids)
    if high - low < 2 * len(ids):
        # A batch of neighbouring ids (a rebuild, an import) by its range: an IN list of 5,000
        # parameters cost more to make and send than the rows it reads (a fifth of a rebuild).
        wanted = set(ids)
        labels = labels.filter(asset_id__gte=low, asset_id__lte=high)
    else:
        wanted = None
        labels = labels.filter(asset_id__in=ids)
    for asset_id, name in labels.values_list("asset_id", "tag__name"):
        if wanted is None or asset_id in wanted:
            tags[asset_id].append(name)
    return tags


def _documents(rows: list[tuple], tags: dict[int, list[str]] | None = None) -> list[tuple]:
    """Document rows (in the order of COLUMNS) for asset rows (tuples in the order of FIELDS),
    reading tags (unless given: asset id -> names), residents' buurt and wijken for the whole
    batch in at most three queries."""
    if tags is None:
        tags = _tags([r[0] for r in rows])
    # A gift without its own buurt is where its resident lives.
    homeless = {r[5] for r in rows if r[5] and not r[6]}
    homes = dict(
        Resident.objects.filter(pk__in=homeless).values_list("pk", "neighbourhood_id")
        if homeless
        else []
    )
    buurten = [r[6] or (homes.get(r[5]) if r[5] else r[6]) for r in rows]
    wanted = {b for b in buurten if b}
    districts = dict(
        Neighbourhood.objects.filter(pk__in=wanted).values_list("pk", "district_id")
        if wanted
        else []
    )
    documents = []
    append = documents.append
    start_of, no_tags = prefix, ()
    for (
        asset_id,
        collective_id,
        category,
        title,
        description,
        resident_id,
        _,
        availability,
        visibility,
    ), buurt in zip(rows, buurten, strict=True):
        extra = " ".join(tags.get(asset_id, no_tags))
        if len(title) + len(description) + len(extra) <= CACHED_DOCUMENT:
            keys, words = _short_keys_and_words(title, description, extra)
        else:
            keys, words = _keys_and_words(title, description, extra)
        keys, length = _column(start_of(collective_id), keys)
        append(
            (
                asset_id,
                collective_id,
                category,
                resident_id,
                buurt,
                districts.get(buurt),
                availability,
                visibility,
                keys,
                length,
                words,
            )
        )
    return documents


def _column(start: str, keys) -> tuple[str, int]:
    """The keys column (each key behind the collective's prefix) and how many keys."""
    # One join with the prefix as separator: a generator of prefixed keys cost twice as much.
    return (start + (" " + start).join(keys) if keys else ""), len(keys)


def _keys_and_words(title: str, description: str, extra: str) -> tuple[tuple[str, ...], str]:
    """A document's keys (in order, with repeats, without the collective's prefix) and its
    words column (see typos.document_words)."""
    keys = tuple(analysis.document_keys(title, description, extra))
    return keys, typos.document_words(keys, title, description)


# Short documents repeat (a rebuild or an import: "Fietsen repareren" with the label "techniek"
# for hundreds of residents, across collectives): their keys are made once per process, and
# only the collective's prefix is put in front per document.
CACHED_DOCUMENT = 300
_short_keys_and_words = lru_cache(maxsize=50_000)(_keys_and_words)


def _write(documents: list[tuple], table: str = TABLE, *, freeze: bool = False) -> None:
    # Plain rows in one go per batch: the ORM's per-object work (bulk_create) was half of the
    # build. PostgreSQL takes them with COPY (psycopg's executemany sends one statement per
    # row: 120 s of a 1,000,000-row build), SQLite with statements of many rows each through
    # the driver's own cursor (half the time of one executemany of one-row statements).
    # ``freeze``: into a table made in this transaction, the rows are written frozen and marked
    # all-visible, so index-only scans (the collection statistics) work at once and no vacuum
    # must pass first.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            copy_sql = f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN"
            if freeze:
                copy_sql += " WITH (FREEZE)"
            with cursor.cursor.copy(copy_sql) as copy:
                for document in documents:
                    copy.write_row(document)
        return
    insert_many = INSERT_MANY.replace(TABLE, table, 1)
    with connection.wrap_database_errors:
        cursor = raw_cursor()
        try:
            per_statement = max(1, min(3000, max_params() // len(COLUMNS)))
            for start in range(0, len(documents), per_statement):
                batch = documents[start : start + per_statement]
                cursor.execute(
                    f"{insert_many} {', '.join([ONE_ROW] * len(batch))}",
                    list(chain.from_iterable(batch)),
                )
        finally:
            cursor.close()


@transaction.atomic
def index_asset(*, asset: Asset) -> None:
    """(Re)index one asset after it was saved."""
    index_assets(asset_ids=[asset.pk])


@transaction.atomic
def index_assets(*, asset_ids: Iterable[int]) -> int:
    """(Re)index these assets, in batches; returns how many documents were written."""
    ids = list(asset_ids)
    written = 0
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        rows = list(Asset.objects.filter(pk__in=batch).order_by().values_list(*FIELDS))
        SearchDocument.objects.filter(asset_id__in=batch).delete()
        documents = _documents(rows)
        _write(documents)
        written += len(documents)
    return written


def index_new_assets(rows: list[tuple], tags: dict[int, list[str]]) -> int:
    """Index assets that were just inserted and have no document yet, from the values the
    caller already holds (tuples in the order of FIELDS; ``tags``: asset id -> tag names),
    without reading the assets back or deleting old documents: the bulk path of imports. Run
    it inside the transaction that inserted the assets."""
    written = 0
    for start in range(0, len(rows), BATCH):
        documents = _documents(rows[start : start + BATCH], tags)
        _write(documents)
        written += len(documents)
    return written


# A bulk write of this many new documents sets the full-text index aside and makes it again at
# the end, when keeping it in step row by row would cost more than making it from all rows:
# per row a trigger (SQLite) or GIN insert (PostgreSQL) costs about ten times what a row costs
# in one rebuild.
BULK_SHARE = 0.1
BULK_MIN = 20_000


def bulk_pays(new_documents: int) -> bool:
    """Whether setting the full-text index aside (``bulk_indexing``) pays for this many new
    documents, given how many the index already holds."""
    if new_documents < BULK_MIN:
        return False
    return new_documents >= BULK_SHARE * SearchDocument.objects.count()


def bulk_indexing(enabled: bool = True):
    """Within a transaction that adds many documents (a large import): on SQLite, set FTS5's
    triggers aside and make the full-text index again from all rows when the block ends. Only
    inside a transaction (``transaction.atomic``): if the block fails, the rollback brings the
    index back as it was. On PostgreSQL the GIN index stays and is kept in step row by row:
    dropping it inside the import's transaction would make every collective's searches wait
    for the whole import (a large import adds to the index, so the full rebuild's swap of
    tables does not fit either). On SQLite readers see the index as it was until the commit."""
    if not enabled or connection.vendor != "sqlite":
        return nullcontext()
    if not connection.in_atomic_block:
        raise RuntimeError("bulk_indexing runs inside a transaction")
    return _full_text_index_set_aside()


@contextmanager
def _full_text_index_set_aside():
    """SQLite, for a rebuild of the whole index and large imports: FTS5's triggers are set
    aside while the rows are written and the full-text index is made again from all rows at
    once at the end. Keeping it in step row by row took 20 of the 24 s spent writing 1,000,000
    documents; FTS5's 'rebuild' takes 2 s. The typo vocabulary's triggers likewise, and its
    table is made again from all documents at the end (``typos.remake``). Runs inside the
    caller's transaction, so a failure puts everything back. The trigger definitions are read
    from the database itself, so they stay exactly what the migrations made. (PostgreSQL's
    full rebuild swaps tables instead, see ``_rebuild_by_swap``, and large imports keep the GIN
    index: ``bulk_indexing``.)"""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s "
            "AND (name IN ('matching_fts_insert', 'matching_fts_delete') OR name LIKE %s)",
            [TABLE, f"{typos.TRIGGER}_%"],
        )
        saved = cursor.fetchall()
        for name, _sql in saved:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO matching_fts(matching_fts) VALUES ('rebuild')")
        if any(name.startswith(typos.TRIGGER) for name, _sql in saved):
            typos.remake(connection)
        for _name, sql in saved:
            cursor.execute(sql)


def _write_all(assets, table: str = TABLE, *, freeze: bool = False) -> int:
    written = 0
    last = 0
    while True:
        rows = list(assets.filter(pk__gt=last).values_list(*FIELDS)[:BATCH])
        if not rows:
            break
        last = rows[-1][0]
        batch = _documents(rows)
        _write(batch, table, freeze=freeze)
        written += len(batch)
    return written


@transaction.atomic
def rebuild_search_index(*, collective=None) -> int:
    """Throw away the index (of one collective, or all) and build it again from the assets.

    Searches keep answering from the old index while it runs (they see the new one once the
    rebuild commits); writes of the index (saving an asset) wait for it. A rebuild of
    everything sets the full-text index aside and makes it once at the end: on SQLite within
    the table (see ``_full_text_index_set_aside``; readers see the database as it was before
    the rebuild's transaction), on PostgreSQL in a new table that replaces the old one at the
    end (see ``_rebuild_by_swap``)."""
    assets = Asset.objects.order_by("pk")
    if collective is None and connection.vendor == "postgresql":
        return _rebuild_by_swap(assets)
    documents = SearchDocument.objects.all()
    if collective is not None:
        documents = documents.filter(collective=collective)
        assets = assets.filter(collective=collective)
    with _full_text_index_set_aside() if collective is None else nullcontext():
        documents._raw_delete(documents.db)  # no cascades hang on documents: one plain DELETE
        written = _write_all(assets)
    if collective is not None and _has_vocabulary():
        # The triggers kept its typo vocabulary in step; made again, it is right even if it
        # had gone wrong (as a full rebuild makes it again).
        typos.remake(connection, collective_id=collective.pk)
    return written


def _has_vocabulary() -> bool:
    """Whether the typo vocabulary's table is there (the rebuilds of migrations before 0010
    run this code without it)."""
    return typos.VOCABULARY_TABLE in connection.introspection.table_names()


NEW_TABLE = f"{TABLE}_new"
_INDEX = re.compile(r"^(CREATE (?:UNIQUE )?INDEX )(\S+)( ON (?:ONLY )?)(\S+)( USING .*)$")


def _rebuild_by_swap(assets) -> int:
    """PostgreSQL, everything: the documents go into a new table without indexes, its indexes
    and constraints are made from all rows at once (their definitions read from the live
    table, so they stay what the migrations made), and at the end it takes the live table's
    place and names. Until then searches read the live table: dropping its GIN index instead
    (as before) made every search wait for the whole rebuild. The swap itself takes the
    strongest lock on the table, for the moment between it and the commit."""
    with connection.cursor() as cursor:
        # Writers of the index wait (what they write would be lost with the old table);
        # readers go on.
        cursor.execute(f"LOCK TABLE {TABLE} IN SHARE MODE")
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid), c.conname, pg_get_constraintdef(c.oid) "
            "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid "
            "WHERE x.indrelid = %s::regclass ORDER BY x.indisprimary DESC, i.relname",
            [TABLE],
        )
        indexes = cursor.fetchall()
        # The triggers (the typo vocabulary's, the data versions'), made again on the new table
        # once it has the live table's name: none of them fires for the rebuild's own rows.
        cursor.execute(
            "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger "
            "WHERE tgrelid = %s::regclass AND NOT tgisinternal ORDER BY tgname",
            [TABLE],
        )
        triggers = cursor.fetchall()
        # Columns, NOT NULL and CHECK constraints as they are; the indexes come after the rows.
        cursor.execute(f"DROP TABLE IF EXISTS {NEW_TABLE}")
        cursor.execute(f"CREATE TABLE {NEW_TABLE} (LIKE {TABLE} INCLUDING ALL EXCLUDING INDEXES)")
    written = _write_all(assets, NEW_TABLE, freeze=True)
    renames = []
    with connection.cursor() as cursor:
        # A GIN index over 1,000,000 rows builds in 13 s with 256 MB, in 22 s with the default
        # 64 MB; for this transaction only, and never lower than configured.
        cursor.execute(
            "SELECT set_config('maintenance_work_mem', '256MB', true) "
            "WHERE pg_size_bytes(current_setting('maintenance_work_mem')) < 268435456"
        )
        for n, (name, definition, constraint, constraint_definition) in enumerate(indexes):
            temporary = f"{NEW_TABLE}_{n}"
            if constraint:  # a primary key or unique constraint, with its index
                cursor.execute(
                    f"ALTER TABLE {NEW_TABLE} ADD CONSTRAINT {temporary} {constraint_definition}"
                )
                renames.append(f"ALTER TABLE {TABLE} RENAME CONSTRAINT {temporary} TO {constraint}")
            else:
                parts = _INDEX.match(definition)
                if parts is None:
                    raise RuntimeError(f"unexpected index definition: {definition}")
                schema = parts[4].rpartition(".")[0]
                table = f"{schema}.{NEW_TABLE}" if schema else NEW_TABLE
                cursor.execute(f"{parts[1]}{temporary}{parts[3]}{table}{parts[5]}")
                renames.append(f"ALTER INDEX {temporary} RENAME TO {name}")
        if any(name.startswith(typos.TRIGGER) for name, _definition in triggers):
            # The typo vocabulary from all the new documents at once (its triggers are not on
            # the new table), before the live table is locked for the swap: searches read the
            # old vocabulary until the commit.
            typos.remake(connection, NEW_TABLE)
            cursor.execute(f"ANALYZE {typos.VOCABULARY_TABLE}")
        # The planner's statistics for the new rows, before the first search reads them.
        cursor.execute(f"ANALYZE {NEW_TABLE}")
        cursor.execute(f"DROP TABLE {TABLE}")
        cursor.execute(f"ALTER TABLE {NEW_TABLE} RENAME TO {TABLE}")
        for statement in renames:
            cursor.execute(statement)
        for _name, definition in triggers:
            cursor.execute(definition)
    return written
