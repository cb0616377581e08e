"""A search text as the engine reads it: per meaningful word, the ways a document may answer
it (the word itself, its compound parts, its synonyms), each with a weight and a reason."""

from dataclasses import dataclass, field
from functools import cache

from django.utils.translation import gettext, gettext_noop

from . import analysis, lexicon
from .synonyms import SynonymTable

MAX_WORDS = 30
# The admin's synonyms stay on top; words from the lexicon count less than the word itself, its
# other forms (the same key) and its compound parts.
PART_WEIGHT = 0.7
SYNONYM_WEIGHT = 0.8
PART_SYNONYM_WEIGHT = 0.6
TRANSLATION_WEIGHT = 0.7
RELATED_WEIGHT = {
    "same": 0.5,
    "derived": 0.45,
    "topic": 0.3,
    "part": 0.3,
    "kind": 0.3,
    "gloss": 0.25,
}
# The verb an agent noun is made from (timmerman: timmeren), a word of the same family.
AGENT_VERB_WEIGHT = 0.85
# A word English uses more than Dutch ("garden"), read the English way too.
ENGLISH_FORM_WEIGHT = 0.9
# A compound's head (its last part: boekenKAST, schoolTUIN) says what it is; the parts before
# it count less.
MODIFIER_FACTOR = 0.8
PART_RELATED_FACTOR = 0.7  # the related words of a compound's part
TRANSLATED_RELATED = 1  # an English word's first Dutch words whose related words count too
# The related words whose English word counts too: close ones, and the words a definition
# links (band: fiets, "bike", for "Bike repairs"); not topics, parts and kinds, which would
# add a key a word for little.
CLOSE_TRANSLATED = ("same", "derived", "gloss")
# "korter maken" is inkorten: the verb "maken" with an adjective a few words before or after it
# (a light verb: the adjective says what is done) stands for the verbs made of the adjective
# (see build_lexicon._made_verbs), weighed as a synonym.
MADE_VERB = "mak"  # the key of maken, maak, maakt, gemaakt
MADE_REACH = 2
MADE_WEIGHT = 0.8
# A light verb (maken, geven, nemen ...) says little on its own: in "broek korter maken" or
# "les geven" the other words say what is asked; so does "weten" in "iemand die veel weet van
# planten" (else every "weet hoe ..." gift answers). Beside other words it counts this much.
LIGHT_VERBS = frozenset(
    ("maken", "geven", "nemen", "krijgen", "gaan", "komen", "laten", "zetten", "weten")
)
LIGHT_VERB_FACTOR = 0.4
# Words of everyday talk (wordfreq's Zipf scale: twee, jaar, tijd, dag, hier, steeds; not huis,
# werk, hulp, school) beside other words count this much (see _lighten_common_words).
COMMON_WORD_ZIPF = 5.8
COMMON_WORD_FACTOR = 0.5
# A word corrected as a typo counts this much (below the word itself): the writer may have meant
# another word. The same for everything read through a guess at what was meant (below).
TYPO_WEIGHT = 0.75
# A compound written with the wrong linking letters ("ziekehuis": ziekenhuis) or apart
# ("voedsel bank": voedselbank) also asks for the word as it is written in a dictionary, weighed
# as a corrected typo (below the word itself). Only a word this common counts as the one meant.
SPELLING_WEIGHT = TYPO_WEIGHT
SPELLING_ZIPF = 3.0
# What the lexicon gives a misspelt word through the word it looks like counts as little as a
# typo correction does.
MISSPELT_FACTOR = TYPO_WEIGHT
# A word this common in Dutch, in a Dutch question, is not read as an English word.
DUTCH_ZIPF = 3.0


SYNONYM_REASON = gettext_noop("synoniem: %(said)s = %(other)s")
FROM_ENGLISH_REASON = gettext_noop("‘%(said)s’ is Engels voor ‘%(other)s’")
TO_ENGLISH_REASON = gettext_noop("‘%(said)s’ heet in het Engels ‘%(other)s’")
RELATED_REASON = gettext_noop("‘%(said)s’ hoort bij ‘%(other)s’")
# A misspelt word whose key the lexicon knows through another word ("schilderren" has the key
# of "schilderen"): the reason names the word the lexicon knows.
LIKE_TO_ENGLISH_REASON = gettext_noop(
    "‘%(said)s’ lijkt op ‘%(like)s’, en dat heet in het Engels ‘%(other)s’"
)
LIKE_RELATED_REASON = gettext_noop("‘%(said)s’ lijkt op ‘%(like)s’, en dat hoort bij ‘%(other)s’")
PARTS_REASON = gettext_noop("‘%(word)s’ bestaat uit %(parts)s")
JOINED_REASON = gettext_noop("‘%(said)s’ is één woord: ‘%(other)s’")


