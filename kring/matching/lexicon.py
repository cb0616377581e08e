"""Related words and English-Dutch word pairs from data/lexicon.json (made by build_lexicon.py
from FreeDict and WordNet; see docs/architecture.md), read once per process and looked up by
matching key, so that every form of a word finds them."""

import json
import threading
from dataclasses import dataclass

from . import analysis

PATH = analysis.DATA / "lexicon.json"
MAX_RELATED = 6
MAX_TRANSLATIONS = 4


@dataclass(frozen=True)
class Entry:
    word: str  # as the lexicon writes it, for the reason shown
    key: str
    kind: str  # "same", "derived" (related Dutch words) or "english", "dutch" (translations)


class Lexicon:
    def __init__(self, data: dict):
        self.related: dict[str, list[Entry]] = {}
        for word, others in data.get("related", {}).items():
            found = self.related.setdefault(analysis.key(word), [])
            for other, kind in others:
                entry = Entry(other, analysis.key(other), kind)
                if all(e.key != entry.key for e in found):
                    found.append(entry)
        self.translations: dict[str, list[Entry]] = {}
        for english, dutch_words in data.get("english", {}).items():
            english_key = analysis.key(english)
            for dutch in dutch_words:
                self._pair(english_key, Entry(dutch, analysis.key(dutch), "dutch"))
                self._pair(analysis.key(dutch), Entry(english, english_key, "english"))

    def _pair(self, key: str, entry: Entry) -> None:
        found = self.translations.setdefault(key, [])
        if entry.key != key and all(e.key != entry.key for e in found):
            found.append(entry)

    def related_to(self, word: str) -> list[Entry]:
        return self.related.get(analysis.key(word), [])[:MAX_RELATED]

    def translations_of(self, word: str) -> list[Entry]:
        """Dutch words for an English one and English words for a Dutch one; an English word
        is also tried without -s, -ing, -er ("babysitting" -> "babysit")."""
        for form in _forms(word):
            found = self.translations.get(analysis.key(form))
            if found:
                return found[:MAX_TRANSLATIONS]
        return []


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
