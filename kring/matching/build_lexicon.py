"""Build data/lexicon.json, the related words and the English-Dutch word pairs that matching
uses, from two openly licensed lexical resources that Debian ships:

- FreeDict's Dutch-English and English-Dutch dictionaries (Debian 12 packages
  dict-freedict-nld-eng and dict-freedict-eng-nld, version 2022.04.21-1, GPL-2.0-or-later;
  read from /usr/share/dictd);
- Princeton WordNet 3.0 (Debian 12 package wordnet-base, version 1:3.0-37, WordNet 3.0 licence;
  read from /usr/share/wordnet);
- the Dutch definitions and word classes of FreeDict's dictionaries made from Wiktionary
  (WikDict; Debian 12 source package freedict-wikdict 2022.12.07-2: dict-freedict-nld-spa and
  the other Dutch-to-X packages DEBIAN_LEXICON_PACKAGES in the Makefile lists; CC BY-SA 3.0;
  see read_dutch_definitions);

and wordfreq 3.1.1 (PyPI, in Kring's requirements; its word lists under CC BY-SA 4.0) for which
Dutch words are used. Nothing is downloaded when Kring runs: the generated file is committed.
Rebuild it with

    make lexicon

(it installs the Debian packages and runs ``python -m kring.matching.build_lexicon``).

How words become related: a Dutch word is translated into English (both dictionaries) and its
English words are looked up in WordNet (a form WordNet does not list by its base form: clothes
-> clothing). Which senses are meant: where two English words of the Dutch word share a sense
(band: tire, tyre), the dictionaries agree on it, and for that part of speech only the agreed
senses are taken; otherwise each English word's first sense (WordNet orders senses by use; the
second too when the first is outside the domain and the tagged counts meet it nearly as often:
home, a dwelling). Senses go by use (see _meant, _parts_of_speech, WordNet.used_as): a rare
English word of a common Dutch word does not count (stuk: diploma), a Dutch word that cannot be
a verb is read through nouns only (grond: not "to soil"), one that can through the parts of
speech its English words are used as; two Dutch words the English-Dutch dictionary lists under
different numbered senses of one English word are not the same (_apart: meal, maaltijd and
gort). The part "translations" lists each Dutch word's English words in order of use
(_translations: broek is pants, shorts, trousers before marsh). A Dutch word used mostly as an
adjective or adverb (its English words, weighed by how common they are, are met as nouns or
verbs less than MIN_NOUN_VERB_SHARE of the time in the sense-tagged counts WordNet ships; see
WordNet.noun_verb_share) shares no sense: goed is good and well first, its "clothes" a rarer
use. Two Dutch words are "the same" when they share a sense that both are sure of (agreed on,
their only English word, or that word's only sense): maaltijd ("meal") and meel ("flour",
"meal") are not. They are "derived" when one sense is derived from the other (gardener ->
garden, paint -> painter). Wider links are kept only into the words of gifts and needs
(``domain_words``: Kring's community words, the demo's texts, the first labelled set, compared
by matching key): senses of one topic (algebra, mathematics: "topic"), parts and wholes (brake,
bicycle: "part"), a broader or narrower kind, up to two steps the same way for things (clothing
-> garment -> trousers: "kind"), and the words a sense's definition names, both ways (prune,
"... the plants in the garden" -> garden <- gardener: snoeien, hovenier: "gloss"; only
the words that hold the sense of "garden" the definition means, or one derived from it; see
_add_gloss_links and WordNet.meant_senses), and the nouns and verbs a word's Dutch definition
from Wiktionary names, both ways (peuter, "een jong kind ...": kind; also "gloss"; see
_add_definition_links). An English word stands for its sense's Dutch words, and so do the sense's
other English words (mathematics, math); the Dutch words that both dictionaries pair with an
English word come first. Only Dutch words that are used (wordfreq's list, or Kring's own
community words in data/words_nl.txt) and whose senses belong to the lexicographer files of
people, acts, artefacts, food, plants, animals, groups, possessions, states and doing things are
kept: the domain of gifts and needs ("used": at least MIN_ZIPF in wordfreq's Dutch list, the
large one: its small list starts at zipf 3 and left out verstellen, inkorten). The part "made"
lists the verbs made of a word with ver- or in- that mean "make it so" (kort: inkorten; see
_made_verbs). The part "plurals" lists the irregular plurals of the translations' English nouns
(WordNet's noun.exc) that Snowball's English stemmer keys apart from the noun (shelf, shelves;
see _plurals). The output is sorted, so the same inputs give the same file."""

import argparse
import gzip
import json
import re
from pathlib import Path

from kring.matching import analysis

DATA = Path(__file__).resolve().parent / "data"
OUTPUT = DATA / "lexicon.json"
# The senses of an English word looked at (WordNet orders them by use): a sense beyond the first
# counts only when two English words of one Dutch word share it (band: tire, tyre).
MAX_SENSES = 4
MAX_RELATED = 12
MAX_DUTCH_PER_ENGLISH = 8
MIN_ZIPF = 2.0
# A Dutch word whose English words are used as nouns or verbs less than this share of the time
# (see WordNet.noun_verb_share) is an adjective or adverb first and shares no sense.
MIN_NOUN_VERB_SHARE = 0.3
# An English word of a Dutch word counts for its senses when its share of the use of the Dutch
# word's English words (wordfreq's English frequencies) is at least this (see _meant).
MIN_USE_SHARE = 0.03
MAX_TRANSLATIONS_LISTED = 6  # a Dutch word's English words, in order of use (_translations)
# An English word counts as a noun or a verb when the sense-tagged counts met it so at least this
# share of the times, once they met it at least MIN_TAGGED times (see WordNet.used_as).
MIN_POS_SHARE = 0.05
MIN_TAGGED = 5
CLOSE_USE = 0.5  # a second sense met at least this share as often as the first counts too
# WordNet lexicographer files of the domain: people (trades), acts, artefacts (tools), food,
# plants, animals, cognition (school subjects), groups, possession (debt, rent, allowance),
# states (illness, loneliness, debt), substances (27: soil, wood, paint; natural objects, 17,
# made marsh a kind of land and were left out), and verbs of doing: body, change, communication,
# competition, consumption, contact, creation, motion, possession, social.
DOMAIN_LEXFILES = {
    4,
    6,
    9,
    13,
    5,
    18,
    20,
    10,
    29,
    30,
    32,
    33,
    34,
    35,
    36,
    38,
    40,
    41,
    14,
    22,
    21,
    26,
    27,
}
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
RANK = {"same": 0, "derived": 1, "topic": 2, "part": 3, "kind": 4, "gloss": 5}
# "gloss": a word and the words its definition names, both ways (see _add_gloss_links). A
# link weighs the rarity of the English word that makes it (log of the number of Dutch words
# over the number of Dutch words that English word names; none when more than
# MAX_CONCEPT_SHARE do), divided by (the two words' numbers of English words) ** BREADTH_POWER,
# for a word of many senses (staan, stoppen) is named by many definitions; links under
# MIN_GLOSS_SCORE are dropped, and definition words as common as "well" or "run" in English
# (zipf MAX_GLOSS_ZIPF) say nothing in particular.
MAX_GLOSS = 10
MAX_CONCEPT_SHARE = 60
MIN_GLOSS_SCORE = 1.9
MAX_GLOSS_ZIPF = 5.2
BREADTH_POWER = 0.25
EXAMPLE_FACTOR = 0.75
_GLOSS_STOP_TEXT = """the and for with from that this which who whom whose what when where how than then
    into onto upon out off over under about after before between through during without within
    some any all each every other another such one two three more most less least very much
    many few its their his her them they she him you your our not can may must will would
    should could being been was were are has have had does did doing done used use using
    usually especially often sometimes also etc something someone somebody anything person
    people thing things part kind sort type form act activity make makes made making take
    give get put set way state quality condition group member object piece unit amount
    number time times place area region manner matter fact"""