@dataclass(frozen=True)
class Reason:
    """Why an alternative counts, put into words only when a result shows it: a search makes
    dozens of alternatives and shows the reasons of ten results."""

    template: str  # a message (translated when shown) with %(name)s placeholders
    params: tuple[tuple[str, str], ...]

    def __str__(self) -> str:
        return self.text(gettext)

    def text(self, translate) -> str:
        """In words, with ``translate`` (a gettext, see selectors.translator)."""
        return translate(self.template) % dict(self.params)


@dataclass
class Alternative:
    keys: tuple[str, ...]  # all must occur in a document
    weight: float
    reason: Reason | None = None  # why it counts (compounds, synonyms); None for the word itself
    said: str = ""  # the word or words of the question it stands for
    # "", "part", "synonym", "translation", "related", "wide", "typo", "joined" (two words
    # of the question written as one) or "form" (a known word's form that the stemmer keeps
    # apart, found like a typo)
    kind: str = ""
    # For a compound of the question: which of its parts (1, 2 ...) it stands for; 0 for the
    # whole word. A document may answer each part apart ("rolstoelvervoer": "rijden met een
    # rolstoelbus"), see selectors._score.
    part: int = 0
    # Only loosely what the question says: a wide link of the lexicon (a topic, a part, a kind,
    # a definition) or a word related to a compound's part ("rij" of "rijwiel": draaien). A
    # result that has nothing else is shown apart (see selectors._sure); the weight is apart.
    loose: bool = False


@dataclass
class QueryWord:
    surface: str
    alternatives: list[Alternative] = field(default_factory=list)

    def add(self, alternative: Alternative) -> None:
        for i, known in enumerate(self.alternatives):
            if known.keys == alternative.keys:
                if alternative.weight > known.weight:
                    self.alternatives[i] = alternative
                return
        self.alternatives.append(alternative)


def _synonyms(word: QueryWord, keys: tuple[str, ...], said: str, table, weight: float) -> None:
    for _phrase, others in table.lookup(keys):
        for other in others:
            reason = Reason(SYNONYM_REASON, (("said", said), ("other", other.text)))
            word.add(Alternative(other.keys, weight, reason, said, "synonym"))
            # A synonym of several words with a verb ("Nederlands leren") is also answered by
            # the one who does it ("lerares Nederlands").
            phrase_words = analysis.words(other.text)
            if len(phrase_words) == len(other.keys) > 1:
                for i, verb in enumerate(phrase_words):
                    for agent in analysis.agents_of_verb(verb):
                        keys_with_agent = list(other.keys)
                        keys_with_agent[i] = analysis.key(agent)
                        word.add(
                            Alternative(
                                tuple(keys_with_agent),
                                weight * AGENT_VERB_WEIGHT,
                                reason,
                                said,
                                "synonym",
                            )
                        )


def _lexicon(
    word: QueryWord,
    said: str,
    factor: float = 1.0,
    *,
    part: bool = False,
    as_dutch: bool = True,
    as_english: bool = True,
) -> None:
    """Translations (English <-> Dutch) and related words of ``said`` from the lexicon; for a
    compound's part only the close ones (a shared sense, derived), not the wide ones: "rij" of
    "rijwiel" is too far from the question for its topics and kinds. ``as_dutch``: whether the
    related words of ``said`` read as a Dutch word count (not for "garden" in an English
    question: those of garde, a guard, and garen, yarn). ``as_english``: whether its Dutch words
    read as an English word count (not for "bank" in a Dutch question: wal, oever)."""
    words = lexicon.get()
    # A word no word list knows whose key the lexicon does ("schilderren"): the lexicon answers
    # for the word it looks like, and the reason says so.
    like = "" if part else words.spelt(said)
    if like:
        factor *= MISSPELT_FACTOR
    translations = [e for e in words.translations_of(said) if as_english or e.kind != "dutch"]
    for entry in translations:
        if like:
            reason = _reason(LIKE_TO_ENGLISH_REASON, said, entry.word, like)
        else:
            template = FROM_ENGLISH_REASON if entry.kind == "dutch" else TO_ENGLISH_REASON
            reason = _reason(template, said, entry.word)
        word.add(
            Alternative((entry.key,), TRANSLATION_WEIGHT * factor, reason, said, "translation")
        )
    # An English word also stands for the related words of its first Dutch words (gardening:
    # tuinieren, hovenier -> snoeien), as a Dutch word does; at most a few, to keep the
    # question small.
    if not part:
        for dutch in [e for e in translations if e.kind == "dutch"][:TRANSLATED_RELATED]:
            _related(word, said, dutch.word, TRANSLATION_WEIGHT * factor, part=False)
    if as_dutch:
        _related(word, said, said, factor, part=part, like=like)


