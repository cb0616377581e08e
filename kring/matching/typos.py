"""Typo tolerance against a collective's own vocabulary: a word of the question that no document
has is compared with the keys the collective's documents do have (edit distance 1, 2 for long
words; a swap of two letters counts as one). The same Python code runs on SQLite and
PostgreSQL, so both correct alike.

The vocabulary (the documents' keys and words as written, each with its number of documents)
is kept in the database, in a table of its own that triggers on the search documents keep in
step (``install``, ``remake``): a collective's few hundred words, where counting them from its
documents' words columns (thousands of words, 60 kB for 1,000 documents) took 1-2 ms of a
search's CPU. It is read the first time a collective needs it, in one query or brought along
by the candidate query (PostgreSQL, see engine.candidates), and kept for ``TTL`` seconds.
Looking up a word needs no index: one mistake is found by looking up the word's own few
hundred edits, two (only when one finds nothing) by measuring the words of about the same
length that share enough pairs of letters. An index of deletions, as before, took longer to
make for a cold collective than the rest of a search."""

import threading
import time
from collections.abc import Mapping
from functools import lru_cache

from django.db import connection

from . import analysis, engine

TTL = 60.0
LONG_WORD = 8  # a word this long may have two mistakes
MIN_LENGTH = 4  # shorter keys are not corrected: too many words are one letter apart
MIN_WORD = 5  # nor are shorter words of the question ("flat" is not "laat")
MIN_COMPOUND = 9  # a word this long may be a compound with a mistake in one part
MAX_CACHED = 200  # collectives whose vocabulary a process keeps
# Words whose edits a process keeps (about 60 kB each): the same words of needs are asked in
# many collectives, and making a word's few hundred edits was a sixth of a typo search.
EDITS_CACHED = 256


def distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (Levenshtein with swaps of neighbours), or limit + 1
    when it is larger than ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed(word: str) -> int:
    return 2 if len(word) >= LONG_WORD else 1


def _bigrams(word: str) -> set[str]:
    return {word[i : i + 2] for i in range(len(word) - 1)}


def _nearest_by_scan(word: str, by_length, counts, limit: int, shortest: int) -> list[str]:
    """The words of ``counts`` within ``limit`` of ``word``, nearest and most used first,
    compared one by one: a word of about the same length (``by_length``: length -> words)
    with at most ``limit`` letters that ``word`` lacks and enough pairs of letters in common
    (one mistake changes at most three) is measured exactly. A collective's vocabulary is a
    few thousand words, so this takes about a millisecond and needs no index. Two mistakes
    in a word of fewer than LONG_WORD letters only when it is shorter than ``word`` (the
    letters too many are in the question: "gittarl" is "gitar", "reper" is not "reparer")."""
    letters = set(word)
    pairs = _bigrams(word)
    size = len(word)
    found = []
    for length in range(max(size - limit, shortest), size + limit + 1):
        if limit > 1 and length < LONG_WORD and length >= size:
            continue
        for other in by_length.get(length, ()):
            if len(set(other) - letters) > limit:
                continue
            shared = sum(1 for i in range(length - 1) if other[i : i + 2] in pairs)
            if shared < length - 1 - 3 * limit:
                continue
            d = distance(word, other, limit)
            if 0 < d <= limit:
                found.append((d, -counts[other], other))
    return [k for _d, _n, k in sorted(found)[:3]]


def _by_length(counts) -> dict[int, list[str]]:
    result: dict[int, list[str]] = {}
    for word in counts:
        result.setdefault(len(word), []).append(word)
    return result


LETTERS = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=EDITS_CACHED)
def _edits(word: str) -> frozenset[str]:
    """Every word one deletion, swap of neighbours, replacement or insertion from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    result = {a + b[1:] for a, b in splits if b}
    result.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    result.update(a + c + b[1:] for a, b in splits if b for c in LETTERS)
    result.update(a + c + b for a, b in splits for c in LETTERS)
    result.discard(word)
    return frozenset(result)


def _nearest_by_edits(word: str, counts, shortest: int) -> list[str]:
    """The words of ``counts`` one mistake from ``word``, most used first, without an index:
    the word's own edits are a few hundred, each looked up in ``counts`` (making the index of
    deletions of a collective's words took longer than a whole search)."""
    found = [k for k in counts.keys() & _edits(word) if len(k) >= shortest]
    return [k for _n, k in sorted((-counts[k], k) for k in found)[:3]]


