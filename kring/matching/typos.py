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
from itertools import combinations

from django.db import connection

from . import engine

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
    result = {word}
    for n in range(1, depth + 1):
        if len(word) - n < MIN_LENGTH - 2:
            break
        for cut in combinations(range(len(word)), n):
            result.add("".join(c for i, c in enumerate(word) if i not in cut))
    return result


def allowed(word: str) -> int:
    return 2 if len(word) >= LONG_WORD else 1


class Vocabulary:
    def __init__(self, counts: dict[str, int]):
        self.counts = counts
        self.by_deletion: dict[str, list[str]] = {}
        for key in counts:
            if len(key) >= MIN_LENGTH - 1:
                for form in _deletions(key, allowed(key)):
                    self.by_deletion.setdefault(form, []).append(key)

    def corrections(self, key: str, limit: int) -> list[str]:
        """Keys of the collective within ``limit`` of ``key``, nearest and most used first."""
        if len(key) < MIN_LENGTH - 1 or key in self.counts:
            return []
        seen: dict[str, int] = {}
        for form in _deletions(key, limit):
            for candidate in self.by_deletion.get(form, ()):
                if candidate not in seen:
                    seen[candidate] = distance(key, candidate, limit)
        found = [(d, -self.counts[k], k) for k, d in seen.items() if d <= limit]
        return [k for _d, _n, k in sorted(found)[:3]]


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
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT keys FROM {engine.TABLE} WHERE collective_id = %s", [collective_id])
        for (keys,) in cursor.fetchall():
            for token in set(keys.split()):
                token = token[cut:]
                counts[token] = counts.get(token, 0) + 1
    result = Vocabulary(counts)
    with _lock:
        if len(_cache) >= MAX_CACHED:
            _cache.pop(min(_cache, key=lambda c: _cache[c][0]))
        _cache[collective_id] = (now, documents, result)
    return result


def forget() -> None:
    """Drop every cached vocabulary (tests that change documents and search again at once)."""
    with _lock:
        _cache.clear()