def _reason(template: str, said: str, other: str, like: str = "") -> Reason:
    if like:
        return Reason(template, (("said", said), ("like", like), ("other", other)))
    return Reason(template, (("said", said), ("other", other)))


def _related(
    word: QueryWord, said: str, source: str, factor: float, *, part: bool, like: str = ""
) -> None:
    """The related words of ``source`` for the word ``said``; ``like``: the word the lexicon
    knows that ``said`` is a misspelling of (see _lexicon)."""
    template = LIKE_RELATED_REASON if like else RELATED_REASON
    for entry in lexicon.get().related_to(source):
        if part and entry.kind in lexicon.WIDE:
            continue
        reason = _reason(template, said, entry.word, like)
        weight = RELATED_WEIGHT[entry.kind] * factor
        # A wide link ("wide": a topic, a part, a kind, a definition) does not make a word
        # known: a word only it answers may still be a typo.
        kind = "wide" if entry.kind in lexicon.WIDE else "related"
        # A related word of a compound's part is two steps from the question, as far as a wide
        # link of the word itself ("aangifte" of "belastingaangifte": gesteldheid).
        loose = kind == "wide" or part
        word.add(Alternative((entry.key,), weight, reason, said, kind, loose=loose))
        # A close related word (or one a definition links) also stands for its first English
        # word, for the gifts written in English (hovenier: tuin, "garden"), as the word
        # itself does.
        if entry.kind in CLOSE_TRANSLATED:
            words = lexicon.get()
            for english in words.translations_of(entry.word)[:1]:
                back = words.from_english.get(english.key, [])[:1]
                if not back or back[0].key != entry.key:
                    continue  # only an English word that is the related word's, both ways
                found = _reason(template, said, english.word, like)
                word.add(
                    Alternative(
                        (english.key,),
                        weight * TRANSLATION_WEIGHT,
                        found,
                        said,
                        kind,
                        loose=loose,
                    )
                )


def _english_parts(word: QueryWord, surface: str, parts: tuple[str, ...]) -> None:
    """An English compound the lexicon does not translate, by its parts ("haircut": hair +
    cut; "homework": home + work): each part as written and its Dutch words, weighed as a
    Dutch compound's part and its translation (the head in full, the part before it less)."""
    reason = Reason(
        PARTS_REASON, (("word", surface), ("parts", " + ".join(f"‘{p}’" for p in parts)))
    )
    for number, part in enumerate(parts, 1):
        factor = PART_WEIGHT * (1.0 if number == len(parts) else MODIFIER_FACTOR)
        word.add(Alternative((analysis.key(part),), factor, reason, part, "part", number))
        known = len(word.alternatives)
        _lexicon(word, part, factor, part=True)
        for alternative in word.alternatives[known:]:
            alternative.part = number


def _made(word: QueryWord, surfaces: list[str], at: int) -> None:
    """An adjective near "maken" also stands for the verbs made of it (broek korter maken:
    inkorten, verkorten). On the adjective, not on "maken": the adjective says what is done,
    and "maken" is a common word whose weight would hold the verb down."""
    found = lexicon.get().made_of(word.surface)
    if not found:
        return
    near = surfaces[max(0, at - MADE_REACH) : at] + surfaces[at + 1 : at + 1 + MADE_REACH]
    verb = next((w for w in near if analysis.key(w) == MADE_VERB), "")
    if not verb:
        return
    said = f"{word.surface} {verb}"
    for entry in found:
        reason = Reason(RELATED_REASON, (("said", said), ("other", entry.word)))
        word.add(Alternative((entry.key,), MADE_WEIGHT, reason, said, "related"))


def _relinked(surface: str, parts: list[str]) -> str:
    """The compound ``surface`` (split into ``parts``) with other linking letters before its
    head, when that is a common word and ``surface`` no word at all: "ziekehuis" is
    "ziekenhuis", "voedselsbank" "voedselbank"; "" otherwise."""
    if len(parts) < 2 or analysis.vocabulary.zipf(surface) or not surface.endswith(parts[-1]):
        return ""
    head = parts[-1]
    modifier = surface[: len(surface) - len(head)]
    # The modifier as written, and without the linking letters it may end with.
    bases = {modifier} | {
        modifier[: -len(link)] for link in analysis.LINKS if link and modifier.endswith(link)
    }
    found = {
        base + link + head
        for base in bases
        if len(base) >= analysis.MIN_PART
        for link in analysis.LINKS
    }
    found.discard(surface)
    known = [(analysis.vocabulary.zipf(w), w) for w in found]
    best = max((k for k in known if k[0] >= SPELLING_ZIPF), default=None)
    return best[1] if best else ""