class Vocabulary:
    """A collective's keys and its words as written (folded), each with how many documents
    have it. Keys catch a mistake that leaves the stem alone ("schilderren"); words as written
    catch one that changes the stem ("reperaren" has the stem "reper", "repareren" "reparer")."""

    def __init__(self, counts: Mapping[str, int], surfaces: Mapping[str, int] | None = None):
        self.counts = counts
        self.surfaces = surfaces if surfaces is not None else {}
        # Made the first time a word needs two mistakes (a dict assignment: safe across threads).
        self._keys_by_length: dict[int, list[str]] | None = None
        self._surfaces_by_length: dict[int, list[str]] | None = None

    def corrections(self, key: str, limit: int) -> list[str]:
        """Keys of the collective within ``limit`` of ``key``, nearest and most used first."""
        if len(key) < MIN_LENGTH - 1 or key in self.counts:
            return []
        # One mistake is looked for first, without an index; a second only when none is found.
        found = _nearest_by_edits(key, self.counts, MIN_LENGTH - 1)
        if found or limit == 1:
            return found
        if self._keys_by_length is None:
            self._keys_by_length = _by_length(self.counts)
        return _nearest_by_scan(key, self._keys_by_length, self.counts, limit, MIN_LENGTH - 1)

    def with_letter_added(self, key: str) -> list[str]:
        """Keys of the collective that are ``key`` with one letter added, most used first: for
        a short part of a compound, whose other neighbours are too many ("opas": oppas)."""
        if key in self.counts:
            return []
        found = [k for k in self.counts.keys() & _edits(key) if len(k) > len(key)]
        return [k for _n, k in sorted((-self.counts[k], k) for k in found)[:3]]

    def word_corrections(self, word: str, limit: int) -> list[str]:
        """Words of the collective as written within ``limit`` of ``word`` (folded), nearest
        and most used first."""
        if len(word) < MIN_WORD or word in self.surfaces:
            return []
        found = _nearest_by_edits(word, self.surfaces, MIN_WORD)
        if found or limit == 1:
            return found
        if self._surfaces_by_length is None:
            self._surfaces_by_length = _by_length(self.surfaces)
        return _nearest_by_scan(word, self._surfaces_by_length, self.surfaces, limit, MIN_WORD)


WRITTEN = "="  # in a document's words column, in front of a word as written


def document_words(keys, title: str, description: str = "") -> str:
    """A search document's words column (``SearchDocument.words``): each of its keys once,
    then each word of its title and description as written (folded, long enough to correct)
    once with WRITTEN in front, sorted. The database counts these columns per collective into
    the vocabulary table (see ``install``): reading the assets' texts and every key of every
    document for it was most of a search with a typo."""
    written = {
        WRITTEN + word
        for word in analysis.words(f"{title} {description[:2000]}")
        if len(word) >= MIN_WORD and not word.isdigit()
    }
    return " ".join(sorted(set(keys)) + sorted(written))


VOCABULARY_TABLE = "matching_typoword"  # models.TypoWord
TRIGGER = "matching_typo_words"
_OPS = ("insert", "update", "delete", "truncate")


def _pairs(text: str) -> dict[str, int]:
    """``"fiets 12 fietsen 3"`` -> {"fiets": 12, "fietsen": 3}, in one go."""
    items = iter(text.split())
    return dict(zip(items, map(int, items), strict=True))


def parsed(keys: str | None, written: str | None) -> Vocabulary:
    """The vocabulary from what ``READ_SQL`` (or the candidate query, see
    engine._vocabulary_row) answers: its keys and its words as written, each followed by
    how many documents have it, all separated by spaces."""
    return Vocabulary(_pairs(keys or ""), _pairs(written or ""))


