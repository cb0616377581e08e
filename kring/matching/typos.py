"""Typo tolerance against a collective's own vocabulary: a word of the question that no document
has is compared with the keys the collective's documents do have (edit distance 1, 2 for long
words; a swap of two letters counts as one). The same Python code runs on SQLite and
PostgreSQL, so both correct alike.

The vocabulary (the documents' keys and their assets' words as written) is read the first time
a collective needs it, in one query or brought along by the candidate query (PostgreSQL, see
engine.candidates), and kept for ``TTL`` seconds. Looking up
a word needs no index: one mistake is found by looking up the word's own few hundred edits, two
(only when one finds nothing) by measuring the words of about the same length that share
enough pairs of letters. An index of deletions, as before, took longer to make for a cold
collective than the rest of a search."""

import threading
import time
from collections import Counter
from functools import lru_cache
from itertools import chain

from django.db import connection

from kring.assets.models import Asset

from . import analysis, engine

TTL = 60.0
LONG_WORD = 8  # a word this long may have two mistakes
MIN_LENGTH = 4  # shorter keys are not corrected: too many words are one letter apart
MIN_WORD = 5  # nor are shorter words of the question ("flat" is not "laat")
MIN_COMPOUND = 9  # a word this long may be a compound with a mistake in one part
MAX_CACHED = 200  # collectives whose vocabulary a process keeps
KEEP_TEXTS = 1_000_000  # characters of a collective's texts kept until its words are needed


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


def _edits(word: str) -> set[str]:
    """Every word one deletion, swap of neighbours, replacement or insertion from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    result = {a + b[1:] for a, b in splits if b}
    result.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    result.update(a + c + b[1:] for a, b in splits if b for c in LETTERS)
    result.update(a + c + b for a, b in splits for c in LETTERS)
    result.discard(word)
    return result


def _nearest_by_edits(word: str, counts, shortest: int) -> list[str]:
    """The words of ``counts`` one mistake from ``word``, most used first, without an index:
    the word's own edits are a few hundred, each looked up in ``counts`` (making the index of
    deletions of a collective's words took longer than a whole search)."""
    found = [k for k in _edits(word) if len(k) >= shortest and k in counts]
    return [k for _n, k in sorted((-counts[k], k) for k in found)[:3]]


class Vocabulary:
    """A collective's keys and its words as written (folded), each with how many documents
    have it. Keys catch a mistake that leaves the stem alone ("schilderren"); words as written
    catch one that changes the stem ("reperaren" has the stem "reper", "repareren" "reparer")."""

    def __init__(self, counts: dict[str, int], surfaces=None):
        """``surfaces``: the words as written with their counts, or a function that reads
        them (called the first time a word is not found by its key: most searches never
        need them)."""
        self.counts = counts
        self._surfaces = surfaces if surfaces is not None else {}
        self._lock = threading.Lock()
        # Made the first time a word needs two mistakes (a dict assignment: safe across threads).
        self._keys_by_length: dict[int, list[str]] | None = None
        self._surfaces_by_length: dict[int, list[str]] | None = None

    @property
    def surfaces(self) -> dict[str, int]:
        if callable(self._surfaces):
            with self._lock:
                if callable(self._surfaces):
                    self._surfaces = self._surfaces()
        return self._surfaces

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


def _words_as_written(text: str) -> frozenset[str]:
    """The words of an asset's text as written (folded) that a question's word may be near."""
    return frozenset(
        word for word in analysis.words(text) if len(word) >= MIN_WORD and not word.isdigit()
    )


_short_words_as_written = lru_cache(maxsize=50_000)(_words_as_written)


def _surfaces_of(text: str) -> frozenset[str]:
    # Titles repeat across a collective's gifts: short ones are read once per process.
    return _short_words_as_written(text) if len(text) <= 200 else _words_as_written(text)


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
    collective_id: int, documents: int, read: tuple[str, str] | None = None
) -> Vocabulary:
    """The collective's vocabulary; read again after ``TTL`` seconds or when its number of
    documents (which the candidate query brings) changed. ``read``: what the candidate query
    already brought along (engine.Found.vocabulary), so it is not read again."""
    now = time.monotonic()
    with _lock:
        known = _cache.get(collective_id)
    if known and now - known[0] < TTL and known[1] == documents:
        return known[2]
    cut = len(engine.prefix(collective_id))
    if read is not None:
        keys_per_document = read[0].split("|") if read[0] else []
        texts = read[1].split(engine.TEXT_SEP) if read[1] else []
    else:
        # The keys and the words as written in one query: most searches that need the
        # vocabulary (a word the collective lacks) need the words as written too.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.keys, a.title, SUBSTR(a.description, 1, 2000) FROM {engine.TABLE} d "
                f"LEFT JOIN {Asset._meta.db_table} a ON a.id = d.asset_id "
                "WHERE d.collective_id = %s",
                [collective_id],
            )
            rows = cursor.fetchall()
        keys_per_document = [keys for keys, _t, _d in rows]
        # Only documents whose asset is there (a document may be a moment behind).
        texts = [f"{title} {description}" for _k, title, description in rows if title is not None]
    # Each document counts a word once; counted in one go (Counter.update per document was
    # half of reading a collective's vocabulary).
    tokens = Counter(chain.from_iterable(set(keys.split()) for keys in keys_per_document))
    counts = {token[cut:]: n for token, n in tokens.items()}

    def surfaces() -> dict[str, int]:
        return dict(Counter(chain.from_iterable(_surfaces_of(text) for text in texts)))

    # The words as written are made from the texts the first time a key finds no correction
    # (a third of the searches that need the vocabulary never do); a large collective's texts
    # are not kept waiting in the cache for it.
    if sum(map(len, texts)) > KEEP_TEXTS:
        surfaces = surfaces()

    result = Vocabulary(counts, surfaces)
    with _lock:
        if len(_cache) >= MAX_CACHED:
            _cache.pop(min(_cache, key=lambda c: _cache[c][0]))
        _cache[collective_id] = (now, documents, result)
    return result


def forget() -> None:
    """Drop every cached vocabulary (tests that change documents and search again at once)."""
    with _lock:
        _cache.clear()
