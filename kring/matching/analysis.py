"""Dutch text analysis, the same for what is indexed and for what is asked.

A word becomes a *key*: lower case, accents folded, stop words dropped, stemmed with Snowball's
Dutch stemmer and then made a little coarser (doubled vowels and a final -s after a consonant
do not count, but a long vowel that tells two words apart stays: lezen, les), so that "fiets", "fietsen", "repareer" and "repareren" meet. A compound word is
also split into its parts ("fietsreparatie" -> "fiets" + "reparatie", linking -s-, -e- and
-en- allowed) against a word list with frequencies, so that a compound finds its parts and the
parts find the compound. Dutch forms the stemmer leaves apart are brought together: a verb's
form in -t and its infinitive ("schildert", "speelt", "leest": schilderen, spelen, lezen), a
diminutive of a word in -t and the word ("kastje": kast), and a separable verb's parts ("laat
honden uit", "past op kinderen": uitlaten, oppassen). Analysis depends on nothing in the database, so the index never has to
be rebuilt when the synonym list changes: synonyms are applied when searching.
"""

import math
import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

import Stemmer

# Snowball's Dutch stop word list, folded, plus a few words that say nothing in a need.
_STOP_TEXT = """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om
    hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar
    naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al
    waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd
    altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest
    andere we wij jij jullie onze welke waar wanneer graag iemand mensen mee willen wel heel
    even beetje kunnen zoeken zoek zoekt gezocht gevraagd nodig hulp helpen help
"""
# English words that say nothing in a need ("looking for someone to help with ..."); English
# stop words that are Dutch words (been, most, over, die, had) are left out.
_ENGLISH_STOP_TEXT = """
    the a an and or for to of with my your our their his its it this that these those is are be
    am was were can could would should will please someone somebody anyone anybody looking need
    needed needs help helping want wants who what where when how some any from at by as about
    into them they you we me us him she he get gets got getting do does did doing have has
    having there here just very really also like
"""
STOP_WORDS = frozenset(_STOP_TEXT.split()) | frozenset(_ENGLISH_STOP_TEXT.split())
# "hulp", "helpen" and "zoeken" appear in nearly every need and would match every gift.

WORD_RE = re.compile(r"[a-z0-9]+")
LINKS = ("", "s", "en", "e")  # fiets|reparatie, stad|s|tuin, boek|en|kast, zonn|e|bloem
MIN_PART = 3
MIN_COMPOUND = 7
# A word this common is a word in its own right and is not split (verhalen is not ver+halen).
COMMON_ZIPF = 3.6
PART_ZIPF = 2.5
SHORT_PART_ZIPF = 4.5
DATA = Path(__file__).resolve().parent / "data"

_local = threading.local()


def _stemmer():
    # PyStemmer objects are not thread-safe; one per thread.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("dutch")
    return stemmer


def _english_stemmer():
    stemmer = getattr(_local, "english", None)
    if stemmer is None:
        stemmer = _local.english = Stemmer.Stemmer("english")
    return stemmer


