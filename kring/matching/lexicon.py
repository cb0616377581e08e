"""Related words and English-Dutch word pairs from data/lexicon.json (made by build_lexicon.py
from FreeDict and WordNet; see kring/matching/__init__.py), read once per process and looked up by
matching key, so that every form of a word finds them."""

import difflib
import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from . import analysis

PATH = analysis.DATA / "lexicon.json"
MAX_RELATED = 6  # same sense or derived
MAX_WIDE = 4  # the wider links: a shared topic, a part or a whole, a kind
MAX_GLOSS = 10  # the words a definition names, or whose definition names this word
WIDE = ("topic", "part", "kind", "gloss")
MAX_TRANSLATIONS = 4
# An English word that is also a common Dutch word (Zipf >= this) is not asked for a Dutch word
# it differs from: Dutch gifts have it in its Dutch sense (kweken: "school", found "Basisschool";
# roest: "rust", deur: "door"). The price: a loanword of the same sense is left out too
# (atelier: "workshop"), where the gift's Dutch word usually answers anyway.
FALSE_FRIEND_ZIPF = 4.5
# An English word with one of these endings is looked up by its key (the stem it shares with
# its other forms); any other by itself first (see Lexicon._own_dutch).
INFLECTED_ENDINGS = ("s", "ed", "ing")
# A related word whose key an adjective or adverb shares that is used this much more (Zipf) is
# left out: gifts with that key nearly always say the adjective (goedje: goed).
UNLINKED_MARGIN = 2.0
MIN_ENGLISH_PART = 3  # an English compound's parts: hair + cut, not ha + ircut


@dataclass(frozen=True)
class Entry:
    word: str  # as the lexicon writes it, for the reason shown
    key: str
    kind: str  # "same", "derived", "topic", "part", "kind", "gloss" (related); "english", "dutch"


