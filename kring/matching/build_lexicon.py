"""Build data/lexicon.json, the related words and the English-Dutch word pairs that matching
uses, from two openly licensed lexical resources that Debian ships:

- FreeDict's Dutch-English and English-Dutch dictionaries (packages dict-freedict-nld-eng and
  dict-freedict-eng-nld, GPL-2.0-or-later; read from /usr/share/dictd);
- Princeton WordNet 3.0 (package wordnet-base, WordNet 3.0 licence; read from
  /usr/share/wordnet).

Nothing is downloaded when Kring runs: the generated file is committed. Rebuild it with

    apt-get install dict-freedict-nld-eng dict-freedict-eng-nld wordnet-base
    python -m kring.matching.build_lexicon

How words become related: a Dutch word is translated into English (both dictionaries), the
English word's first sense (per part of speech) is looked up in WordNet, and two Dutch words are
related when their English words share that sense ("same") or when one sense is derived from
the other (gardener -> garden, paint -> painter: "derived"). Wider links, one step from a shared
sense, are kept only into the words of gifts and needs (``domain_words``: Kring's community
words, the demo's texts, the first labelled set): senses of one topic (algebra, mathematics:
"topic"), parts and wholes (brake, bicycle: "part"), a broader or narrower kind (trousers,
clothing: "kind"). An English word stands for its sense's Dutch words, and so do the sense's
other English words (mathematics, math). Only Dutch words that are used (wordfreq's list, or Kring's own
community words in data/words_nl.txt) and whose senses belong to the lexicographer files of
people, acts, artefacts, food, plants, animals and doing things are kept: the domain of gifts
and needs. The output is sorted, so the same inputs give the same file.
"""

import argparse
import gzip
import json
import re
from pathlib import Path

from kring.matching import analysis

DATA = Path(__file__).resolve().parent / "data"
OUTPUT = DATA / "lexicon.json"
SENSES = 1  # the first (most used) sense of an English word, per part of speech
MAX_RELATED = 12
MAX_DUTCH_PER_ENGLISH = 8
MIN_ZIPF = 2.0
# WordNet lexicographer files of the domain: people (trades), acts, artefacts (tools), food,
# plants, animals, cognition (school subjects), and verbs of doing: body, change, communication, competition, consumption,
# contact, creation, motion, possession, social.
DOMAIN_LEXFILES = {4, 6, 9, 13, 5, 18, 20, 10, 29, 30, 32, 33, 34, 35, 36, 38, 40, 41, 14, 22}
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
RANK = {"same": 0, "derived": 1, "topic": 2, "part": 3, "kind": 4}
# Links beyond one sense (a shared topic, a part or a whole, one step to a broader or narrower
# kind): kept only into the words of gifts and needs (``domain_words``), at most MAX_WIDE a word.
WIDE = {"topic", "part", "kind"}
MAX_WIDE = 8
DEMO_TEXTS = ("kring/demo/data.py", "kring/demo/year.py", "kring/demo/lived.py")
FIRST_SET = "bench/data/relevance_nl.json"