def fold(text: str) -> str:
    """Lower case without accents: 'Café Ĳssel' -> 'cafe ijssel'."""
    if text.isascii():  # nearly every text: nothing to decompose (a tenth of an index build)
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The meaningful words of a text, folded, without stop words."""
    return [w for w in WORD_RE.findall(fold(text or "")) if w not in STOP_WORDS and len(w) > 1]


_DOUBLE_VOWEL = re.compile(r"([aeou])\1")
VOWELS = set("aeiouy")


# A word is read as English when it is common in English (wordfreq's English list) and clearly
# more common there than in Dutch: "painting", "gardening", "cooking", "repairs" are, "computers",
# "training", "hand" and "water" are not (Dutch uses them as much).
ENGLISH_MIN_ZIPF = 3.0
ENGLISH_MARGIN = 1.0


def is_english(word: str) -> bool:
    english = english_vocabulary.zipf(word)
    return english >= ENGLISH_MIN_ZIPF and english > vocabulary.zipf(word) + ENGLISH_MARGIN


@lru_cache(maxsize=1)
def _accented_dutch() -> dict[str, float]:
    """Folded words whose most used spelling is not the one ``vocabulary`` keeps: folding makes
    "één", "mét", "dé" (rare, stressed) one word with "een", "met", "de", and the word list
    keeps the last. Only for telling the language of a text; the keys keep the list as it is
    (a change there would change the index)."""
    from wordfreq import get_frequency_dict

    highest: dict[str, float] = {}
    for word, frequency in get_frequency_dict("nl", wordlist="small").items():
        if word.isalpha():
            folded = fold(word)
            highest[folded] = max(highest.get(folded, 0.0), math.log10(frequency * 1e9))
    return {w: z for w, z in highest.items() if z > vocabulary.zipf(w)}


def written_in_english(text: str) -> bool:
    """Whether a text is English: more of its words (stop words too: "my", "with") are clearly
    English than clearly Dutch ("mijn", "met"). Words both languages use ("in", "computer", "garden") do not
    count, so a Dutch text with loanwords stays Dutch ("hulp met mijn laptop")."""
    return language_balance(text) > 0


def written_in_dutch(text: str) -> bool:
    """Whether a text is Dutch: more of its words are clearly Dutch than clearly English (see
    written_in_english); "voedsel bank" is, so its "bank" is not the English one (a river's)."""
    return language_balance(text) < 0


def language_balance(text: str) -> int:
    """The clearly English words of a text less its clearly Dutch ones (above 0: English;
    below: Dutch)."""
    balance = 0
    accented = _accented_dutch()
    for word in WORD_RE.findall(fold(text or "")):
        english = english_vocabulary.zipf(word)
        dutch = max(vocabulary.zipf(word), accented.get(word, 0.0))
        if english >= ENGLISH_MIN_ZIPF and english > dutch + ENGLISH_MARGIN:
            balance += 1
        elif dutch >= ENGLISH_MIN_ZIPF and dutch > english + ENGLISH_MARGIN:
            balance -= 1
    return balance


def reads_english(word: str) -> bool:
    """Whether English uses ``word`` more than Dutch does (and commonly): in an English text
    it is read the English way only ("garden", not the Dutch "garde", a guard)."""
    english = english_vocabulary.zipf(word)
    return english >= ENGLISH_MIN_ZIPF and english > vocabulary.zipf(word)


def english_key(word: str) -> str:
    """The English key of a word that English uses more than Dutch but not by the margin that
    makes it English here ("garden": a Dutch plural too, so its key is Dutch), for a question
    to find the English forms as well ("gardening" -> garden); "" for any other word."""
    english = english_vocabulary.zipf(word)
    if english < ENGLISH_MIN_ZIPF or english <= vocabulary.zipf(word) or is_english(word):
        return ""
    found = _english_stemmer().stemWord(word)
    return "" if found == key(word) else found


@lru_cache(maxsize=200_000)
def key(word: str) -> str:
    """The matching key of one folded word: Snowball's English stemmer for an English word
    (painted, painting, paints -> paint), the Dutch one made coarser for every other word."""
    if word.isdigit():
        return word
    if is_english(word):
        return _english_stemmer().stemWord(word)
    if word in EREN_PLURALS:
        return key(EREN_PLURALS[word])
    # A diminutive of a word in -t (kastje, taartjes, feestje): the stemmer takes the -tje
    # off as a whole and leaves kas, taar; the word itself has the key.
    for ending in ("tje", "tjes"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            base = word[: len(word) - len(ending) + 1]
            if vocabulary.zipf(base) >= DIMINUTIVE_BASE_ZIPF:
                return key(base)
    # A noun in -erij names a place, a trade or a thing made (bakkerij, schilderij, batterij,
    # slagerij): the stemmer takes -erij off and leaves the verb or another word (bak,
    # schilder, bat, slag); the noun keeps its own key, the plural (-en) that of the singular.
    for ending in ("erij", "erijen"):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[: len(word) - len(ending) + 4]
    # A verb's stem in -en ("ik oefen", "reken", "bereken"): the stemmer takes the -en off
    # as if it were an ending (oef) and the infinitive keeps it (oefenen: oefen). When the
    # infinitive is the more common word, the stem has its key ("teken", a sign, stays).
    if word.endswith("en") and len(word) > 4:
        infinitive = word + "en"
        if vocabulary.zipf(infinitive) > vocabulary.zipf(word):
            return key(infinitive)
    stem = _stemmer().stemWord(word)
    if word.startswith("ge") and not stem.startswith("ge") and _kept_ge(word, stem):
        # The stemmer takes ge- off every word (gewoon: woon, gezin: zin, gezondheid: zon);
        # it stays off a verb's past participle (gemaakt: maak) and where what is left is no
        # word but a verb's stem (gesprek: sprek, spreken's).
        stem = "ge" + stem
    if stem.endswith("t") and len(word) > 4:
        infinitive = _infinitive(word)
        if infinitive:
            return key(infinitive)
    if stem not in long_vowel_stems():
        stem = _DOUBLE_VOWEL.sub(r"\1", stem)
    if len(stem) > 3 and stem.endswith("s") and stem[-2] not in VOWELS and stem[-2] != "s":
        stem = stem[:-1]
    return stem


DIMINUTIVE_BASE_ZIPF = 3.0
# A closed group of old Dutch nouns makes its plural with -eren (kind: kinderen, ei: eieren,
# lied: liederen), and compounds are made with that form (kinderoppas, kinderboerderij): the
# stemmer keys "kinder" apart from "kind", so "Ik pas op kinderen" did not answer "kind" nor
# a need about a "peuter" ("een jong kind"). The plural and the compound form have the key of
# the singular.
EREN_PLURALS = {
    "kinderen": "kind",
    "kinder": "kind",
    "eieren": "ei",
    "eier": "ei",
    "liederen": "lied",
    "lieder": "lied",
    "bladeren": "blad",
    "kalveren": "kalf",
    "lammeren": "lam",
    "runderen": "rund",
    "volkeren": "volk",
    "beenderen": "been",
    "hoenderen": "hoen",
}


# A past participle's verb must be a word in its own right (geschilderd: schilderen), and not
# far rarer than the participle (gezond is no participle of zonnen).
PARTICIPLE_VERB_ZIPF = 2.5
PARTICIPLE_MARGIN = 1.0
# 't kofschip: a weak verb whose stem ends in one of these makes its participle in -t(e)
# (gemaakt, gepast), any other in -d(e) (gebouwd, gereisd: reizen).
VOICELESS = ("t", "k", "f", "s", "ch", "p")
# What the stemmer leaves of a word in ge- that is a word this common itself (woon, zin, zon):
# the ge- made another word of it (gewoon, gezin, gezondheid) and stays.
GE_WORD_ZIPF = 3.0


def _kept_ge(word: str, stem: str) -> bool:
    """Whether a word in ge- keeps its ge- in its key, which the stemmer takes off every such
    word: when what is left is a word of its own (gewoon: woon, gezin: zin, gezondheid: zon),
    unless the word is a verb's past participle (gemaakt: maak, gebouwd: bouw). What is left
    of a noun made of a verb is no word (gesprek: sprek, gebruik: bruik) and stays the verb's."""
    return vocabulary.zipf(stem) >= GE_WORD_ZIPF and not _participle(word)


@lru_cache(maxsize=100_000)
def _participle(word: str) -> bool:
    """Whether a word in ge- is a verb's past participle: gemaakt(e), gebouwd, gepast, gericht,
    gereisd, gelezen, gegaan; not a word of its own that begins so (gewoon, gezin, gezond,
    gemeente: menen would make gemeend) nor the plural of one (gebouwen, gevolgen, gezinnen)."""
    rest = word[2:]
    if len(rest) < 3:
        return False
    own = vocabulary.zipf(word)
    if rest.endswith(("en", "aan")):
        # A plural is read as its singular (gebouwen: gebouw, gedichten: gedicht).
        for single in (word[:-2], word[:-3] if word[-3] == word[-4] else ""):
            if single and vocabulary.zipf(single):
                return _participle(single)
        # A strong verb's (gelezen, gekomen, gegaan): the rest is the verb or its past.
        return vocabulary.zipf(rest) >= max(PARTICIPLE_VERB_ZIPF, own - PARTICIPLE_MARGIN)
    for ending in ("t", "d", "te", "de"):
        if not rest.endswith(ending):
            continue
        core = rest[: len(rest) - len(ending)]
        # A stem in -t or -d has no ending of its own: gericht (richten), gebied (bieden).
        verbs = [(verb, None) for verb in _infinitives_of_stem(core + ending[0])]
        verbs += [(verb, verb[:-2].endswith(VOICELESS)) for verb in _infinitives_of_stem(core)]
        for verb, voiceless in verbs:
            if voiceless is not None and voiceless != (ending[0] == "t"):
                continue
            if vocabulary.zipf(verb) >= max(PARTICIPLE_VERB_ZIPF, own - PARTICIPLE_MARGIN):
                return True
    return False


_LAST_SYLLABLE = re.compile(r"([aeiouy]+)([^aeiouy]+)$")


def _infinitives_of_stem(stem: str) -> tuple[str, ...]:
    """The infinitives a verb's stem as written may have: maak: maken, bouw: bouwen, reis:
    reizen, verf: verven; a short vowel's consonant doubles (pas: passen, zon: zonnen, not
    zonen), a toneless e's does not (schilder: schilderen)."""
    last = _LAST_SYLLABLE.search(stem)
    if last is None:
        return ()
    vowel, consonants = last.groups()
    if len(vowel) == 1 and len(consonants) == 1:
        toneless = vowel == "e" and any(c in VOWELS for c in stem[: last.start()])
        bases = [stem] if toneless else [stem + consonants]
    else:
        bases = [stem, _LONG_VOWEL.sub(r"\1\2", stem)]
    return tuple(dict.fromkeys(candidate for base in bases for candidate in _with_en(base)))


# A doubled vowel is written single (repareer, reparatie: reparer, as repareren), except in
# the stems of data/long_vowels_nl.txt: there the stemmer's long vowel tells two words apart
# (lezen: lees, not les; kopen: koop, not kop; zaken: zaak, not zak). The list is made by
# build_lexicon (see _long_vowel_stems) from the word list and the dictionaries.
LONG_VOWELS = DATA / "long_vowels_nl.txt"
_long_vowels: frozenset[str] | None = None


def long_vowel_stems() -> frozenset[str]:
    global _long_vowels
    if _long_vowels is None:
        _long_vowels = frozenset(
            line.strip()
            for line in LONG_VOWELS.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        )
    return _long_vowels


def forget_long_vowel_stems() -> None:
    """After build_lexicon wrote the list again: keys are made with the new list."""
    global _long_vowels
    _long_vowels = None
    for cached in (key, word_keys, _weighed_keys, _short_text_keys, split_compound, _participle):
        cached.cache_clear()


_LONG_VOWEL = re.compile(r"([aeou])\1([^aeiouy]+)$")


def _infinitive(word: str) -> str:
    """The infinitive of a verb's form in -t that the stemmer leaves ("speelt", "schildert",
    "leest", "naait", "rijdt" -> spelen, schilderen, lezen, naaien, rijden), when that infinitive
    is a more common word than the form itself; "" otherwise. A noun in -t stays itself: its
    look-alike in -en is rarer or no word at all (kaart/karen, sport/sporen, buurt/buren)."""
    base = word[:-1]
    short = _LONG_VOWEL.sub(r"\1\2", base)  # speel -> spel(en), fotografeer -> fotografer(en)
    own = vocabulary.zipf(word)
    best, best_zipf = "", own
    for stem in dict.fromkeys((base, short)):
        for candidate in _with_en(stem):
            zipf = vocabulary.zipf(candidate)
            if zipf > best_zipf:
                best, best_zipf = candidate, zipf
    return best


def _with_en(stem: str) -> tuple[str, ...]:
    """A verb's stem with the infinitive's -en, an -s or -f voiced before it: speel: spelen,
    lees: lezen (leest), verf: verven (verft)."""
    found = [stem + "en"]
    if stem.endswith("s"):
        found.append(stem[:-1] + "zen")
    if stem.endswith("f"):
        found.append(stem[:-1] + "ven")
    return tuple(found)


class _Vocabulary:
    """Dutch words with how often they are used (wordfreq's list, plus words of community life
    that it lacks, in data/words_nl.txt), loaded once per process."""

    def __init__(self):
        self._zipf = None
        self._lock = threading.Lock()

    def zipf(self, word: str) -> float:
        if self._zipf is None:
            with self._lock:
                if self._zipf is None:
                    self._zipf = self._load()
        return self._zipf.get(word, 0.0)

    @staticmethod
    def _load() -> dict[str, float]:
        from wordfreq import get_frequency_dict

        table = {
            fold(w): math.log10(f * 1e9)
            for w, f in get_frequency_dict("nl", wordlist="small").items()
            if w.isalpha()
        }
        for line in (DATA / "words_nl.txt").read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                table.setdefault(fold(line), 3.0)
        return table


vocabulary = _Vocabulary()


class _EnglishVocabulary(_Vocabulary):
    """English words with how often they are used (wordfreq's small English list)."""

    @staticmethod
    def _load() -> dict[str, float]:
        from wordfreq import get_frequency_dict

        return {
            w: math.log10(f * 1e9)
            for w, f in get_frequency_dict("en", wordlist="small").items()
            if w.isalpha() and w.isascii()
        }


english_vocabulary = _EnglishVocabulary()


def _known(word: str) -> float:
    """How common a word is as a part of a compound; 0 when it cannot be one. Short parts must
    be common words, or 'rijwielhersteller' falls apart into 'her' and 'teller'."""
    if len(word) < MIN_PART:
        return 0.0
    zipf = vocabulary.zipf(word)
    needed = SHORT_PART_ZIPF if len(word) == MIN_PART else PART_ZIPF
    return zipf if zipf >= needed else 0.0


# A word in -eren or -ieren is nearly always a verb made with that ending (jongleren,
# renoveren, knipperen), not a compound whose head is the short word its last letters make
# (leren, veren, peren): only after a particle is it one (aanleren, omkeren). A bare -(i)eren
# stays a part: the word is made of the one before it (tuinieren: tuin).
LOAN_VERB_HEAD = re.compile(r"[^aeiouy]i?eren")


def _full_vowel_end(word: str) -> bool:
    """Whether a word ends in a vowel that is not a toneless e (toe, menu, auto; not vrede,
    whose -s- is a link: vredesverdrag)."""
    if not word or word[-1] not in VOWELS:
        return False
    return word[-1] != "e" or (len(word) > 1 and word[-2] in VOWELS)


@lru_cache(maxsize=100_000)
def split_compound(word: str) -> tuple[str, ...]:
    """'fietsreparatie' -> ('fiets', 'reparatie'); () when the word is not a compound."""
    if len(word) < MIN_COMPOUND or not word.isalpha() or vocabulary.zipf(word) >= COMMON_ZIPF:
        return ()
    best: tuple[tuple[int, float], tuple[str, ...]] | None = None
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        left, right = word[:cut], word[cut:]
        right_parts = (right,) if _known(right) else split_compound(right)
        if not right_parts:
            continue
        for link in LINKS:
            if link and not left.endswith(link):
                continue
            head = left[: len(left) - len(link)] if link else left
            if link == "s" and _full_vowel_end(head):
                continue  # no -s- after a full vowel: toeslagen is toe + slagen
            if (
                right_parts == (right,)
                and LOAN_VERB_HEAD.fullmatch(right)
                and head not in PARTICLES
            ):
                continue
            head_zipf = _known(head)
            if not head_zipf:
                continue
            parts = (head, *right_parts)
            # The fewest parts win; among those, the most common parts (Koehn & Knight's
            # geometric mean of frequencies, which is the mean of the zipf values).
            score = (
                -len(parts),
                (head_zipf + sum(_known(p) or 2.0 for p in right_parts)) / len(parts),
            )
            if best is None or score > best[0]:
                best = (score, parts)
    return best[1] if best else ()


# Who does something, and what they do: an agent noun and the verb it is made from
# (bakker/bakken, maaier/maaien, leraar/leren, naaister/naaien, timmerman/timmeren,
# fotograaf/fotograferen, masseur/masseren); the first ending that fits is tried.
AGENT_ENDINGS = (
    ("graaf", "graferen"),
    ("ster", "en"),
    ("aar", "en"),
    ("man", "en"),
    ("eur", "eren"),
    ("er", "en"),
)
VERB_ZIPF = 3.0  # the verb must be a word in its own right
AGENT_MARGIN = 0.75  # and not much rarer than the noun (lekker is no lekken-er)


@lru_cache(maxsize=100_000)
def agents_of_verb(verb: str) -> tuple[str, ...]:
    """The agent nouns made from a verb, the other way round from ``verb_of_agent`` ("leren" ->
    leraar, "naaien" -> naaister, "timmeren" -> timmerman, "bakken" -> bakker): the words that
    ``verb_of_agent`` reads back as this verb; () for a word that is no such verb."""
    if len(verb) < 5 or not verb.endswith("en") or vocabulary.zipf(verb) < VERB_ZIPF:
        return ()
    found = []
    for ending, replacement in AGENT_ENDINGS:
        if not verb.endswith(replacement) or len(verb) - len(replacement) < 2:
            continue
        stem = verb[: len(verb) - len(replacement)]
        forms = [stem]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            forms.append(stem[:-1])  # kappen -> kapster
        for form in forms:
            agent = form + ending
            if agent not in found and vocabulary.zipf(agent) and verb_of_agent(agent) == verb:
                found.append(agent)
    return tuple(found)


NOUN_OF_PERSON_MIN = 4


@lru_cache(maxsize=100_000)
def noun_of_person(word: str) -> str:
    """The noun a person's noun in -er is made from, when it is no verb's ("mantelzorger",
    "mantelzorgers" -> "mantelzorg"): a word in its own right (at least VERB_ZIPF) and more
    common than the person's noun (moeder is no moed-er, winter no wint-er, wonder no
    wond-er); "" otherwise, and for the agent nouns of a verb (fietser: fietsen; schilder is
    schilderen's)."""
    for ending in ("ers", "er"):
        if word.endswith(ending):
            base = word[: len(word) - len(ending)]
            break
    else:
        return ""
    person = base + "er"
    if (
        len(base) < NOUN_OF_PERSON_MIN
        or verb_of_agent(person)
        or vocabulary.zipf(person + "en") >= VERB_ZIPF
    ):
        return ""
    zipf = vocabulary.zipf(base)
    if zipf >= VERB_ZIPF and zipf > vocabulary.zipf(person) and key(base) != key(word):
        return base
    return ""


@lru_cache(maxsize=100_000)
def verb_of_agent(word: str) -> str:
    """The verb an agent noun is made from ("maaier" -> "maaien", "kapster" -> "kappen",
    "fotograaf" -> "fotograferen"), when it is a common word and not much rarer than the noun;
    "" otherwise. A word that is itself a verb's stem (schilder, tuinier) has its verb's key
    already and is left as it is."""
    if len(word) < 5 or vocabulary.zipf(word + "en") >= VERB_ZIPF:
        return ""
    own = vocabulary.zipf(word)
    for ending, replacement in AGENT_ENDINGS:
        if not word.endswith(ending) or len(word) - len(ending) < 3:
            continue
        stem = word[: len(word) - len(ending)]
        forms = [stem, _LONG_VOWEL.sub(r"\1\2", stem + "x")[:-1]]  # verpleeg- -> verpleg-
        if ending == "ster":
            forms.append(stem + stem[-1])  # kapster -> kappen
        best, best_zipf = "", max(VERB_ZIPF, own - AGENT_MARGIN)
        for form in dict.fromkeys(forms):
            zipf = vocabulary.zipf(form + replacement)
            if zipf >= best_zipf and key(form + replacement) != key(word):
                best, best_zipf = form + replacement, zipf
        return best
    return ""


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> tuple[str, ...]:
    """The key of a word followed by the keys of its compound parts, without doubles."""
    keys = [key(word)]
    for part in split_compound(word):
        # 'voorlezen' is 'voor' + 'lezen': the part that is a stop word says nothing.
        part_key = key(part)
        if part not in STOP_WORDS and part_key not in keys:
            keys.append(part_key)
    return tuple(keys)


# Texts up to this long are analysed once per process (titles and labels repeat a lot across a
# collective's gifts: "Fietsen repareren", "Boodschappen doen"); longer ones word by word.
CACHED_TEXT = 200


@lru_cache(maxsize=100_000)
def _short_text_keys(text: str, weight: int) -> tuple[str, ...]:
    return _text_keys(text, weight)


def _text_keys(text: str, weight: int) -> tuple[str, ...]:
    return tuple(k for word in words(text) for k in _weighed_keys(word, weight))


@lru_cache(maxsize=200_000)
def _weighed_keys(word: str, weight: int) -> tuple[str, ...]:
    """A word's keys ``weight`` times, but the parts of a compound before its head once: a
    "tuinfeest" is a feest, and a "computerspelletje" a game, not a computer (as a question's
    modifiers count less, see query.MODIFIER_FACTOR); not when the head is someone who does
    something (fietsenmaker, wiskundeleraar: the first part is what they work on)."""
    keys = word_keys(word)
    if weight == 1 or len(keys) < 3:
        return keys * weight
    parts = split_compound(word)
    if verb_of_agent(parts[-1]):
        # Who works on what: a fietsenmaker's fiets is what the word is about.
        return keys * weight
    head = key(parts[-1])
    modifiers = tuple(k for k in keys[1:] if k != head)
    main = tuple(k for k in keys if k not in modifiers)
    return main * weight + modifiers


def text_keys(text: str, weight: int = 1) -> tuple[str, ...]:
    """The keys of a text in the order read, each word's key followed by its parts' keys, each
    word ``weight`` times."""
    if len(text) <= CACHED_TEXT:
        return _short_text_keys(text, weight)
    return _text_keys(text, weight)


# Separable verbs: "past op kinderen" is oppassen, "laat honden uit" uitlaten, "leest voor"
# voorlezen, "maakt ramen schoon" schoonmaken. A particle finds its verb among the few words
# before it in the same clause; the verb joined with it must be a common word.
_PARTICLE_TEXT = "op uit af aan in mee voor na om over door weg terug bij samen schoon toe"
PARTICLES = frozenset(_PARTICLE_TEXT.split())
_DETERMINER_TEXT = "de het een mijn je jouw zijn haar ons onze hun uw die dat deze dit elke alle"
DETERMINERS = [[w] for w in _DETERMINER_TEXT.split()]  # compared with a slice of one token
PARTICLE_REACH = 4
PARTICLE_VERB_ZIPF = 3.0
_CLAUSE_RE = re.compile(r"[.,;:!?()\n]+")


def _verb_stems(word: str) -> tuple[str, ...]:
    """The ways a finite verb may be written before -en (laat: laat, lat; past: pas, pass;
    leest: lees, lez)."""
    found = []
    for base in (word, word[:-1]) if word.endswith("t") else (word,):
        short = _LONG_VOWEL.sub(r"\1\2", base)
        found += [base, short, base + base[-1]]
        if short.endswith("s"):
            found.append(short[:-1] + "z")
        if short.endswith("f"):
            found.append(short[:-1] + "v")
    return tuple(dict.fromkeys(found))


def particle_verbs(text: str, *, question: bool = False) -> tuple[tuple[str, str], ...]:
    """(verb as written, separable verb) pairs of a text: "Past graag op kinderen" ->
    (("past", "oppassen"),). In a document a particle before an article is read as a
    preposition ("werkt in de tuin": the verb keeps its own key); a question's verb gets the
    joined verb besides its own, so there it is read either way ("zoom in een broek").
    Short texts (titles, questions) are read once per process."""
    if len(text) <= CACHED_TEXT:
        return _short_particle_verbs(text, question)
    return _particle_verbs(text, question)


@lru_cache(maxsize=100_000)
def _short_particle_verbs(text: str, question: bool) -> tuple[tuple[str, str], ...]:
    return _particle_verbs(text, question)


def _particle_verbs(text: str, question: bool) -> tuple[tuple[str, str], ...]:
    folded = fold(text or "")
    every = WORD_RE.findall(folded)
    if PARTICLES.isdisjoint(every):
        return ()
    clauses = _CLAUSE_RE.split(folded)
    found = []
    for tokens in [every] if len(clauses) == 1 else map(WORD_RE.findall, clauses):
        for i, particle in enumerate(tokens):
            if particle not in PARTICLES:
                continue
            # Before an article it is a preposition: "werkt in de tuin", "loop in het park".
            if not question and tokens[i + 1 : i + 2] in DETERMINERS:
                continue
            for word in tokens[max(0, i - PARTICLE_REACH) : i]:
                joined = _joined(particle, word)
                if joined:
                    found.append((word, joined))
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=100_000)
def _joined(particle: str, word: str) -> str:
    """The separable verb of a particle and a verb's form ("uit", "laat" -> "uitlaten"), or ""."""
    if len(word) < 3 or word in STOP_WORDS or word in PARTICLES:
        return ""
    for stem in _verb_stems(word):
        verb = particle + stem + "en"
        if vocabulary.zipf(verb) >= PARTICLE_VERB_ZIPF:
            return verb
    return ""


def document_keys(title: str, description: str = "", extra: str = "") -> list[str]:
    """The keys of an asset in the order read, with repeats (they count). The title counts
    twice: it says what the gift is; the description and labels add to it."""
    keys: list[str] = []
    for text, weight in ((title, 2), (description[:2000], 1), (extra, 1)):
        if text:
            found = text_keys(text, weight)
            separable = particle_verbs(text)
            if separable:
                # The verb of a separable verb means the two together ("past op": not passen
                # but oppassen): its key stands for the joined verb, the length stays the same.
                found = list(found)
                for word, joined in separable:
                    own, whole = key(word), key(joined)
                    at = [i for i, k in enumerate(found) if k == own][:weight]
                    for i in at:
                        found[i] = whole
            keys.extend(found)
    return keys