def _joined_words(surfaces: list[str]) -> dict[int, str]:
    """Two neighbouring words of the question that together are a common word ("voedsel bank":
    voedselbank), by the place of the first; not stop words or numbers."""
    found = {}
    for i in range(len(surfaces) - 1):
        first, second = surfaces[i], surfaces[i + 1]
        if any(w in analysis.STOP_WORDS or not w.isalpha() for w in (first, second)):
            continue
        joined = first + second
        if analysis.vocabulary.zipf(joined) >= SPELLING_ZIPF:
            found[i] = joined
    return found


def parse(text: str, table: SynonymTable) -> list[QueryWord]:
    surfaces = analysis.words(text)[:MAX_WORDS]
    joined_at = _joined_words(surfaces)
    # In an English question ("help in my garden") a word English uses more than Dutch is read
    # the English way: its translations count, the Dutch words of its spelling do not.
    balance = analysis.language_balance(text)
    english_question = balance > 0
    # In a Dutch question ("voedsel bank") a common Dutch word is not read as an English one.
    dutch_question = balance < 0
    separable: dict[str, list[str]] = {}  # "past ... op": the verb stands for oppassen too
    for verb, joined in analysis.particle_verbs(text, question=True):
        separable.setdefault(verb, []).append(joined)
    result = []
    for i, surface in enumerate(surfaces):
        word = QueryWord(surface)
        own = analysis.key(surface)
        word.add(Alternative((own,), 1.0, None, surface))
        for joined in separable.get(surface, ()):
            word.add(Alternative((analysis.key(joined),), 1.0, None, surface))
        english = analysis.english_key(surface)
        if english:
            word.add(Alternative((english,), ENGLISH_FORM_WEIGHT, None, surface))
        # A misspelt word's synonyms are those of the word it looks like, and are named so
        # ("synoniem: schilderen = verven", not "schilderren = verven"). They keep their
        # weight: the admin's list is on top (lowered, "oppasen" lost "babysitten").
        _synonyms(word, (own,), lexicon.get().spelt(surface) or surface, table, SYNONYM_WEIGHT)
        _lexicon(
            word,
            surface,
            as_dutch=not (english_question and analysis.reads_english(surface)),
            as_english=not (dutch_question and analysis.vocabulary.zipf(surface) >= DUTCH_ZIPF),
        )
        parts = [p for p in analysis.split_compound(surface) if p not in analysis.STOP_WORDS]
        relinked = _relinked(surface, parts)
        if relinked:
            word.add(Alternative((analysis.key(relinked),), SPELLING_WEIGHT, None, surface, "typo"))
        english_parts: tuple[str, ...] = ()
        # A verb also asks for the one who does it (leren: leraar, bakken: bakker).
        for verb in (surface, *separable.get(surface, ())):
            for agent in analysis.agents_of_verb(verb):
                reason = Reason(RELATED_REASON, (("said", verb), ("other", agent)))
                word.add(
                    Alternative((analysis.key(agent),), AGENT_VERB_WEIGHT, reason, verb, "related")
                )
        for agent, weight in (
            (surface, AGENT_VERB_WEIGHT),
            *((p, PART_WEIGHT) for p in parts[-1:]),
        ):
            verb = analysis.verb_of_agent(agent)
            if verb:
                reason = Reason(RELATED_REASON, (("said", agent), ("other", verb)))
                word.add(Alternative((analysis.key(verb),), weight, reason, agent, "related"))
            # A person named after a thing (mantelzorger: mantelzorg), as after a verb.
            noun = analysis.noun_of_person(agent)
            if noun:
                reason = Reason(RELATED_REASON, (("said", agent), ("other", noun)))
                word.add(Alternative((analysis.key(noun),), weight, reason, agent, "related"))
        if parts:
            reason = Reason(
                PARTS_REASON,
                (
                    ("word", surface),
                    ("parts", " + ".join(f"‘{p}’" for p in analysis.split_compound(surface))),
                ),
            )
            head = parts[-1] if parts[-1] == analysis.split_compound(surface)[-1] else ""
            for part in parts:
                factor = 1.0 if part == head or not head else MODIFIER_FACTOR
                part_key = analysis.key(part)
                word.add(Alternative((part_key,), PART_WEIGHT * factor, reason, part, "part"))
                _synonyms(word, (part_key,), part, table, PART_SYNONYM_WEIGHT * factor)
                _lexicon(word, part, PART_RELATED_FACTOR * factor, part=True)
            # What stands for a part (the part, its synonyms and related words, the verb of
            # its head) is marked with the part's number; the whole word's forms are not.
            numbers = {p: n for n, p in enumerate(parts, 1)}
            for alternative in word.alternatives:
                if alternative.said != surface:
                    alternative.part = numbers.get(alternative.said, 0)
        else:
            english_parts = lexicon.get().english_parts(surface)
            if english_parts:
                _english_parts(word, surface, english_parts)
        # An English compound the lexicon lacks ("homework", split as home + work, or by
        # english_parts): the Dutch compound of its parts' Dutch words, when Dutch has it (huis
        # + werk: huiswerk, too common a word to be split in the index), is a translation.
        for entry in lexicon.get().joined_dutch(surface, tuple(parts) or english_parts):
            reason = _reason(FROM_ENGLISH_REASON, surface, entry.word)
            word.add(Alternative((entry.key,), TRANSLATION_WEIGHT, reason, surface, "translation"))
        _made(word, surfaces, i)
        # Both words of a compound written apart ask for it, and are read as its parts: their
        # wide related words (a topic, a part, a kind, a definition) are left out, as for the
        # parts of a compound written as one ("bank" in "voedsel bank" is not a seat).
        for start in (i - 1, i):
            if start in joined_at:
                word.alternatives = [a for a in word.alternatives if a.kind != "wide"]
                said = f"{surfaces[start]} {surfaces[start + 1]}"
                reason = Reason(JOINED_REASON, (("said", said), ("other", joined_at[start])))
                joined_key = analysis.key(joined_at[start])
                word.add(Alternative((joined_key,), SPELLING_WEIGHT, reason, said, "joined"))
        # Synonyms of several words ("eten maken" = koken) start at this word.
        for n in range(2, table.longest + 1):
            window = surfaces[i : i + n]
            if len(window) == n:
                keys = tuple(analysis.key(w) for w in window)
                _synonyms(word, keys, " ".join(window), table, SYNONYM_WEIGHT)
        result.append(word)
    _lighten_light_verbs(result)
    _lighten_common_words(result)
    return result