def _number(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + B64.index(char)
    return value


def read_dictd(base: Path) -> dict[str, list[str]]:
    """A dictd database (index + gzip'd text) as headword -> translations (single words)."""
    with gzip.open(f"{base}.dict.dz") as packed:
        text = packed.read()
    result: dict[str, list[str]] = {}
    for line in Path(f"{base}.index").read_text(encoding="utf-8").splitlines():
        head, offset, length = line.split("\t")
        if head.startswith("00-") or " " in head.strip():
            continue
        start = _number(offset)
        entry = text[start : start + _number(length)].decode("utf-8").splitlines()[1:]
        found = result.setdefault(head.strip().lower().replace("ĳ", "ij"), [])
        for row in entry:
            row = re.sub(r"^\s*\d+\.\s*", "", row)
            for item in row.split(","):
                item = item.strip().lower().replace("ĳ", "ij")
                if re.fullmatch(r"[a-zà-ÿ]+", item) and item not in found:
                    found.append(item)
    return result


class WordNet:
    """The parts of WordNet 3.0's database files that are needed here."""

    def __init__(self, folder: Path):
        self.senses: dict[str, list[tuple[str, int]]] = {}  # lemma -> [(pos, offset)]
        self.synsets: dict[tuple[str, int], dict] = {}
        for pos, name in (("n", "noun"), ("v", "verb")):
            for line in (folder / f"index.{name}").read_text(encoding="latin-1").splitlines():
                if line.startswith(" "):
                    continue
                fields = line.split()
                lemma, count = fields[0], int(fields[2])
                offsets = [int(o) for o in fields[-count:]] if count else []
                self.senses.setdefault(lemma, []).extend((pos, o) for o in offsets[:SENSES])
            for line in (folder / f"data.{name}").read_text(encoding="latin-1").splitlines():
                if line.startswith(" "):
                    continue
                head = line.split("|")[0].split()
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
                }

    def topic(self, sense) -> list:
        """The topic domains a sense belongs to (algebra -> mathematics)."""
        synset = self.synsets.get(sense)
        if synset is None:
            return []
        return [target for symbol, target in synset["pointers"] if symbol == ";c"]

    def neighbours(self, english: str):
        """(synset, relation) for the first senses of a word and the senses next to them."""
        for sense in self.senses.get(english, []):
            synset = self.synsets.get(sense)
            if synset is None or synset["lexfile"] not in DOMAIN_LEXFILES:
                continue
            yield sense, "same"
            for symbol, target in synset["pointers"]:
                # Derived senses only: one step up or down the hierarchy was mostly noise
                # (ladder -> break, through "break" as a kind of "rung").
                if symbol == "+" and target in self.synsets:
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
    senses_of, dutch_of_sense, english_words = _senses(to_english, net)
    _widen(senses_of, dutch_of_sense, net)
    related = _related(senses_of, dutch_of_sense, domain_words())
    return {
        "about": (
            "Generated by kring/matching/build_lexicon.py from FreeDict's Dutch-English and "
            "English-Dutch dictionaries (GPL-2.0-or-later) and Princeton WordNet 3.0 (WordNet "
            "3.0 licence). Do not edit: rebuild."
        ),
        "related": dict(sorted(related.items())),
        "english": dict(sorted(_english(english_words).items())),
    }


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
        return word in own or zipf_frequency(word, "nl", wordlist="small") >= MIN_ZIPF

    to_english: dict[str, set[str]] = {}
    for dutch, english in read_dictd(dictd / "freedict-nld-eng").items():
        to_english.setdefault(dutch, set()).update(english)
    for english, dutch_words in read_dictd(dictd / "freedict-eng-nld").items():
        for dutch in dutch_words:
            to_english.setdefault(dutch, set()).add(english)
    return {
        d: e
        for d, e in to_english.items()
        if used(d) and d not in analysis.STOP_WORDS and len(d) > 2
    }


def _senses(to_english: dict[str, set[str]], net: WordNet) -> tuple[dict, dict, dict]:
    """Each Dutch word's senses (with the closest relation to each), which Dutch words share
    each sense, and which Dutch words each English word stands for."""
    senses_of: dict[str, dict[tuple, str]] = {}
    dutch_of_sense: dict[tuple, set[str]] = {}
    english_words: dict[str, set[str]] = {}
    for dutch, english in to_english.items():
        mine: dict[tuple, str] = {}
        for word in english:
            for sense, relation in net.neighbours(word):
                if relation == "same":
                    dutch_of_sense.setdefault(sense, set()).add(dutch)
                    english_words.setdefault(word, set()).add(dutch)
                    # The sense's other English words too (mathematics -> math, maths).
                    for lemma in net.synsets[sense]["lemmas"]:
                        if lemma.isalpha() and lemma != word:
                            english_words.setdefault(lemma, set()).add(dutch)
                if sense not in mine or RANK[relation] < RANK[mine[sense]]:
                    mine[sense] = relation
        if mine:
            senses_of[dutch] = mine
    return senses_of, dutch_of_sense, english_words


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


def _related(senses_of: dict, dutch_of_sense: dict, domain: set[str]) -> dict[str, list]:
    """Each Dutch word's related words, closest first: at most MAX_RELATED close ones and
    MAX_WIDE wide ones, the wide ones only among the words of gifts and needs."""
    from wordfreq import zipf_frequency

    related: dict[str, list[list[str]]] = {}
    for dutch, mine in senses_of.items():
        best: dict[str, str] = {}
        evidence: dict[str, int] = {}
        for sense, relation in mine.items():
            for other in dutch_of_sense.get(sense, ()):
                if other == dutch or analysis.key(other) == analysis.key(dutch):
                    continue
                if relation in WIDE and other not in domain:
                    continue  # wide links only into the words of gifts and needs
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
                p[0] not in domain,
                -zipf_frequency(p[0], "nl"),
                p[0],
            ),
        )
        close = [[o, r] for o, r in ordered if r not in WIDE][:MAX_RELATED]
        wide = [[o, r] for o, r in ordered if r in WIDE][:MAX_WIDE]
        if close or wide:
            related[dutch] = close + wide
    return related


def _english(english_words: dict[str, set[str]]) -> dict[str, list[str]]:
    """Each English word (longer than two letters) with its most used Dutch words."""
    from wordfreq import zipf_frequency

    return {
        e: sorted(d, key=lambda w: (-zipf_frequency(w, "nl"), w))[:MAX_DUTCH_PER_ENGLISH]
        for e, d in english_words.items()
        if len(e) > 2
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dictd", type=Path, default=Path("/usr/share/dictd"))
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    data = build(args.dictd, args.wordnet)
    args.output.write_text(
        json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8"
    )
    print(
        f"{len(data['related'])} Dutch words with related words, {len(data['english'])} English words"
    )


if __name__ == "__main__":
    main()