GLOSS_STOP = frozenset(_GLOSS_STOP_TEXT.split())
# The words before a definition's word that say it is used as a noun ("a garden") or as a verb
# ("to paint", "someone who takes care"); see WordNet.meant_senses.
NOUN_BEFORE = frozenset(
    {"a", "an", "the", "his", "her", "its", "their", "my", "your", "our", "these", "those"}
)
VERB_BEFORE = frozenset({"to", "who", "which"})
LESK_SHARE = 0.5  # see WordNet.meant_senses
# Links beyond one sense (a shared topic, a part or a whole, one step to a broader or narrower
# kind): kept only into the words of gifts and needs (``domain_words``), at most MAX_WIDE a word.
WIDE = {"topic", "part", "kind"}
MAX_WIDE = 8
# WordNet's rules of detachment (morphy) for nouns and verbs, with the part of speech they
# apply to ("" for both).
DETACHMENTS = (
    ("ses", "s", "n"),
    ("xes", "x", ""),
    ("zes", "z", ""),
    ("ches", "ch", ""),
    ("shes", "sh", ""),
    ("men", "man", "n"),
    ("ies", "y", ""),
    ("es", "e", "v"),
    ("es", "", "v"),
    ("ed", "e", "v"),
    ("ed", "", "v"),
    ("ing", "e", "v"),
    ("ing", "", "v"),
    ("s", "", ""),
)
DEMO_TEXTS = tuple(
    path.relative_to(DATA.parents[2]).as_posix()
    for part in ("data", "year", "lived")
    for path in sorted((DATA.parents[1] / "demo" / part).glob("*.py"))
    if path.name != "__init__.py"
)
FIRST_SET = "bench/data/relevance_nl.json"