class Lexicon:
    def __init__(self, data: dict):
        # A question's words are looked up once per word and lexicon, not once per search:
        # their keys, frequencies and lists cost a tenth of a search's own CPU. The tables do
        # not change after loading, so the answer for a word does not either (callers get a
        # copy). Kept per lexicon, so a lexicon loaded again starts afresh.
        self._related_to = lru_cache(maxsize=50_000)(self._look_up_related)
        self._translations_of = lru_cache(maxsize=50_000)(self._look_up_translations)
        self.related: dict[str, list[Entry]] = {}
        for word, others in data.get("related", {}).items():
            found = self.related.setdefault(analysis.key(word), [])
            for other, kind in others:
                entry = Entry(other, analysis.key(other), kind)
                if all(e.key != entry.key for e in found):
                    found.append(entry)
        # Words used mostly as adjectives or adverbs: no related words, not even those of
        # another word of their key (buiten: buit).
        self.unlinked = frozenset(data.get("unlinked", ()))
        # Their keys, with how much the most used of them is used: a related word of such a
        # key that is far rarer (goedje: goed) would be found in every gift that says "goed"
        # ("kan goed luisteren"), so it is left out; woning (gewoon) or grootte (groot) stay.
        self._unlinked_zipf: dict[str, float] = {}
        for word in self.unlinked:
            word_key = analysis.key(word)
            self._unlinked_zipf[word_key] = max(
                self._unlinked_zipf.get(word_key, 0.0), analysis.vocabulary.zipf(word)
            )
        # A word -> the verbs made of it that mean "make it so" (kort: inkorten, verkorten).
        self.made: dict[str, list[Entry]] = {}
        for word, verbs in data.get("made", {}).items():
            found = self.made.setdefault(analysis.key(word), [])
            for verb in verbs:
                if all(e.key != analysis.key(verb) for e in found):
                    found.append(Entry(verb, analysis.key(verb), "made"))
        # An English noun -> its irregular plurals whose key differs (shelf: shelves, which
        # Snowball's English stemmer makes "shelv"): a Dutch word's English noun asks for them
        # too, as forms of the same word, for the gifts written in English.
        self.plurals: dict[str, list[Entry]] = {
            english: [Entry(plural, analysis.key(plural), "english") for plural in plurals]
            for english, plurals in data.get("plurals", {}).items()
        }
        # Two directions kept apart: an English key and a Dutch key may be spelt alike
        # ("kindr" is kindred's stem and the stem of a misspelt "kindren").
        self.from_english: dict[str, list[Entry]] = {}
        self.from_dutch: dict[str, list[Entry]] = {}
        rank: dict[tuple[str, str], int] = {}  # (Dutch key, English word) -> place
        # A Dutch word's English words in the order of use the builder gives them (broek:
        # trousers, pants, shorts; not marsh first), then those it is the first Dutch word of,
        # then the most used: huis is "house" before "barn" or "blast".
        # Words of one key (grond, grondig): the more used Dutch word's English words first.
        listed: dict[tuple[str, str], int] = {}
        places: dict[str, int] = {}
        translations = data.get("translations", {})
        for dutch in sorted(translations, key=lambda w: (-analysis.vocabulary.zipf(w), w)):
            dutch_key = analysis.key(dutch)
            for english in translations[dutch]:
                if (dutch_key, english) not in listed:
                    listed[(dutch_key, english)] = places.get(dutch_key, 0)
                    places[dutch_key] = places.get(dutch_key, 0) + 1
                self._pair(
                    self.from_dutch, dutch_key, Entry(english, analysis.key(english), "english")
                )
                rank.setdefault((dutch_key, english), 0)
        # Each English word's own Dutch words too: two English words of one key (practice,
        # practical: "practic") are not the same word, and the word asked says which is meant.
        self.from_english_word: dict[str, list[Entry]] = {}
        for english, dutch_words in data.get("english", {}).items():
            english_key = analysis.key(english)
            for dutch in dutch_words:
                self._pair(
                    self.from_english_word,
                    english,
                    Entry(dutch, analysis.key(dutch), "dutch"),
                    own_key=english_key,
                )
            for place, dutch in enumerate(dutch_words):
                dutch_key = analysis.key(dutch)
                self._pair(self.from_english, english_key, Entry(dutch, dutch_key, "dutch"))
                self._pair(self.from_dutch, dutch_key, Entry(english, english_key, "english"))
                rank.setdefault((dutch_key, english), place)
        # The Dutch words the lexicon writes, by key: a misspelt word with the key of one of
        # them ("schilderren": schilderen) is shown beside the word the lexicon knows.
        self._dutch_words: dict[str, list[str]] = {}
        for dutch in chain(data.get("related", {}), translations):
            self._dutch_words.setdefault(analysis.key(dutch), []).append(dutch)
        self._spelt = lru_cache(maxsize=10_000)(self._look_up_spelt)
        self._english_parts = lru_cache(maxsize=10_000)(self._look_up_english_parts)
        # Every word the lexicon has an entry for, Dutch or English (see ``knows``).
        self._words = frozenset(
            chain(data.get("related", {}), translations, data.get("english", {}))
        )
        zipf = analysis.english_vocabulary.zipf
        unlisted = len(listed) + 1
        for dutch_key, entries in self.from_dutch.items():
            entries.sort(
                key=lambda e, k=dutch_key: (
                    listed.get((k, e.word), unlisted),
                    rank[(k, e.word)],
                    -zipf(e.word),
                )
            )

    @staticmethod
    def _pair(table: dict, key: str, entry: Entry, own_key: str = "") -> None:
        found = table.setdefault(key, [])
        if entry.key == (own_key or key):
            return
        for i, known in enumerate(found):
            if known.key == entry.key:
                # Two words of one key (gardener: tuinier, gardening: tuinieren, both
                # "tuinier"): the reason names the more common one.
                if entry.kind == "dutch" and analysis.vocabulary.zipf(
                    entry.word
                ) > analysis.vocabulary.zipf(known.word):
                    found[i] = entry
                return
        found.append(entry)

    def related_to(self, word: str) -> list[Entry]:
        return list(self._related_to(word))

    def _look_up_related(self, word: str) -> tuple[Entry, ...]:
        if word in self.unlinked:
            return ()
        found = [
            e
            for e in self.related.get(analysis.key(word), [])
            if e.word in self.unlinked
            or self._unlinked_zipf.get(e.key, 0.0) - analysis.vocabulary.zipf(e.word)
            < UNLINKED_MARGIN
        ]
        close = [e for e in found if e.kind not in WIDE][:MAX_RELATED]
        wide = [e for e in found if e.kind in WIDE and e.kind != "gloss"][:MAX_WIDE]
        return tuple(close + wide + [e for e in found if e.kind == "gloss"][:MAX_GLOSS])

    def knows(self, word: str) -> bool:
        """Whether the lexicon has an entry for ``word`` as written (not only for its key)."""
        return word in self._words

    def spelt(self, word: str) -> str:
        """The word the lexicon knows in place of ``word``, when ``word`` is no word of
        wordfreq's lists nor of the lexicon but has the key of one ("schilderren": the lexicon
        answers with the words of "schilderen"): the nearest in spelling, else the more used;
        "" for a word it knows, or whose key it does not."""
        return self._spelt(word)

    def _look_up_spelt(self, word: str) -> str:
        if analysis.vocabulary.zipf(word) or analysis.english_vocabulary.zipf(word):
            return ""
        found = self._dutch_words.get(analysis.key(word), [])
        if not found or word in self._words:
            return ""
        nearest = max(
            found,
            key=lambda w: (
                difflib.SequenceMatcher(None, word, w).ratio(),
                analysis.vocabulary.zipf(w),
                w,
            ),
        )
        # The nearest with an ending the word list lacks (hoveniers, tuinmannen) is a form of
        # it, not a misspelling (schilderren is nearest to schilderen, not to schilder).
        if word.startswith(nearest) or nearest.startswith(word):
            return ""
        return nearest

    def english_parts(self, word: str) -> tuple[str, ...]:
        """An English word the lexicon does not translate as two English words it does
        ("haircut": hair, cut; "homework": home, work; "dogwalking": dog, walking): each
        common in English and more used there than in Dutch, the most used pair; () else."""
        return self._english_parts(word)

    def _look_up_english_parts(self, word: str) -> tuple[str, ...]:
        english = analysis.english_vocabulary.zipf
        if english(word) < analysis.vocabulary.zipf(word) or len(word) < 2 * MIN_ENGLISH_PART:
            return ()
        if self.translations_of(word):
            return ()
        best, best_zipf = (), 0.0
        for cut in range(MIN_ENGLISH_PART, len(word) - MIN_ENGLISH_PART + 1):
            parts = (word[:cut], word[cut:])
            zipf = min(english(p) for p in parts)
            if zipf <= best_zipf or zipf < analysis.ENGLISH_MIN_ZIPF:
                continue
            if all(
                english(p) > analysis.vocabulary.zipf(p)
                and any(e.kind == "dutch" for e in self.translations_of(p))
                for p in parts
            ):
                best, best_zipf = parts, zipf
        return best

    def joined_dutch(self, word: str, parts: tuple[str, ...]) -> list[Entry]:
        """The Dutch words made of an English compound's parts' Dutch words, as a Dutch
        compound is written (homework, home + work: huis + werk, "huiswerk"), that are Dutch
        words; only for a word English uses more than Dutch that the lexicon does not
        translate."""
        if len(parts) != 2 or not analysis.reads_english(word) or self.translations_of(word):
            return []
        firsts = [[e.word for e in self.translations_of(p) if e.kind == "dutch"] for p in parts]
        found: list[Entry] = []
        for modifier in firsts[0]:
            for head in firsts[-1]:
                for link in analysis.LINKS:
                    joined = modifier + link + head
                    if analysis.vocabulary.zipf(joined) >= analysis.ENGLISH_MIN_ZIPF:
                        found.append(Entry(joined, analysis.key(joined), "dutch"))
        return found

    def made_of(self, word: str) -> list[Entry]:
        """The verbs that say "make ``word`` so" in one word: "korter" (maken) -> inkorten,
        verkorten; a comparative is read as its adjective (korter: kort, groter: groot)."""
        found = self.made.get(analysis.key(word))
        if not found and word.endswith("er") and len(word) > 5:
            found = self.made.get(analysis.key(word[:-2]))
        return found or []

    def _own_dutch(self, english: str) -> list[Entry]:
        """The Dutch words of an English word as written, when it is no form made with -s,
        -ed or -ing: those forms go by their key, with the verb's words ("playing": spelen,
        not only the noun's toneelspel)."""
        if english.endswith(INFLECTED_ENDINGS):
            return []
        return self.from_english_word.get(english, [])

    def translations_of(self, word: str) -> list[Entry]:
        """Dutch words for an English one and English words for a Dutch one. A word (or one of
        its forms without -s, -ing, -er: "babysitters" -> "babysitter") is read as English when
        wordfreq's English list knows it better than the Dutch one; any other word as Dutch."""
        return list(self._translations_of(word))

    def _look_up_translations(self, word: str) -> tuple[Entry, ...]:
        dutch = analysis.vocabulary.zipf(word)
        if dutch == 0 or analysis.english_vocabulary.zipf(word) > dutch:
            for form in _forms(word):
                if analysis.english_vocabulary.zipf(form) > analysis.vocabulary.zipf(form):
                    found = self._own_dutch(form) or self.from_english.get(analysis.key(form))
                    if found:
                        return tuple(found[:MAX_TRANSLATIONS])
        key = analysis.key(word)
        found = [
            e
            for e in self.from_dutch.get(key, [])
            if e.key == key or analysis.vocabulary.zipf(e.word) < FALSE_FRIEND_ZIPF
        ][:MAX_TRANSLATIONS]
        # A noun's irregular plural is a form of it, not one more word: outside the cap.
        return tuple(form for e in found for form in (e, *self.plurals.get(e.word, ())))


def _forms(word: str) -> list[str]:
    forms = [word]
    for suffix, replacement in (("ies", "y"), ("s", ""), ("ing", ""), ("ing", "e"), ("er", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: len(word) - len(suffix)] + replacement
            forms.append(stem)
            if len(stem) > 3 and stem[-1] == stem[-2]:  # babysitting -> babysitt -> babysit
                forms.append(stem[:-1])
    return forms


_lexicon: Lexicon | None = None
_lock = threading.Lock()


def get() -> Lexicon:
    global _lexicon
    if _lexicon is None:
        with _lock:
            if _lexicon is None:
                _lexicon = Lexicon(json.loads(PATH.read_text(encoding="utf-8")))
    return _lexicon