@cache
def _light_verb_keys() -> frozenset[str]:
    return frozenset(analysis.key(verb) for verb in LIGHT_VERBS)


def _lighten_light_verbs(words: list[QueryWord]) -> None:
    light_keys = _light_verb_keys()
    # A word's own key is its first alternative (see parse).
    light = [word for word in words if word.alternatives[0].keys[0] in light_keys]
    if len(light) < len(words):  # else the question has nothing else to say what is asked
        for word in light:
            # What the lexicon links a light verb to (komen: gaan; kom, a bowl: doos) says
            # less still: only its own forms and the admin's synonyms stay.
            word.alternatives = [
                a for a in word.alternatives if a.kind not in ("related", "wide", "translation")
            ]
            for alternative in word.alternatives:
                alternative.weight *= LIGHT_VERB_FACTOR
    # A light verb that stands for another word (repareren: maken, verhuizen: gaan) says as
    # little: every gift that makes or goes something would answer.
    for word in words:
        if word in light:
            continue
        for alternative in word.alternatives:
            if (
                alternative.kind
                and alternative.keys[0] in light_keys
                and len(alternative.keys) == 1
            ):
                alternative.weight *= LIGHT_VERB_FACTOR


def _lighten_common_words(words: list[QueryWord]) -> None:
    # A collective's own counts cannot tell that "twee", "jaar" or "tijd" say little: few gifts
    # have them, so BM25 weighs them as rare ("Ik woon hier twee jaar ..." found "Heb zelf twee
    # katten" first). Among other words, a word this common in the language counts less.
    common = [
        word
        for word in words
        if max(
            analysis.vocabulary.zipf(word.surface),
            analysis.english_vocabulary.zipf(word.surface),
        )
        >= COMMON_WORD_ZIPF
    ]
    if len(common) < len(words):  # else nothing else says what is asked
        for word in common:
            for alternative in word.alternatives:
                alternative.weight *= COMMON_WORD_FACTOR


def all_keys(words: list[QueryWord]) -> list[str]:
    keys: list[str] = []
    for word in words:
        for alternative in word.alternatives:
            for k in alternative.keys:
                if k not in keys:
                    keys.append(k)
    return keys