def read_sql(vendor: str) -> str:
    """One row: the keys of a collective's vocabulary with their counts, and its words as
    written (without their mark) with theirs, as text (a few hundred words: one value each
    instead of a row each)."""
    agg = "string_agg" if vendor == "postgresql" else "group_concat"
    first = f"substr(word, 1, {len(WRITTEN)})"
    return (
        f"SELECT {agg}(word || ' ' || documents, ' ') FILTER (WHERE {first} <> '{WRITTEN}'), "
        f"{agg}(substr(word, {len(WRITTEN) + 1}) || ' ' || documents, ' ') "
        f"FILTER (WHERE {first} = '{WRITTEN}') FROM {VOCABULARY_TABLE} WHERE collective_id = %s"
    )


# The vocabulary in the database ------------------------------------------------------------
# Each collective's words with their number of documents, kept by triggers on the search
# documents (a statement-level one with transition tables on PostgreSQL: an import's batch of
# thousands of documents is one update of the counts; one per row on SQLite, which has no
# other kind). A word counts once per document. A full rebuild of the index sets them aside
# and makes the table again from all documents at once (``remake``).


def _sqlite_array(row: str) -> str:
    # A words column is words of letters and digits (with WRITTEN in front of some) separated
    # by single spaces: as a JSON array it can be read with json_each, SQLite's only way to
    # split a text inside a trigger (common table expressions are not allowed there).
    return f"json_each('[\"' || replace({row}.words, ' ', '\",\"') || '\"]')"


def _sqlite_triggers(table: str) -> list[str]:
    def add(row: str) -> str:
        return (
            f"INSERT INTO {VOCABULARY_TABLE} (collective_id, word, documents) "
            f"SELECT DISTINCT {row}.collective_id, value, 1 FROM {_sqlite_array(row)} "
            "WHERE value <> '' "
            "ON CONFLICT (collective_id, word) DO UPDATE SET documents = documents + 1;"
        )

    def remove(row: str) -> str:
        words = f"(SELECT value FROM {_sqlite_array(row)})"
        return (
            f"UPDATE {VOCABULARY_TABLE} SET documents = max(documents - 1, 0) "
            f"WHERE collective_id = {row}.collective_id AND word IN {words}; "
            f"DELETE FROM {VOCABULARY_TABLE} WHERE collective_id = {row}.collective_id "
            f"AND documents = 0 AND word IN {words};"
        )

    changed = "OLD.words IS NOT NEW.words OR OLD.collective_id IS NOT NEW.collective_id"
    return [
        f"CREATE TRIGGER {TRIGGER}_insert AFTER INSERT ON {table} FOR EACH ROW "
        f"WHEN NEW.words <> '' BEGIN {add('NEW')} END",
        f"CREATE TRIGGER {TRIGGER}_update AFTER UPDATE OF words, collective_id ON {table} "
        f"FOR EACH ROW WHEN {changed} BEGIN {remove('OLD')} {add('NEW')} END",
        f"CREATE TRIGGER {TRIGGER}_delete AFTER DELETE ON {table} FOR EACH ROW "
        f"WHEN OLD.words <> '' BEGIN {remove('OLD')} END",
    ]


def _pg_counted(rows: str, condition: str = "") -> str:
    """(collective, word, documents) of the rows of ``rows`` (as ``r``, with ``condition``),
    a word once per document."""
    return (
        f"SELECT r.collective_id, w.word, count(*) FROM {rows} AS r CROSS JOIN LATERAL "
        "(SELECT DISTINCT unnest(string_to_array(r.words, ' '))) AS w(word) "
        f"WHERE w.word <> '' {condition} GROUP BY 1, 2"
    )


def _pg_add(rows: str) -> str:
    # In the order of the unique index, so that two writers lock words in the same order
    # (writers of one collective already wait for each other at its data version's row,
    # which kring.core.versioning's triggers take first: their names sort before these).
    return (
        f"INSERT INTO {VOCABULARY_TABLE} AS v (collective_id, word, documents) "
        f"{_pg_counted(rows)} ORDER BY 1, 2 ON CONFLICT (collective_id, word) "
        "DO UPDATE SET documents = v.documents + EXCLUDED.documents"
    )


