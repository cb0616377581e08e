"""Typo tolerance against a collective's own vocabulary: a word of the question that no document
has is compared with the keys the collective's documents do have (edit distance 1, 2 for long
words; a swap of two letters counts as one). The same Python code runs on SQLite and
PostgreSQL, so both correct alike.

The vocabulary (the documents' keys and words as written) is read the first time
a collective needs it, in one query or brought along by the candidate query (PostgreSQL, see
engine.candidates), and kept for ``TTL`` seconds. Looking up
a word needs no index: one mistake is found by looking up the word's own few hundred edits, two
(only when one finds nothing) by measuring the words of about the same length that share
enough pairs of letters. An index of deletions, as before, took longer to make for a cold
collective than the rest of a search."""

import threading
import time
from collections.abc import Iterator, Mapping
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
    by_length = getattr(counts, "by_length", None)  # a _Tally groups its words in one go
    if by_length is not None:
        return by_length()
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
    edits = _edits(word)
    among = getattr(counts, "among", None)  # a _Tally looks them up in one go
    known = among(edits) if among is not None else [k for k in edits if k in counts]
    found = [k for k in known if len(k) >= shortest]
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
    once with WRITTEN in front, sorted. A collective's vocabulary is then these columns
    counted in one go: reading the assets' texts and every key of every document for it was
    most of a search with a typo."""
    written = {
        WRITTEN + word
        for word in analysis.words(f"{title} {description[:2000]}")
        if len(word) >= MIN_WORD and not word.isdigit()
    }
    return " ".join(sorted(set(keys)) + sorted(written))


class _Words:
    """The words columns of a collective's documents, as one set of words: a search asks
    whether a few hundred words are among them and how many documents have the few it finds.
    Counting every word of a thousand documents up front (a ``Counter`` and splitting it
    into keys and words as written) took longer than the rest of a search with a typo; here
    a word is counted the first time its count is asked for."""

    __slots__ = ("_columns", "_counted", "_spaced", "keys", "words", "written")

    def __init__(self, columns: str):
        self._columns = columns
        self.words = frozenset(columns.split())
        # The words as written without their mark, and the keys, apart: a word's edits are
        # then looked up as they are (not each marked first), and grouped by length at once.
        cut = len(WRITTEN)
        self.written = frozenset(w[cut:] for w in self.words if w[0] == WRITTEN)
        self.keys = frozenset(w for w in self.words if w[0] != WRITTEN)
        self._counted: dict[str, int] = {}
        self._spaced: str | None = None

    def count(self, word: str) -> int:
        """How many documents have ``word`` (one of ``words``): each column has a word once,
        so the word's occurrences in the columns are its documents."""
        found = self._counted.get(word)
        if found is None:
            spaced = self._spaced
            if spaced is None:
                # Each word between two spaces of its own, so that " word " is found once per
                # occurrence and never inside another word. When the columns are words with
                # one space between them (always so, but checked), that is one replace.
                text = self._columns
                plain = text.isprintable() and "  " not in text and text == text.strip()
                joined = text.replace(" ", "  ") if plain else "  ".join(text.split())
                spaced = self._spaced = f" {joined} "
            found = self._counted[word] = spaced.count(f" {word} ")
        return found


class _Tally(Mapping):
    """Keys (``written`` False) or words as written (True) of a ``_Words``, each with how many
    documents have it, as a read-only mapping counted on demand."""

    __slots__ = ("_words", "_written")

    def __init__(self, words: _Words, written: bool):
        self._words, self._written = words, written

    def _own(self, word) -> str | None:
        if not isinstance(word, str) or not word:
            return None
        if self._written:
            return WRITTEN + word
        return None if word[0] == WRITTEN else word

    def _own_words(self) -> frozenset[str]:
        return self._words.written if self._written else self._words.keys

    def __contains__(self, word) -> bool:
        own = self._own(word)
        return own is not None and own in self._words.words

    def among(self, words) -> frozenset[str]:
        """Those of ``words`` that are here: one set operation instead of a look-up each (a
        word's edits are a few hundred)."""
        return self._own_words().intersection(words)

    def by_length(self) -> dict[int, list[str]]:
        """Length -> the words here of that length."""
        result: dict[int, list[str]] = {}
        for word in self._own_words():
            result.setdefault(len(word), []).append(word)
        return result

    def __getitem__(self, word) -> int:
        own = self._own(word)
        if own is None or own not in self._words.words:
            raise KeyError(word)
        return self._words.count(own)

    def __iter__(self) -> Iterator[str]:
        return iter(self._own_words())

    def __len__(self) -> int:
        return len(self._own_words())


def counted(columns: str) -> Vocabulary:
    """The vocabulary of the documents whose words columns are ``columns`` (joined by
    spaces): each column has a word once, so counting a word counts its documents (done
    only for the words a search finds, see _Words)."""
    words = _Words(columns)
    return Vocabulary(_Tally(words, written=False), _Tally(words, written=True))


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


def vocabulary(collective_id: int, documents: int, read: str | None = None) -> Vocabulary:
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
            cursor.execute(
                f"SELECT words FROM {engine.TABLE} WHERE collective_id = %s", [collective_id]
            )
            read = " ".join(words for (words,) in cursor.fetchall())
    result = counted(read)
    with _lock:
        if len(_cache) >= MAX_CACHED:
            _cache.pop(min(_cache, key=lambda c: _cache[c][0]))
        _cache[collective_id] = (now, documents, result)
    return result


def forget() -> None:
    """Drop every cached vocabulary (tests that change documents and search again at once)."""
    with _lock:
        _cache.clear()
