"""Typo tolerance against a collective's own vocabulary: a word of the question that no document
has is compared with the keys the collective's documents do have (edit distance 1, 2 for long
words; a swap of two letters counts as one). The same Python code runs on SQLite and
PostgreSQL, so both correct alike.

The vocabulary is read from the search documents (one query) the first time a collective needs
it and kept for ``TTL`` seconds; looking up a word uses the deletions of both words (a word
within distance d of another shares a form with at most d letters deleted), so it does not
compare the word with every key."""

import threading
import time

from django.db import connection

from kring.assets.models import Asset

from . import analysis, engine

TTL = 60.0
LONG_WORD = 8  # a word this long may have two mistakes
MIN_LENGTH = 4  # shorter keys are not corrected: too many words are one letter apart
MIN_WORD = 5  # nor are shorter words of the question ("flat" is not "laat")
MIN_COMPOUND = 9  # a word this long may be a compound with a mistake in one part
MAX_CACHED = 200  # collectives whose vocabulary a process keeps


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


def _deletions(word: str, depth: int) -> set[str]:
    """The word and every form of it with up to ``depth`` letters deleted (none shorter than
    MIN_LENGTH - 2), made by slicing: a tenth of the time of choosing positions to drop."""
    result = {word}
    layer = {word}
    for _ in range(depth):
        shorter = set()
        for form in layer:
            if len(form) - 1 < MIN_LENGTH - 2:
                continue
            for i in range(len(form)):
                shorter.add(form[:i] + form[i + 1 :])
        result |= shorter
        layer = shorter
    return result


def allowed(word: str) -> int:
    return 2 if len(word) >= LONG_WORD else 1


def _by_deletion(counts: dict[str, int], shortest: int) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for word in counts:
        if len(word) >= shortest:
            for form in _deletions(word, allowed(word)):
                index.setdefault(form, []).append(word)
    return index


def _nearest(word: str, counts, index, limit: int) -> list[str]:
    seen: dict[str, int] = {}
    for form in _deletions(word, limit):
        for candidate in index.get(form, ()):
            if candidate not in seen:
                seen[candidate] = distance(word, candidate, limit)
    found = [(d, -counts[k], k) for k, d in seen.items() if d <= limit]
    return [k for _d, _n, k in sorted(found)[:3]]


class Vocabulary:
    """A collective's keys and its words as written (folded), each with how many documents
    have it. Keys catch a mistake that leaves the stem alone ("schilderren"); words as written
    catch one that changes the stem ("reperaren" has the stem "reper", "repareren" "reparer")."""

    def __init__(self, counts: dict[str, int], surfaces: dict[str, int] | None = None):
        self.counts = counts
        self.by_deletion = _by_deletion(counts, MIN_LENGTH - 1)
        self.surfaces = surfaces or {}
        self._surfaces_by_deletion: dict[str, list[str]] | None = None
        self._lock = threading.Lock()

    @property
    def surfaces_by_deletion(self) -> dict[str, list[str]]:
        # Made the first time a word is not found by its key: most searches never need it.
        if self._surfaces_by_deletion is None:
            with self._lock:
                if self._surfaces_by_deletion is None:
                    self._surfaces_by_deletion = _by_deletion(self.surfaces, MIN_WORD)
        return self._surfaces_by_deletion

    def corrections(self, key: str, limit: int) -> list[str]:
        """Keys of the collective within ``limit`` of ``key``, nearest and most used first."""
        if len(key) < MIN_LENGTH - 1 or key in self.counts:
            return []
        return _nearest(key, self.counts, self.by_deletion, limit)

    def word_corrections(self, word: str, limit: int) -> list[str]:
        """Words of the collective as written within ``limit`` of ``word`` (folded), nearest
        and most used first."""
        if len(word) < MIN_WORD or word in self.surfaces:
            return []
        return _nearest(word, self.surfaces, self.surfaces_by_deletion, limit)


_cache: dict[int, tuple[float, int, Vocabulary]] = {}
_lock = threading.Lock()


def vocabulary(collective_id: int, documents: int) -> Vocabulary:
    """The collective's vocabulary; read again after ``TTL`` seconds or when its number of
    documents (which the candidate query brings) changed."""
    now = time.monotonic()
    with _lock:
        known = _cache.get(collective_id)
    if known and now - known[0] < TTL and known[1] == documents:
        return known[2]
    cut = len(engine.prefix(collective_id))
    counts: dict[str, int] = {}
    surfaces: dict[str, int] = {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT keys FROM {engine.TABLE} WHERE collective_id = %s", [collective_id])
        for (keys,) in cursor.fetchall():
            for token in set(keys.split()):
                token = token[cut:]
                counts[token] = counts.get(token, 0) + 1
        # The words as written: the assets' titles and descriptions (labels are in the keys).
        cursor.execute(
            f"SELECT a.title, SUBSTR(a.description, 1, 2000) FROM {Asset._meta.db_table} a "
            f"JOIN {engine.TABLE} d ON d.asset_id = a.id WHERE d.collective_id = %s",
            [collective_id],
        )
        for title, description in cursor.fetchall():
            for word in set(analysis.words(f"{title} {description}")):
                if len(word) >= MIN_WORD and not word.isdigit():
                    surfaces[word] = surfaces.get(word, 0) + 1
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