def _pg_triggers(table: str) -> list[str]:
    function = f"""CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM {VOCABULARY_TABLE};
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        UPDATE {VOCABULARY_TABLE} AS v SET documents = greatest(v.documents - g.n, 0)
        FROM ({_pg_counted("matching_old")}) AS g(collective_id, word, n)
        WHERE v.collective_id = g.collective_id AND v.word = g.word;
        DELETE FROM {VOCABULARY_TABLE} WHERE documents = 0
        AND collective_id IN (SELECT DISTINCT collective_id FROM matching_old);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        {_pg_add("matching_new")};
    END IF;
    RETURN NULL;
END $$"""
    referencing = {
        "insert": "REFERENCING NEW TABLE AS matching_new",
        "update": "REFERENCING OLD TABLE AS matching_old NEW TABLE AS matching_new",
        "delete": "REFERENCING OLD TABLE AS matching_old",
        "truncate": "",
    }
    return [function] + [
        f"CREATE TRIGGER {TRIGGER}_{op} AFTER {op.upper()} ON {table} {referencing[op]} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}()"
        for op in _OPS
    ]


def drop_triggers(connection, table: str = engine.TABLE) -> None:
    on = f" ON {table}" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        for op in _OPS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER}_{op}{on}")


def install(connection, table: str = engine.TABLE) -> None:
    """(Re)create the triggers that keep the vocabulary table in step with the documents."""
    drop_triggers(connection, table)
    postgresql = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        for statement in _pg_triggers(table) if postgresql else _sqlite_triggers(table):
            cursor.execute(statement)


def remake(connection, table: str = engine.TABLE, collective_id: int | None = None) -> None:
    """The vocabulary table made again from all documents of ``table`` (after a full rebuild
    of the index, which writes its documents with the triggers set aside), or only the
    collective's (a rebuild of one collective puts right what had gone wrong)."""
    where, params = ("WHERE collective_id = %s", [collective_id]) if collective_id else ("", [])
    one = "AND {}.collective_id = %s" if collective_id else ""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {VOCABULARY_TABLE} {where}", params)
        if connection.vendor == "postgresql":
            cursor.execute(
                f"INSERT INTO {VOCABULARY_TABLE} (collective_id, word, documents) "
                f"{_pg_counted(table, one.format('r'))} ORDER BY 1, 2",
                params,
            )
        else:
            cursor.execute(
                f"INSERT INTO {VOCABULARY_TABLE} (collective_id, word, documents) "
                "SELECT collective_id, value, count(*) FROM (SELECT DISTINCT d.asset_id, "
                f"d.collective_id, j.value FROM {table} AS d, {_sqlite_array('d')} AS j "
                f"WHERE d.words <> '' AND j.value <> '' {one.format('d')}) GROUP BY 1, 2",
                params,
            )


_cache: dict[int, tuple[float, int, Vocabulary]] = {}
_lock = threading.Lock()


def cached(collective_id: int) -> tuple[int, Vocabulary] | None:
    """The collective's vocabulary if this process read it less than ``TTL`` seconds ago, with
    its number of documents then (the caller compares it with the count its search brings)."""
    with _lock:
        known = _cache.get(collective_id)
    if known and time.monotonic() - known[0] < TTL:
        return known[1], known[2]
    return None


def vocabulary(
    collective_id: int, documents: int, read: tuple[str | None, str | None] | None = None
) -> Vocabulary:
    """The collective's vocabulary; read again after ``TTL`` seconds or when its number of
    documents (which the candidate query brings) changed. ``read``: what the candidate query
    already brought along (engine.Found.vocabulary), so it is not read again."""
    now = time.monotonic()
    with _lock:
        known = _cache.get(collective_id)
    if known and now - known[0] < TTL and known[1] == documents:
        return known[2]
    if read is None:
        with connection.cursor() as cursor:
            cursor.execute(read_sql(connection.vendor), [collective_id])
            read = cursor.fetchone()
    result = parsed(*read)
    with _lock:
        if len(_cache) >= MAX_CACHED:
            _cache.pop(min(_cache, key=lambda c: _cache[c][0]))
        _cache[collective_id] = (now, documents, result)
    return result


def forget() -> None:
    """Drop every cached vocabulary (tests that change documents and search again at once)."""
    with _lock:
        _cache.clear()