def _number(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + B64.index(char)
    return value


def _dictd_entries(base: Path):
    """A dictd database (index + gzip'd text) as (headword, the entry's lines after the
    headword line), single-word headwords only, lower case."""
    with gzip.open(f"{base}.dict.dz") as packed:
        text = packed.read()
    for line in Path(f"{base}.index").read_text(encoding="utf-8").splitlines():
        head, offset, length = line.split("\t")
        if head.startswith("00-") or " " in head.strip():
            continue
        start = _number(offset)
        entry = text[start : start + _number(length)].decode("utf-8").splitlines()[1:]
        yield head.strip().lower().replace("ĳ", "ij"), entry


def read_dictd(base: Path) -> dict[str, list[str]]:
    """A dictd database as headword -> translations (single words)."""
    result: dict[str, list[str]] = {}
    for head, entry in _dictd_entries(base):
        found = result.setdefault(head, [])
        for row in entry:
            row = re.sub(r"^\s*\d+\.\s*", "", row)
            for item in row.split(","):
                item = item.strip().lower().replace("ĳ", "ij")
                if re.fullmatch(r"[a-zà-ÿ]+", item) and item not in found:
                    found.append(item)
    return result


def read_dictd_groups(base: Path) -> dict[str, dict[str, set[int]]]:
    """A dictd database as headword -> translation -> the numbered senses of the headword
    (1., 2., ...) it stands under: FreeDict's English-Dutch "meal" has "1. bloem, meel",
    "2. gort, grut", "3. eten, maal, maaltijd"."""
    result: dict[str, dict[str, set[int]]] = {}
    for head, entry in _dictd_entries(base):
        found = result.setdefault(head, {})
        for n, row in enumerate(entry):
            numbered = re.match(r"^\s*(\d+)\.\s*", row)
            group = int(numbered.group(1)) if numbered else n
            for item in row[numbered.end() if numbered else 0 :].split(","):
                item = item.strip().lower().replace("ĳ", "ij")
                if re.fullmatch(r"[a-zà-ÿ]+", item):
                    found.setdefault(item, set()).add(group)
    return result


def _apart(to_english: dict[str, set[str]], dictd: Path):
    """A test whether the English-Dutch dictionary sets two Dutch words apart: an English
    word both translate lists them under different numbered senses, and none lists them
    under one ("meal": maaltijd under 3., gort under 2., meel under 1.)."""
    groups = read_dictd_groups(dictd / "freedict-eng-nld")

    def apart(one: str, other: str) -> bool:
        split = False
        for english in to_english.get(one, set()) & to_english.get(other, set()):
            senses = groups.get(english, {})
            if one in senses and other in senses:
                if senses[one] & senses[other]:
                    return False
                split = True
        return split

    return apart


class WordNet:
    """The parts of WordNet 3.0's database files that are needed here."""

    def __init__(self, folder: Path):
        self.senses: dict[str, list[tuple[str, int]]] = {}  # lemma -> [(pos, offset)], by use
        # Every sense of a lemma, not only the first MAX_SENSES: which one a definition means
        # (see meant_senses) may be a rarer one (soup's "vegetable stock" is stock's eighth).
        self.all_senses: dict[str, list[tuple[str, int]]] = {}
        self.synsets: dict[tuple[str, int], dict] = {}
        self.exceptions: dict[str, str] = {}  # irregular forms: "clothes" -> "clothing"
        # a noun's irregular plural -> the nouns it is the plural of (noun.exc: shelves, shelf)
        self.noun_plurals: dict[str, list[str]] = {}
        # (lemma, pos, sense number) -> times met in the sense-tagged corpus (cntlist.rev)
        self.tagged: dict[tuple[str, str, int], int] = {}
        for pos, name in (("n", "noun"), ("v", "verb")):
            for line in (folder / f"{name}.exc").read_text(encoding="latin-1").splitlines():
                inflected, base, *others = line.split()
                self.exceptions.setdefault(inflected, base)
                if pos == "n":
                    self.noun_plurals[inflected] = [base, *others]
            for line in (folder / f"index.{name}").read_text(encoding="latin-1").splitlines():
                if line.startswith(" "):
                    continue
                fields = line.split()
                lemma, count = fields[0], int(fields[2])
                offsets = [int(o) for o in fields[-count:]] if count else []
                self.senses.setdefault(lemma, []).extend((pos, o) for o in offsets[:MAX_SENSES])
                self.all_senses.setdefault(lemma, []).extend((pos, o) for o in offsets)
            for line in (folder / f"data.{name}").read_text(encoding="latin-1").splitlines():
                if line.startswith(" "):
                    continue
                head, _bar, gloss = line.partition("|")
                head = head.split()
                offset, lexfile, n_words = int(head[0]), int(head[1]), int(head[3], 16)
                lemmas = [head[4 + 2 * i].lower() for i in range(n_words)]
                at = 4 + 2 * n_words
                pointers = []
                for i in range(int(head[at])):
                    symbol, target, target_pos = head[at + 1 + 4 * i : at + 4 + 4 * i]
                    target_pos = "n" if target_pos == "n" else "v" if target_pos == "v" else ""
                    if target_pos and symbol in ("@", "~", "+", ";c", "#p", "%p", "#m", "%m"):
                        pointers.append((symbol, (target_pos, int(target))))
                self.synsets[(pos, offset)] = {
                    "lexfile": lexfile,
                    "lemmas": lemmas,
                    "pointers": pointers,
                    "gloss": gloss.strip(),
                }
        self._signatures: dict[tuple, frozenset[str]] = {}
        # How often each word was met as a noun or verb, and in all (the sense-tagged corpus's
        # counts that WordNet ships, cntlist.rev: "good%3:00:01:: 1 190", 3 an adjective);
        # for a word the corpus does not have, its numbers of senses stand in.
        self.uses: dict[str, list[int]] = {}
        self.pos_uses: dict[str, dict[str, int]] = {}  # lemma -> {"n": ..., "v": ...}
        for line in (folder / "cntlist.rev").read_text(encoding="latin-1").splitlines():
            sense_key, _number, count = line.split()
            lemma, _percent, rest = sense_key.partition("%")
            uses = self.uses.setdefault(lemma, [0, 0])
            uses[0] += int(count) if rest[:1] in ("1", "2") else 0
            uses[1] += int(count)
            if rest[:1] in ("1", "2"):
                by_pos = self.pos_uses.setdefault(lemma, {"n": 0, "v": 0})
                by_pos["n" if rest[:1] == "1" else "v"] += int(count)
                self.tagged[(lemma, "n" if rest[:1] == "1" else "v", int(_number))] = int(count)
        self.sense_counts: dict[str, list[int]] = {}
        for name in ("noun", "verb", "adj", "adv"):
            for line in (folder / f"index.{name}").read_text(encoding="latin-1").splitlines():
                if not line.startswith(" "):
                    fields = line.split()
                    counts = self.sense_counts.setdefault(fields[0], [0, 0])
                    counts[0] += int(fields[2]) if name in ("noun", "verb") else 0
                    counts[1] += int(fields[2])

    def noun_verb_share(self, english: set[str], main: set[str] | None = None) -> float:
        """How much of the use of a Dutch word's English words is as nouns and verbs, each
        English word weighed by how common it is (wordfreq's English list): goed (good, well,
        right, clothes ...) 0.24, samen (together, fellow) 0.16, broek 1.0. Only the English
        words in ``main`` count, when given (those the Dutch word is the commonest translation
        of: "fine" is mostly an adjective, but its adjective is fijn, not boete). 1.0 when
        WordNet knows none of them."""
        from wordfreq import zipf_frequency

        total = noun_verb = 0.0
        for word in english:
            if main is not None and word not in main:
                continue
            uses = self.uses.get(word)
            if word not in self.senses and self.base(word):
                share = 1.0  # a verb's form (cooked, broken): gekookt is koken's
            elif uses and uses[1]:
                share = (uses[0] + 1) / (uses[1] + 1)
            elif self.sense_counts.get(word, [0, 0])[1]:
                counts = self.sense_counts[word]
                share = counts[0] / counts[1]
            else:
                continue
            weight = 10 ** zipf_frequency(word, "en")
            total += weight
            noun_verb += weight * share
        return noun_verb / total if total else 1.0

    def used_as(self, english: str, pos: str) -> bool:
        """Whether a word is used as a noun ("n") or a verb ("v") at least MIN_POS_SHARE of
        the times the sense-tagged counts (cntlist.rev) met it as either, when they met it at
        least MIN_TAGGED times: "piece" (62 times a noun, once a verb) is no verb, "soil" and
        "school" neither, "cook" (7, 24) and "paint" (7, 41) are both. A word they met less
        often (or a form: pieces) counts as both."""
        counts = self.pos_uses.get(english) or self.pos_uses.get(self.base(english))
        if not counts or counts["n"] + counts["v"] < MIN_TAGGED:
            return True
        return counts[pos] >= MIN_POS_SHARE * (counts["n"] + counts["v"])

    def first(self, english: str, *, close: bool = True) -> list:
        """The first (most used) sense of a word per part of speech it is used as (used_as),
        and, when that one is not of the domain of gifts and needs, the second if the
        sense-tagged counts met it nearly as often (at least CLOSE_USE of the first's times,
        once the first was met MIN_TAGGED times): "home" is as much a dwelling (48) as the
        place where one lives (55). Without ``close`` the first ones only."""
        lemma = self.base(english)
        result, first_count, number = [], {}, {"n": 0, "v": 0}
        for sense in self.word_senses(english):
            pos = sense[0]
            number[pos] += 1
            if not self.used_as(english, pos):
                continue
            count = self.tagged.get((lemma, pos, number[pos]), 0) if number[pos] <= 2 else 0
            if pos not in first_count:
                first_count[pos] = count
                first_in_domain = self.in_domain(sense)
                result.append(sense)
            elif (
                close
                and not first_in_domain
                and first_count[pos] >= MIN_TAGGED
                and count >= CLOSE_USE * first_count[pos]
            ):
                result.append(sense)
        return result

    def in_domain(self, sense) -> bool:
        synset = self.synsets.get(sense)
        return synset is not None and synset["lexfile"] in DOMAIN_LEXFILES

    def word_senses(self, word: str) -> list:
        """A word's senses, by use; a form that WordNet does not list is looked up by its base
        form (WordNet's irregular forms and rules of detachment: clothes -> clothing,
        garments -> garment), a verb's form (-ed, -ing) among verbs only."""
        if word in self.senses:
            return self.senses[word]
        if word in self.exceptions:
            return self.senses.get(self.exceptions[word], [])
        for suffix, replacement, pos in DETACHMENTS:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                base = word[: len(word) - len(suffix)] + replacement
                found = [s for s in self.senses.get(base, []) if pos in ("", s[0])]
                if found:
                    return found
        return []

    def base(self, word: str) -> str:
        """The form WordNet lists a noun or verb by (pruning -> prune, plants -> plant), or ""."""
        if word in self.senses:
            return word
        if word in self.exceptions and self.exceptions[word] in self.senses:
            return self.exceptions[word]
        for suffix, replacement, _pos in DETACHMENTS:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                base = word[: len(word) - len(suffix)] + replacement
                if base in self.senses:
                    return base
        return ""

    def gloss_words(self, sense) -> dict[str, tuple[float, frozenset]]:
        """The nouns and verbs of a sense's definition (1.0) and of its examples only
        (EXAMPLE_FACTOR), by their base form, each with the senses of it that the definition
        means (meant_senses) (gardener: "someone who takes care of a garden", the plot of ground;
        prune: "cultivate, tend, and cut back the growth of; 'dress the plants in the
        garden'"). Examples say less: mark (a grade) has "she made good marks in algebra"."""
        from wordfreq import zipf_frequency

        found: dict[str, tuple[float, frozenset]] = {}
        for n, part in enumerate(self.synsets[sense]["gloss"].lower().split('"')):
            factor = EXAMPLE_FACTOR if n % 2 else 1.0  # examples stand between quotes
            tokens = re.findall(r"[a-z]+", part)
            for i, token in enumerate(tokens):
                if token in GLOSS_STOP or len(token) <= 2:
                    continue
                base = self.base(token)
                # Words as common as "well", "good" or "run" describe nothing in particular.
                if not base or base in GLOSS_STOP or zipf_frequency(base, "en") >= MAX_GLOSS_ZIPF:
                    continue
                # A word used mostly as an adjective or adverb is one here: "your musical
                # taste" names no musical, "how fast" no fasting.
                if self.noun_verb_share({base}) < MIN_NOUN_VERB_SHARE:
                    continue
                # A verb's definition starts with a verb: prune, "cultivate, tend, ...".
                head = sense[0] == "v" and n == 0 and i == 0
                hint = (
                    "v" if head else self._part_of_speech(token, base, tokens[i - 1] if i else "")
                )
                # An example names things by the way ("he painted all day in the garden"):
                # its words count only in a sense that shares words with the defined one.
                meant = self.meant_senses(sense, base, hint, shared=bool(n % 2))
                had_factor, had = found.get(base, (0.0, frozenset()))
                found[base] = (max(had_factor, factor), had | meant)
        return found

    @staticmethod
    def _part_of_speech(token: str, base: str, before: str) -> str:
        """ "n" or "v" where the words around a definition's word say which it is used as ("a
        garden", "to paint", "who takes", "cultivated"), else ""."""
        if before in NOUN_BEFORE:
            return "n"
        if before in VERB_BEFORE or (token != base and token.endswith(("ed", "ing"))):
            return "v"
        return ""

    def _signature(self, sense, *, examples: bool = True) -> frozenset[str]:
        """The words of a sense's lemmas and definition (with its examples or not), by base
        form (for meant_senses)."""
        if (sense, examples) not in self._signatures:
            synset = self.synsets[sense]
            words = {part for lemma in synset["lemmas"] for part in lemma.split("_")}
            text = synset["gloss"] if examples else synset["gloss"].split('"')[0]
            for token in re.findall(r"[a-z]+", text.lower()):
                if token not in GLOSS_STOP and len(token) > 2:
                    words.add(self.base(token) or token)
            self._signatures[(sense, examples)] = frozenset(words - GLOSS_STOP)
        return self._signatures[(sense, examples)]

    def _near(self, sense) -> set[str]:
        """The lemmas of a sense's near neighbours: broader, narrower, derived, parts."""
        return {
            part
            for _symbol, target in self.synsets[sense]["pointers"]
            if target in self.synsets
            for lemma in self.synsets[target]["lemmas"]
            for part in lemma.split("_")
        }

    def meant_senses(
        self, sense, word: str, part_of_speech: str = "", *, shared: bool = False
    ) -> frozenset:
        """Which sense of ``word`` the definition of ``sense`` means (a simplified Lesk): of
        the parts of speech ``word`` is used as (used_as; only ``part_of_speech`` when given
        and ``word`` has it), the sense whose lemmas, definition and near neighbours share the
        most words with the defined sense's lemmas, definition and broader senses; when none
        shares a word, the sense the sense-tagged counts met most often (cntlist.rev), else
        WordNet's first. Senses that share at least LESK_SHARE as many words (and one) count
        too: WordNet tells senses apart more finely than a definition does (garden, "a plot of
        ground": the soil, land, ground, and earth, ground, grond's). soup: "... vegetable
        stock" is broth, not the stock of kweken (breed, strain, stock). With ``shared``, no
        sense when none shares a word."""
        candidates = self.all_senses.get(word, [])
        if part_of_speech and any(s[0] == part_of_speech for s in candidates):
            candidates = [s for s in candidates if s[0] == part_of_speech]
        else:
            used = [s for s in candidates if self.used_as(word, s[0])]
            candidates = used or candidates
        if not candidates:
            return frozenset()
        context = set(self._signature(sense))
        for symbol, target in self.synsets[sense]["pointers"]:
            # A broader sense's examples are about other things (tend: "She tends to the
            # children" made garden's "hobby" a rocking horse).
            if symbol == "@" and target in self.synsets:
                context.update(self._signature(target, examples=False))
        context.discard(word)
        best, best_key = None, None
        overlaps = {}
        number = {"n": 0, "v": 0}
        for candidate in self.all_senses[word]:
            number[candidate[0]] += 1
            if candidate not in candidates:
                continue
            overlap = len(context & (self._signature(candidate) | self._near(candidate)) - {word})
            overlaps[candidate] = overlap
            used = self.tagged.get((word, candidate[0], number[candidate[0]]), 0)
            key = (overlap, used)
            if best_key is None or key > best_key:
                best, best_key = candidate, key
        if shared and not best_key[0]:
            return frozenset()
        least = max(1.0, LESK_SHARE * best_key[0])
        return frozenset({best} | {c for c, overlap in overlaps.items() if overlap >= least})

    def topic(self, sense) -> list:
        """The topic domains a sense belongs to (algebra -> mathematics)."""
        synset = self.synsets.get(sense)
        if synset is None:
            return []
        return [target for symbol, target in synset["pointers"] if symbol == ";c"]

    def neighbours(self, senses, word: str = ""):
        """(synset, relation) for the given senses (of ``word``) and the senses derived from
        them. A derived sense of another part of speech that ``word`` itself names counts only
        when ``word`` is used as that part of speech (used_as): "piece" is no verb, so stuk is
        not lappen ("patch, piece"); "paint" is, so schilder is schilderen."""
        for sense in senses:
            if not self.in_domain(sense):
                continue
            yield sense, "same"
            for symbol, target in self.synsets[sense]["pointers"]:
                # Derived senses only: one step up or down the hierarchy was mostly noise
                # (ladder -> break, through "break" as a kind of "rung").
                if symbol != "+" or target not in self.synsets:
                    continue
                if word in self.synsets[target]["lemmas"] and not self.used_as(word, target[0]):
                    continue
                yield target, "derived"


def domain_words() -> set[str]:
    """The words of gifts and needs: Kring's own community words (data/words_nl.txt), the texts
    of the demo's gifts, needs and stories, and the first labelled set's needs and gifts (not the
    second set: it measures). Read from the repository, so the same files give the same list."""
    root = Path(__file__).resolve().parents[2]
    texts = [
        line
        for line in (DATA / "words_nl.txt").read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    for name in DEMO_TEXTS:
        texts += re.findall(r'"([^"\n]{3,})"', (root / name).read_text(encoding="utf-8"))
    first = root / FIRST_SET
    if first.exists():
        data = json.loads(first.read_text(encoding="utf-8"))
        texts += [need["text"] for need in data["needs"]] + list(data["gifts"].values())
    words = set()
    for text in texts:
        for word in analysis.words(text):
            words.add(word)
            words.update(analysis.split_compound(word))
    return words


def build(dictd: Path, wordnet: Path) -> dict:
    to_english = _dutch_to_english(dictd)
    net = WordNet(wordnet)
    meant = _meant(to_english, net)
    senses_of, dutch_of_sense, english_words, unlinked = _senses(meant, net)
    _widen(senses_of, dutch_of_sense, net)
    domain = domain_words()
    sure = _sure(meant, net)
    related = _related(senses_of, dutch_of_sense, domain, sure, _apart(meant, dictd))
    mutual = _mutual(dictd, to_english)
    _add_gloss_links(related, senses_of, net, domain, sure, _first_senses(meant, net))
    _add_definition_links(related, read_dutch_definitions(dictd), read_word_classes(dictd), domain)
    translations = _translations(to_english, mutual, net)
    return {
        "about": (
            "Generated by kring/matching/build_lexicon.py from FreeDict's Dutch-English and "
            "English-Dutch dictionaries (GPL-2.0-or-later), the Dutch definitions of FreeDict's "
            "dictionaries from Wiktionary (CC BY-SA 3.0) and Princeton WordNet 3.0 (WordNet "
            "3.0 licence). Do not edit: rebuild."
        ),
        "related": dict(sorted(related.items())),
        "english": dict(sorted(_english(english_words, mutual).items())),
        "translations": dict(sorted(translations.items())),
        "made": dict(sorted(_made_verbs(dictd, to_english).items())),
        "plurals": _plurals(translations, net),
        # The words used mostly as adjectives or adverbs (see _senses): no related words, not
        # even those of another word of the same key (buiten: buit, loot).
        "unlinked": sorted(unlinked),
    }


# Snowball's stemmer writes a long vowel doubled where the word has it (lezen: lees, kopen:
# koop, zaken: zaak); analysis.key writes it single, so that the forms it leaves apart meet
# (repareer, reparatie and repareren: reparer). Where both spellings are common words in their
# own right (at least LONG_VOWEL_ZIPF) and the dictionaries give the words of the two stems
# no English word in common (compared by English stem: listen, listener), they are two
# words and the long vowel stays: lezen (read) is no les (lesson), kopen (buy) no kop (cup),
# maan (moon) no man, zagen (saw) no zag (saw, of zien).
LONG_VOWEL_ZIPF = 3.5


def _long_vowel_stems(dictd: Path) -> list[str]:
    """The stems with a doubled vowel that analysis.key keeps as they are (see above)."""
    import Stemmer
    from wordfreq import get_frequency_dict, zipf_frequency

    dutch_stemmer, english_stemmer = Stemmer.Stemmer("dutch"), Stemmer.Stemmer("english")
    to_english = _both_dictionaries(dictd)
    english_of_stem: dict[str, set[str]] = {}
    for word in get_frequency_dict("nl", wordlist="small"):
        word = analysis.fold(word)
        if word.isalpha() and word in to_english:
            english_of_stem.setdefault(dutch_stemmer.stemWord(word), set()).update(
                english_stemmer.stemWord(e) for e in to_english[word]
            )
    kept = []
    for stem, english in sorted(english_of_stem.items()):
        single = analysis._DOUBLE_VOWEL.sub(r"\1", stem)
        other = english_of_stem.get(single)
        if single == stem or not other or english & other:
            continue
        if min(zipf_frequency(stem, "nl"), zipf_frequency(single, "nl")) >= LONG_VOWEL_ZIPF:
            kept.append(stem)
    return kept


def write_long_vowel_stems(dictd: Path, output: Path) -> int:
    stems = _long_vowel_stems(dictd)
    header = (
        "# Stems whose doubled vowel analysis.key keeps (lees: lezen, not les). Generated by\n"
        "# kring/matching/build_lexicon.py from wordfreq's Dutch list and FreeDict's\n"
        "# dictionaries. Do not edit: rebuild.\n"
    )
    output.write_text(header + "".join(f"{stem}\n" for stem in stems), encoding="utf-8")
    return len(stems)


def _both_dictionaries(dictd: Path) -> dict[str, set[str]]:
    """Every Dutch word of either dictionary with its English words (each misses pairs the
    other has)."""
    to_english: dict[str, set[str]] = {}
    for dutch, english in read_dictd(dictd / "freedict-nld-eng").items():
        to_english.setdefault(dutch, set()).update(english)
    for english, dutch_words in read_dictd(dictd / "freedict-eng-nld").items():
        for dutch in dutch_words:
            to_english.setdefault(dutch, set()).add(english)
    return to_english


def _dutch_to_english(dictd: Path) -> dict[str, set[str]]:
    """Every used Dutch word with its English words, from both dictionaries (each misses
    pairs the other has); stop words and words of two letters are left out."""
    from wordfreq import zipf_frequency

    own = {
        analysis.fold(w.strip())
        for w in (DATA / "words_nl.txt").read_text(encoding="utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    }

    def used(word: str) -> bool:
        return word in own or zipf_frequency(word, "nl") >= MIN_ZIPF

    to_english = _both_dictionaries(dictd)
    return {
        d: e
        for d, e in to_english.items()
        if used(d) and d not in analysis.STOP_WORDS and len(d) > 2
    }


def _meant(to_english: dict[str, set[str]], net: WordNet) -> dict[str, set[str]]:
    """Per Dutch word, the English words whose senses count: those used enough among its
    English words (each weighed by wordfreq's English frequency, a share of at least
    MIN_USE_SHARE) and those that agree on a sense with another of them. A common Dutch word
    also names rarer things, and FreeDict lists them alike: stuk is "piece" and "part" first,
    its "diploma" (0.3 % of the use of its English words, with no other English word of the
    same sense) is not what a question about "een stukje grond" means. Agreed senses stay
    however rare their words: band is "tire" and "tyre"."""
    from wordfreq import zipf_frequency

    meant: dict[str, set[str]] = {}
    for dutch, english in to_english.items():
        known = [word for word in sorted(english) if net.word_senses(word)]
        weights = {word: 10 ** zipf_frequency(word, "en") for word in known}
        total = sum(weights.values()) or 1.0
        agreed = _agreed(english, net)
        meant[dutch] = {
            word
            for word in english
            if word not in weights
            or weights[word] / total >= MIN_USE_SHARE
            or agreed.intersection(net.word_senses(word))
        }
    return meant


def may_be_verb(dutch: str) -> bool:
    """Whether a Dutch headword can be a verb: dictionaries list a verb by its infinitive,
    which ends in -n (maken, gaan, doen), or as a participle (ge-...-d/-t: gekookt). Any other
    word's English words count only as nouns: grond is "soil", the earth, not "to soil" (to
    dirty: bevuilen), school not "to school" (onderwijzen)."""
    return dutch.endswith("n") or (dutch.startswith("ge") and dutch[-1:] in ("d", "t"))


def _parts_of_speech(dutch: str, english: set[str], net: WordNet) -> dict[str, bool]:
    """Whether a Dutch word's English words count as verbs and as nouns: a word that cannot
    be a verb (may_be_verb) as nouns only; a word that can, as the part of speech its English
    words are used as at least MIN_POS_SHARE of the time, weighed by how common each is
    (kweken: breed, grow, raise are verbs; "a breed" is not what kweken means)."""
    if not may_be_verb(dutch):
        return {"verb": False, "noun": True}
    from wordfreq import zipf_frequency

    totals = {"n": 0.0, "v": 0.0}
    for word in english:
        counts = net.pos_uses.get(word) or net.pos_uses.get(net.base(word))
        if not counts or counts["n"] + counts["v"] < MIN_TAGGED:
            continue
        weight = 10 ** zipf_frequency(word, "en") / (counts["n"] + counts["v"])
        totals["n"] += weight * counts["n"]
        totals["v"] += weight * counts["v"]
    everything = totals["n"] + totals["v"]
    if not everything:
        return {"verb": True, "noun": True}
    return {
        "verb": totals["v"] >= MIN_POS_SHARE * everything,
        "noun": totals["n"] >= MIN_POS_SHARE * everything,
    }


def _senses(to_english: dict[str, set[str]], net: WordNet) -> tuple[dict, dict, dict, set]:
    """Each Dutch word's senses (with the closest relation to each), which Dutch words share
    each sense, and which Dutch words each English word stands for."""
    senses_of: dict[str, dict[tuple, str]] = {}
    dutch_of_sense: dict[tuple, set[str]] = {}
    english_words: dict[str, set[str]] = {}
    unlinked: set[str] = set()
    main = _main_translations(to_english)
    firsts: dict[str, list] = {}
    for dutch, english in to_english.items():
        mine: dict[tuple, str] = {}
        # A word used mostly as an adjective or adverb (goed: good, well; samen: together)
        # has its nouns and verbs as a rarer use (goed: clothes, samen: fellow): it shares no
        # sense with other words, as a question means its common use; its English words still
        # translate to it.
        linked = net.noun_verb_share(english, main.get(dutch, set())) >= MIN_NOUN_VERB_SHARE
        for word, senses in _chosen(english, net, **_parts_of_speech(dutch, english, net)).items():
            for sense, relation in net.neighbours(senses, word):
                if relation == "same":
                    if linked:
                        dutch_of_sense.setdefault(sense, set()).add(dutch)
                    english_words.setdefault(word, set()).add(dutch)
                    # The sense's other English words too (mathematics -> math, maths), for
                    # an English word's most used sense only: cook's "fix, prepare" (as used
                    # as its first) does not make "fix" koken.
                    if sense in firsts.setdefault(word, net.first(word, close=False)):
                        for lemma in net.synsets[sense]["lemmas"]:
                            if lemma.isalpha() and lemma != word:
                                english_words.setdefault(lemma, set()).add(dutch)
                if sense not in mine or RANK[relation] < RANK[mine[sense]]:
                    mine[sense] = relation
        if mine and linked:
            senses_of[dutch] = mine
        elif mine:
            unlinked.add(dutch)
    return senses_of, dutch_of_sense, english_words, unlinked


def _main_translations(to_english: dict[str, set[str]]) -> dict[str, set[str]]:
    """Dutch word -> the English words it is the commonest Dutch word of (goed: good, right;
    not boete: fine, whose commonest Dutch word is fijn)."""
    from wordfreq import zipf_frequency

    best: dict[str, tuple[float, str]] = {}
    for dutch, english in sorted(to_english.items()):
        zipf = zipf_frequency(dutch, "nl")
        for word in english:
            if word not in best or zipf > best[word][0]:
                best[word] = (zipf, dutch)
    main: dict[str, set[str]] = {}
    for word, (_zipf, dutch) in best.items():
        main.setdefault(dutch, set()).add(word)
    return main


def _sure(to_english: dict[str, set[str]], net: WordNet) -> dict[str, set]:
    """Per Dutch word, the senses its sources agree on: two of its English words share the
    sense, or it has one English word that WordNet knows (the dictionaries commit to it), or
    that English word has no other sense. Two Dutch words are called the same only on a sense
    both are sure of: maaltijd ("meal") and meel ("flour", "meal") are not."""
    sure: dict[str, set] = {}
    for dutch, english in to_english.items():
        mine = sure.setdefault(dutch, set())
        agreed = _agreed(english, net)
        known = [word for word in english if net.word_senses(word)]
        for word, senses in _chosen(english, net, **_parts_of_speech(dutch, english, net)).items():
            if agreed or len(known) == 1 or len(net.word_senses(word)) == 1:
                mine.update(senses)
    return sure


def _agreed(english: set[str], net: WordNet) -> set:
    """The senses of the domain that two English words of one Dutch word share."""
    support: dict[tuple, int] = {}
    for word in english:
        for sense in set(net.word_senses(word)):
            if net.in_domain(sense):
                support[sense] = support.get(sense, 0) + 1
    return {sense for sense, n in support.items() if n >= 2}


def _chosen(
    english: set[str], net: WordNet, *, verb: bool = True, noun: bool = True
) -> dict[str, list]:
    """The senses meant, per English word of one Dutch word. Where two of its English words
    share a sense of the domain (band: tire and tyre; kleren: clothes and clothing), the
    dictionaries agree on it: for that part of speech those senses, and only those, are
    taken. For a part of speech they agree on none of, each English word's first sense (as
    WordNet orders them) of a part of speech it is used as (WordNet.used_as): eten is "eat,
    feed" as a verb and "meal" as a noun. Without ``verb`` (a Dutch word that cannot be a
    verb, see may_be_verb) nouns only."""
    wanted = {pos for pos, ok in (("n", noun), ("v", verb)) if ok}
    agreed = {s for s in _agreed(english, net) if s[0] in wanted}
    agreed_pos = {sense[0] for sense in agreed}
    chosen = {}
    for word in sorted(english):
        senses = [s for s in net.word_senses(word) if s in agreed]
        senses += [s for s in net.first(word) if s[0] not in agreed_pos and s[0] in wanted]
        if senses:
            chosen[word] = senses
    return chosen


def _widen(senses_of: dict, dutch_of_sense: dict, net: WordNet) -> None:
    """Wider links, one step: the topic a sense belongs to, as a group of its own (algebra,
    geometry and mathematics share "mathematics"), its parts and wholes (a brake is part of a
    bicycle), its broader and narrower kinds (trousers are a kind of clothing)."""
    for sense in list(dutch_of_sense):
        for domain in net.topic(sense):
            group = ("topic", domain)
            dutch_of_sense.setdefault(group, set()).update(dutch_of_sense[sense])
            dutch_of_sense[group].update(dutch_of_sense.get(domain, ()))
    for mine in senses_of.values():
        for sense, relation in list(mine.items()):
            if relation != "same":
                continue
            for domain in net.topic(sense):
                mine.setdefault(("topic", domain), "topic")
            if ("topic", sense) in dutch_of_sense:
                mine.setdefault(("topic", sense), "topic")
            for symbol, target in net.synsets[sense]["pointers"]:
                if symbol in ("#p", "%p", "#m", "%m"):
                    mine.setdefault(target, "part")
                elif symbol in ("@", "~"):
                    mine.setdefault(target, "kind")
                    # Two steps the same way for things (clothing -> garment -> trousers); a
                    # step up and one down (a sibling) was mostly noise.
                    if sense[0] == "n":
                        for further, next_target in net.synsets[target]["pointers"]:
                            if further == symbol:
                                mine.setdefault(next_target, "kind")


def _in_domain(domain: set[str]):
    """A test whether a word is one of gifts and needs: the word itself or, by matching key,
    another form of it (snoei, snoeien)."""
    domain_keys = {analysis.key(w) for w in domain}
    return lambda word: word in domain or analysis.key(word) in domain_keys


def _add_new_links(related: dict, dutch: str, others: list[str], limit: int | None = None) -> None:
    """Add ``others`` to ``dutch``'s related words as "gloss" links, in order, leaving out the
    keys it has already (its own, its other related words'), at most ``limit`` of them."""
    known = {analysis.key(dutch)} | {analysis.key(o) for o, _r in related.get(dutch, [])}
    added = []
    for other in others:
        if limit is not None and len(added) >= limit:
            break
        if analysis.key(other) not in known:
            known.add(analysis.key(other))
            added.append([other, "gloss"])
    if added:
        related.setdefault(dutch, []).extend(added)


def _related(
    senses_of: dict,
    dutch_of_sense: dict,
    domain: set[str],
    sure: dict[str, set],
    apart=lambda one, other: False,
) -> dict[str, list]:
    """Each Dutch word's related words, closest first: at most MAX_RELATED close ones and
    MAX_WIDE wide ones, the wide ones only among the words of gifts and needs."""
    from wordfreq import zipf_frequency

    of_domain = _in_domain(domain)

    related: dict[str, list[list[str]]] = {}
    for dutch, mine in senses_of.items():
        best: dict[str, str] = {}
        evidence: dict[str, int] = {}
        for sense, relation in mine.items():
            for other in dutch_of_sense.get(sense, ()):
                if other == dutch or analysis.key(other) == analysis.key(dutch):
                    continue
                if relation in WIDE and not of_domain(other):
                    continue  # wide links only into the words of gifts and needs
                if relation == "same" and apart(dutch, other):
                    continue  # the English-Dutch dictionary gives them as two senses
                if relation == "same" and not (sense in sure[dutch] and sense in sure[other]):
                    continue  # a shared sense that the sources of one of them do not agree on
                evidence[other] = evidence.get(other, 0) + 1
                if RANK[relation] < RANK.get(best.get(other, ""), len(RANK)):
                    best[other] = relation
        # Closest relation first; then the words that more senses link, then the words of gifts
        # and needs, then the most used.
        ordered = sorted(
            best.items(),
            key=lambda p, evidence=evidence: (
                RANK[p[1]],
                -evidence[p[0]],
                not of_domain(p[0]),
                -zipf_frequency(p[0], "nl"),
                p[0],
            ),
        )
        close = [[o, r] for o, r in ordered if r not in WIDE][:MAX_RELATED]
        wide = [[o, r] for o, r in ordered if r in WIDE][:MAX_WIDE]
        if close or wide:
            related[dutch] = close + wide
    return related


def _first_senses(to_english: dict[str, set[str]], net: WordNet) -> dict[str, set]:
    """Per Dutch word, the most used senses of its English words (WordNet.first) of the parts
    of speech it is read through (_parts_of_speech), also where the dictionaries agreed on
    another sense: haren is "hair", the body's (hair's first sense), though "hair" and "hairs"
    agree on a plant's fuzz."""
    firsts: dict[str, set] = {}
    for dutch, english in to_english.items():
        allowed = _parts_of_speech(dutch, english, net)
        wanted = {pos for pos, ok in (("n", allowed["noun"]), ("v", allowed["verb"])) if ok}
        firsts[dutch] = {s for word in english for s in net.first(word) if s[0] in wanted}
    return firsts


def _add_gloss_links(
    related: dict,
    senses_of: dict,
    net: WordNet,
    domain: set[str],
    sure: dict[str, set],
    firsts: dict[str, set],
) -> None:
    """Links between a word and the words its definition names (RANK's "gloss"), both ways:
    snoeien (prune, "... dress the plants in the garden") and hovenier (gardener, derived from
    garden), koken (cook, "prepare a hot meal") and maaltijd (meal). Senses derived from a
    word's own name it too (gardener -> garden); only definitions of the senses its sources
    agree on (``sure``) count. A definition's word links only the words that hold the sense
    of it the definition means (WordNet.meant_senses), or a sense derived from that one, or
    whose English words have it as their most used sense (``firsts``, see _first_senses):
    soup's "vegetable stock" is broth, not the breed (breed, strain, stock) that kweken holds.
    Weighed as RANK's comment says; only into the words of gifts and needs, at most MAX_GLOSS
    a word, the closest first, after its other related words."""
    import math

    from wordfreq import zipf_frequency

    of_domain = _in_domain(domain)
    named: dict[str, set[str]] = {}  # Dutch word -> English words of its senses
    holding: dict[tuple, set[str]] = {}  # sense -> the Dutch words that hold it
    # Dutch word -> words of its definitions -> (factor, the senses of them meant)
    describes: dict[str, dict[str, tuple[float, frozenset]]] = {}
    definitions: dict[tuple, dict[str, tuple[float, frozenset]]] = {}
    for dutch, mine in senses_of.items():
        for sense, relation in mine.items():
            if relation not in ("same", "derived") or sense not in net.synsets:
                continue
            if relation == "same" and sense not in sure.get(dutch, ()):
                continue
            synset = net.synsets[sense]
            named.setdefault(dutch, set()).update(
                lemma for lemma in synset["lemmas"] if lemma.isalpha()
            )
            holding.setdefault(sense, set()).add(dutch)
            if relation == "same":
                if sense not in definitions:
                    definitions[sense] = net.gloss_words(sense)
                mine_described = describes.setdefault(dutch, {})
                for word, (factor, meant) in definitions[sense].items():
                    had_factor, had = mine_described.get(word, (0.0, frozenset()))
                    mine_described[word] = (max(had_factor, factor), had | meant)
    holders: dict[str, list[str]] = {}
    for dutch, found in sorted(named.items()):
        for concept in found:
            holders.setdefault(concept, []).append(dutch)
    # The sense a definition means may also be the most used one of one of a word's English
    # words (_first_senses): hairdresser, "someone who cuts or beautifies hair" names haren.
    for dutch, senses in firsts.items():
        if dutch in named:
            for sense in senses:
                holding.setdefault(sense, set()).add(dutch)
    total = len(named)
    links: dict[str, dict[str, float]] = {}
    for dutch, found in sorted(describes.items()):
        for concept, (factor, meant) in sorted(found.items()):
            others = holders.get(concept, ())
            if not others or len(others) > MAX_CONCEPT_SHARE:
                continue
            rarity = math.log(total / len(others)) * factor
            # Only the words that hold the sense the definition means, or one derived from it
            # (prune's "garden", the plot, is derived to "to garden", and so to gardener).
            family = set(meant)
            for sense in meant:
                family.update(t for symbol, t in net.synsets[sense]["pointers"] if symbol == "+")
            meant_by = set().union(*(holding.get(sense, ()) for sense in family))
            for other in others:
                if other != dutch and other in meant_by:
                    links.setdefault(dutch, {}).setdefault(other, 0.0)
                    links[dutch][other] = max(links[dutch][other], rarity)
                    links.setdefault(other, {}).setdefault(dutch, 0.0)
                    links[other][dutch] = max(links[other][dutch], rarity)

    # A word with many senses and English words (staan, stoppen, laten) is named by many
    # definitions: its links count less.
    for dutch, scored in links.items():
        for other in scored:
            scored[other] /= (len(named[dutch]) * len(named[other])) ** BREADTH_POWER
    for dutch, scored in sorted(links.items()):
        ordered = sorted(
            (pair for pair in scored.items() if pair[1] >= MIN_GLOSS_SCORE and of_domain(pair[0])),
            key=lambda p: (-p[1], -zipf_frequency(p[0], "nl"), p[0]),
        )
        _add_new_links(related, dutch, [other for other, _score in ordered], MAX_GLOSS)


# Dutch definitions: FreeDict's dictionaries made from Wiktionary (Debian's freedict-wikdict
# packages, dict-freedict-nld-spa and the others from Dutch) give each sense of a Dutch word its
# Dutch Wiktionary definition beside the translation: peuter, "een jong kind in de leeftijd van
# een tot vier jaar"; vergelijking, "wiskundige uitdrukking". They cover everyday words that the
# Dutch-English dictionary lacks (peuter, sjaal) or gives a sense of little use here (breuk:
# only "fracture", "fraction" without the sum). A line counts as a Dutch definition when at
# least DEFINITION_SOURCES of the dictionaries give it for the word (the translations differ by
# language, the Dutch definition is the same in each).
DEFINITION_SOURCES = 3
# Named, not globbed: another installed dictionary would change which lines agree. (The older
# nld-eng, nld-deu and nld-fra are not made from Wiktionary and give no definitions.)
WIKDICT_DICTIONARIES = tuple(
    f"freedict-nld-{language}"
    for language in (
        "bul",
        "ell",
        "fin",
        "ind",
        "ita",
        "lat",
        "lit",
        "pol",
        "por",
        "rus",
        "spa",
        "swe",
    )
)
MAX_DEFINED = 5  # the words a definition links, the first of the definition first
MAX_DEFINED_BY = 4  # the words whose definitions name a word, linked back to it
# Words of definitions that say nothing of the sense (persoon, iemand, iets, stuk, soort) and
# words too common to tell one sense from another.
MAX_DEFINITION_ZIPF = 5.5
_DEFINITION_STOP_TEXT = """persoon personen iemand iets stuk deel gedeelte soort plaats ander andere anders manier
    vorm geheel zaak zaken object voorwerp ding dingen handeling wijze bepaald bepaalde gebruik
    gebruikt gebruiken maken gemaakt worden wordt werd hebben heeft zijn doen kunnen kan twee
    drie vier veel weinig groot grote klein kleine goed goede nieuw nieuwe oud oude eigen zelf
    elkaar iemands waarin waarmee waarop waardoor zoals bijvoorbeeld evt enz etc cet cetera
    meestal vaak dikwijls soms gewoonlijk bestaat bestaande bevat hoort behoort anderen
    krijgen krijgt geven geeft nemen neemt brengen brengt gaan gaat komen komt staan staat
    liggen ligt zitten zit houden houdt laten laat zetten zet"""
DEFINITION_STOP = frozenset(_DEFINITION_STOP_TEXT.split())


def _wikdict_bases(dictd: Path) -> list[Path]:
    missing = [name for name in WIKDICT_DICTIONARIES if not (dictd / f"{name}.index").exists()]
    if missing:
        raise SystemExit(f"Install the Debian packages of {', '.join(missing)} (make lexicon).")
    return [dictd / name for name in WIKDICT_DICTIONARIES]


def read_dutch_definitions(dictd: Path) -> dict[str, list[str]]:
    """Per Dutch word (single words, lower case), its Dutch definitions in the dictionaries'
    order of senses: the numbered lines that at least DEFINITION_SOURCES of the Wiktionary
    dictionaries give for it."""
    counted: dict[str, dict[str, int]] = {}
    order: dict[str, list[str]] = {}
    for base in _wikdict_bases(dictd):
        for head, entry in _dictd_entries(base):
            seen = set()
            for row in entry:
                numbered = re.match(r"^\s*\[?\d+\.\s+([^\]]+?)\]?\s*$", row)
                if not numbered:
                    continue
                definition = numbered.group(1).strip()
                if definition in seen:
                    continue
                seen.add(definition)
                per_word = counted.setdefault(head, {})
                per_word[definition] = per_word.get(definition, 0) + 1
                if per_word[definition] == 1:
                    order.setdefault(head, []).append(definition)
    return {
        head: [d for d in order[head] if counted[head][d] >= DEFINITION_SOURCES]
        for head in sorted(order)
        if any(counted[head][d] >= DEFINITION_SOURCES for d in order[head])
    }


# The word classes of the Wiktionary dictionaries' headwords ("peuter /pˈøːtər/ <n>"): only
# nouns and verbs name what a gift or a need is about; "vergelijking" is tagged an
# abbreviation in some of them.
NAMING_CLASSES = frozenset({"n", "v", "abbreviation"})


def read_word_classes(dictd: Path) -> dict[str, set[str]]:
    """Per Dutch headword of the Wiktionary dictionaries (single words, lower case), its word
    classes: n, v, adj, adv, conjunction and so on."""
    classes: dict[str, set[str]] = {}
    line = re.compile(r"^(\S+) (?:/[^<]*/ )?<([^>]+)>\s*$")
    for base in _wikdict_bases(dictd):
        with gzip.open(f"{base}.dict.dz", "rt", encoding="utf-8") as text:
            for row in text:
                found = line.match(row)
                if found:
                    word = found.group(1).lower().replace("ĳ", "ij")
                    classes.setdefault(word, set()).add(found.group(2))
    return classes


def _add_definition_links(
    related: dict,
    definitions: dict[str, list[str]],
    classes: dict[str, set[str]],
    domain: set[str],
) -> None:
    """Links between a Dutch word and the words of gifts and needs its Dutch definitions name
    (RANK's "gloss"), both ways: peuter and kind ("een jong kind ..."), tolk and vertalen ("...
    die gesproken tekst vertaalt ..."), vergelijking and wiskunde ("wiskundige uitdrukking"). The
    first words of a definition first (the kind of thing it is: kind, lap stof); at most
    MAX_DEFINED a word, and a word named by many definitions links back only to the
    MAX_DEFINED_BY most used words that name it. After the word's other related words."""
    from wordfreq import zipf_frequency

    of_domain = _in_domain(domain)

    # A word of a definition names a thing or a doing when it is a noun or a verb, or a form of
    # one (kinderen, vertaalt): a word the dictionaries do not list, that is no inflected
    # adjective or participle (-e, -end, ge-) and has the key of a noun or a verb.
    naming_keys = {analysis.key(word) for word, kinds in classes.items() if kinds & NAMING_CLASSES}

    def names(word: str) -> bool:
        if word in classes:
            return bool(classes[word] & NAMING_CLASSES)
        if word.endswith(("e", "end")) or word.startswith("ge"):
            return False
        return analysis.key(word) in naming_keys

    def named_words(definition: str) -> list[str]:
        found = []
        for word in analysis.words(definition):
            if (
                word in DEFINITION_STOP
                or not names(word)
                or not word.isalpha()
                or len(word) < 3
                or zipf_frequency(word, "nl") > MAX_DEFINITION_ZIPF
                or zipf_frequency(word, "nl") < MIN_ZIPF
                or not of_domain(word)
            ):
                continue
            if word not in found:
                found.append(word)
        return found

    forward: dict[str, list[str]] = {}
    backward: dict[str, list[str]] = {}
    for dutch, texts in definitions.items():
        if zipf_frequency(dutch, "nl") < MIN_ZIPF or not names(dutch):
            continue
        named: list[str] = []
        # The first words of every sense's definition before the later words of any.
        lists = [named_words(text) for text in texts]
        for position in range(max((len(words) for words in lists), default=0)):
            for words in lists:
                if position < len(words) and words[position] not in named:
                    named.append(words[position])
        own = analysis.key(dutch)
        named = [w for w in named if analysis.key(w) != own][:MAX_DEFINED]
        if named:
            forward[dutch] = named
            if of_domain(dutch):
                for word in named:
                    backward.setdefault(word, []).append(dutch)
    for namers in backward.values():
        namers.sort(key=lambda w: (-zipf_frequency(w, "nl"), w))
        del namers[MAX_DEFINED_BY:]
    links: dict[str, list[str]] = {}
    for dutch, named in forward.items():
        links.setdefault(dutch, []).extend(named)
    for word, namers in sorted(backward.items()):
        links.setdefault(word, []).extend(n for n in namers if n not in links[word])
    for dutch, others in sorted(links.items()):
        _add_new_links(related, dutch, others)


# Dutch makes a verb of an adjective with ver- or in- (kort: verkorten, inkorten; groot:
# vergroten; licht: verlichten), meaning "make it so": "korter maken" is inkorten.
MADE_PREFIXES = ("ver", "in")


def _made_verbs(dictd: Path, to_english: dict[str, set[str]]) -> dict[str, list[str]]:
    """A word (an adjective mostly) -> the used verbs made of it with ver- or in- that mean
    "make it so" (kort: inkorten, verkorten), for a question's "korter maken". A verb counts
    only when the dictionaries say so: one of its English words is one of the word's own
    (better), or made of it with en- or -en (large: enlarge; short: shorten), so verlangen
    (long for) is not lang's and verklaren (explain) not klaar's."""
    raw = _both_dictionaries(dictd)
    made: dict[str, list[str]] = {}
    for word, english in sorted(raw.items()):
        if len(word) < 3 or not word.isalpha():
            continue
        for stem in dict.fromkeys((word, analysis._LONG_VOWEL.sub(r"\1\2", word))):
            for prefix in MADE_PREFIXES:
                verb = prefix + stem + "en"
                if verb not in to_english or verb in made.get(word, ()):
                    continue
                verb_english = to_english[verb]
                if any(len(e) >= 4 and {e, e + "en", "en" + e} & verb_english for e in english):
                    made.setdefault(word, []).append(verb)
    return made


def _mutual(dictd: Path, to_english: dict[str, set[str]]) -> dict[str, set[str]]:
    """English word -> the used Dutch words that both dictionaries pair with it (each
    dictionary translates it into the other): two sources agree, whatever WordNet says."""
    one_way = read_dictd(dictd / "freedict-nld-eng")
    mutual: dict[str, set[str]] = {}
    for english, dutch_words in read_dictd(dictd / "freedict-eng-nld").items():
        for dutch in dutch_words:
            if dutch in to_english and english in one_way.get(dutch, ()):
                mutual.setdefault(english, set()).add(dutch)
    return mutual


def _english(english_words: dict[str, set[str]], mutual: dict[str, set[str]]) -> dict[str, list]:
    """Each English word (longer than two letters) with its Dutch words: first those both
    dictionaries agree on, then the others of its senses, the most used first."""
    from wordfreq import zipf_frequency

    result = {}
    for english in set(english_words) | set(mutual):
        if len(english) <= 2:
            continue
        agreed = mutual.get(english, set())
        words = agreed | english_words.get(english, set())
        result[english] = sorted(
            words, key=lambda w, agreed=agreed: (w not in agreed, -zipf_frequency(w, "nl"), w)
        )[:MAX_DUTCH_PER_ENGLISH]
    return result


def _translations(
    to_english: dict[str, set[str]], mutual: dict[str, set[str]], net: WordNet
) -> dict[str, list[str]]:
    """Each Dutch word's English words in order of use, at most MAX_TRANSLATIONS_LISTED:
    FreeDict lists a word's senses in no order of use (broek: shorts, marsh, swamp before
    pants, trousers). First the English words with more evidence that they are what the word
    means in gifts and needs: both dictionaries pair them (trousers, shorts), another English
    word of it shares their sense (tire, tyre), their most used sense in WordNet is one of
    the domain (trousers; not marsh); then the more used in English. Words without such
    evidence are left out when they are rare among the word's English words (a share of
    their use under MIN_USE_SHARE: stuk's diploma). A plural-only noun is written as English
    writes it (trousers, not trouser)."""
    from wordfreq import zipf_frequency

    result: dict[str, list[str]] = {}
    for dutch, english in to_english.items():
        words = [w for w in sorted(english) if len(w) > 2 and zipf_frequency(w, "en") > 0]
        if not words:
            continue
        agreed = _agreed(set(words), net)
        total = sum(10 ** zipf_frequency(w, "en") for w in words)

        def evidence(word: str, agreed=agreed, dutch=dutch) -> int:
            both = dutch in mutual.get(word, ())
            senses = net.word_senses(word)
            shared = bool(agreed.intersection(senses))
            # Its most used sense is one of gifts and needs (trousers; not marsh, swamp).
            domain = bool(senses) and net.in_domain(senses[0])
            return int(both) + int(shared) + int(domain)

        kept = [
            w
            for w in words
            if evidence(w) or 10 ** zipf_frequency(w, "en") / total >= MIN_USE_SHARE
        ]
        # trouser and trousers: the form English uses more.
        kept = [
            w
            for w in kept
            if not ((w + "s") in kept and zipf_frequency(w + "s", "en") > zipf_frequency(w, "en"))
            and not (
                w.endswith("s")
                and w[:-1] in kept
                and zipf_frequency(w[:-1], "en") >= zipf_frequency(w, "en")
            )
        ]
        kept.sort(key=lambda w: (-evidence(w), -zipf_frequency(w, "en"), w))
        if kept:
            result[dutch] = kept[:MAX_TRANSLATIONS_LISTED]
    return result


def _plurals(translations: dict[str, list[str]], net: WordNet) -> dict[str, list[str]]:
    """English nouns of the translations -> their irregular plurals (WordNet's list of
    irregular forms, noun.exc) whose matching key differs from the noun's: Snowball's English
    stemmer makes "shelves" shelv and "shelf" shelf, so a Dutch question's plank ("shelf")
    would miss an English gift's "Shelves". Only plurals read as English (analysis.is_english).
    Not when the plural is the form of another word
    that is used more (leaves: leave before leaf), as the key then says that word."""
    from wordfreq import zipf_frequency

    nouns = {english for words in translations.values() for english in words}
    candidates = {
        plural: [b for b in bases if b in nouns and analysis.key(b) != analysis.key(plural)]
        for plural, bases in net.noun_plurals.items()
        # Only a plural that an index reads as English (reis, Portuguese reals, is a Dutch
        # word), and no verb's form the list also has (crying).
        if plural.isalpha() and analysis.is_english(plural) and not plural.endswith("ing")
    }
    candidates = {plural: bases for plural, bases in candidates.items() if bases}
    # The other words of each plural's key (leaves: leave), among WordNet's nouns and verbs.
    keys = {analysis.key(plural) for plural in candidates}
    starts = {plural[:3] for plural in candidates}  # only words that may share a key
    of_key: dict[str, list[str]] = {}
    for word in net.senses:
        if word.isalpha() and word[:3] in starts:
            key = analysis.key(word)
            if key in keys:
                of_key.setdefault(key, []).append(word)
    found: dict[str, list[str]] = {}
    for plural, bases in sorted(candidates.items()):
        use = zipf_frequency(plural, "en")
        rivals = [w for w in of_key.get(analysis.key(plural), ()) if w not in bases]
        if any(zipf_frequency(w, "en") > use for w in rivals):
            continue  # the key says another word more often (leaves: leave, not leaf)
        for base in bases:
            found.setdefault(base, []).append(plural)
    return dict(sorted(found.items()))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dictd", type=Path, default=Path("/usr/share/dictd"))
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--long-vowels", type=Path, default=analysis.LONG_VOWELS)
    args = parser.parse_args(argv)
    # First: the lexicon compares words by matching key, and keys depend on this list.
    kept = write_long_vowel_stems(args.dictd, args.long_vowels)
    if args.long_vowels == analysis.LONG_VOWELS:
        analysis.forget_long_vowel_stems()
    print(f"{kept} stems keep their long vowel")
    data = build(args.dictd, args.wordnet)
    args.output.write_text(
        json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8"
    )
    print(
        f"{len(data['related'])} Dutch words with related words, {len(data['english'])} English words"
    )


if __name__ == "__main__":
    main()
