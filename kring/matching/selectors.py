"""Searching a collective: candidates from the full-text index, ranked in Python with BM25 (the
same formula on both databases, so SQLite and PostgreSQL rank alike), then by place and by
availability. The assets shown are read again through the assets' own selector, so a result
never shows more than the viewer may see."""

import dataclasses
import heapq
import math
from collections import Counter
from itertools import chain

from django.utils.translation import get_language, gettext, gettext_noop

from kring.assets.models import Asset, Availability, Category
from kring.geo.models import Neighbourhood

from . import analysis, engine, lexicon, synonyms, typos, visible
from .query import TYPO_WEIGHT, Alternative, QueryWord, all_keys, parse
from .results import Match

K1 = 1.2
B = 0.75
# A word this common (wordfreq's Zipf scale, Dutch or English) is taken as meant when a wide
# link answers it (see _answering).
KNOWN_WORD_ZIPF = 3.0
SAME_BUURT = 1.5
SAME_WIJK = 1.2
AVAILABILITY = {
    Availability.NOW: 1.3,
    Availability.SOMETIMES: 1.15,
    Availability.ON_REQUEST: 1.0,
    Availability.NOT_NOW: 0.6,
}


def _place(neighbourhood) -> tuple[int | None, int | None]:
    if neighbourhood is None or neighbourhood == "":
        return None, None
    if isinstance(neighbourhood, Neighbourhood):
        return neighbourhood.pk, neighbourhood.district_id
    district = (
        Neighbourhood.objects.filter(pk=neighbourhood).values_list("district_id", flat=True).first()
    )
    return int(neighbourhood), district


def _weighing(words: list[QueryWord], found: list[engine.Candidate], count: int):
    """What weighing any document needs, from all candidates: per word of the question its
    keys, where each key is among its alternatives and the alternatives (weights capped, see
    ``_capped``); the question's keys each candidate has; each key's IDF (the documents that
    have it are counted among the candidates, so every candidate must be read first); and per
    key the words it answers."""
    # Per document only the alternatives whose keys it has are weighed (most documents answer
    # one or two words with one or two of their dozens of alternatives), in the order the
    # question lists them, so the first of equal alternatives still wins.
    by_word = []
    for word in words:
        positions: dict[str, list[int]] = {}
        for i, alt in enumerate(word.alternatives):
            for k in alt.keys:
                positions.setdefault(k, []).append(i)
        by_word.append((frozenset(positions), positions, word.alternatives))
    wanted = frozenset().union(*(keys for keys, _positions, _alts in by_word))
    intersection = wanted.intersection
    present_by_candidate = [intersection(candidate.keys) for candidate in found]
    # Counted in one C loop (a Counter keeps the order keys are first seen, as a dict does).
    frequency = Counter(chain.from_iterable(present_by_candidate))
    count = max(count, len(found))
    idf = {k: math.log(1 + (count - n + 0.5) / (n + 0.5)) for k, n in frequency.items()}
    by_word = [_capped(entry, idf) for entry in by_word]
    words_of_key: dict[str, list[int]] = {}
    for w, (word_keys, _positions, _alts) in enumerate(by_word):
        for k in word_keys:
            words_of_key.setdefault(k, []).append(w)
    return by_word, present_by_candidate, idf, words_of_key


def _hits(present, by_word, words_of_key):
    """Per word the document answers (in the question's order): the word's entry and the
    positions of its alternatives that have a key in ``present``, in the question's order."""
    if len(present) == 1:  # most documents: one key of the question, words in order
        (only,) = present
        for w in words_of_key[only]:
            entry = by_word[w]
            yield w, entry, entry[1][only]
        return
    for w in sorted({w for k in present for w in words_of_key[k]}):
        entry = by_word[w]
        word_keys, positions, _alternatives = entry
        hit = word_keys.intersection(present)
        if len(hit) == 1:
            (only,) = hit
            yield w, entry, positions[only]
        else:
            yield w, entry, sorted({i for k in hit for i in positions[k]})


def _score(candidate: engine.Candidate, present, by_word, idf, words_of_key, average: float):
    """BM25 of one document: for each word of the question, its best alternative (so a word
    and its synonym do not count twice); the words add up. Only the words the document answers
    are weighed (a word it does not answer adds 0.0), in the question's order, so the sum is
    the same to the last bit."""
    keys = candidate.keys
    extra = []  # more parts of a compound answered apart, for the reasons
    # A document shorter than the collective's average counts as long as the average: BM25's
    # length normalisation would lift a one-word gift ("Brieven", "Tuin") above a gift that
    # says more about the same word ("helpt met papieren, toeslagen en brieven"); a longer
    # one still weighs less, as it may be about other things.
    norm = K1 * (1 - B + B * max(candidate.length, average) / average)
    total = 0.0
    best_per_word = [None] * len(by_word)
    for w, (_word_keys, _positions, alternatives), chosen in _hits(present, by_word, words_of_key):
        best, best_alt = 0.0, None
        parts = None  # a compound's part -> its best (value, alternative), when any answers
        for i in chosen:
            alt = alternatives[i]
            if len(alt.keys) == 1:
                k = alt.keys[0]
                tf = keys.count(k)
                value = alt.weight * (idf[k] * tf * (K1 + 1) / (tf + norm))
            elif all(k in present for k in alt.keys):
                value = alt.weight * sum(
                    idf[k] * keys.count(k) * (K1 + 1) / (keys.count(k) + norm) for k in alt.keys
                )
            else:
                continue
            if value > best:
                best, best_alt = value, alt
            if alt.part:
                if parts is None:
                    parts = {}
                if value > parts.get(alt.part, (0.0,))[0]:
                    parts[alt.part] = (value, alt)
        if parts is not None and len(parts) > 1 and best_alt.kind:
            best, best_alt = _parts_together(parts, best, best_alt, extra)
        total += best
        best_per_word[w] = best_alt
    return total, best_per_word + extra


def _parts_together(parts: dict, best: float, best_alt, extra: list):
    """A compound of the question whose parts a document answers apart counts each part
    ("rolstoelvervoer": a rolstoel and rijden), as two words of the question would, when that is
    more than its best single alternative (not when the document has the word itself, whose
    parts it has too); the other parts' alternatives go to ``extra``."""
    together = sum(value for value, _alt in parts.values())
    if together <= best:
        return best, best_alt
    ordered = sorted(parts.values(), key=lambda pair: -pair[0])
    extra.extend(alt for _value, alt in ordered[1:])
    return together, ordered[0][1]


def _text_scores(words: list[QueryWord], found: list[engine.Candidate], count: int, average: float):
    """BM25 of every candidate (see ``_score``): asset -> (score, best alternative per word)."""
    by_word, present_by_candidate, idf, words_of_key = _weighing(words, found, count)
    return {
        candidate.asset_id: _score(candidate, present, by_word, idf, words_of_key, average)
        for candidate, present in zip(found, present_by_candidate, strict=True)
    }


# A document's BM25 for a key is idf * tf * (K1 + 1) / (tf + norm), with norm at least
# K1 * (1 - B) > 0, so always below idf * (K1 + 1): the bound of ``_bound``. Kept a little
# higher still (BOUND_MARGIN), so that no rounding of the sums can put a score above it.
BOUND = K1 + 1
BOUND_MARGIN = 1 + 1e-6
# Whether ``_ranked`` leaves out the candidates that cannot reach the results (the same
# results either way; tests/matching/test_ranking_bound.py compares both).
SKIP_UNREACHABLE = True


def _bound(present, by_word, idf, words_of_key) -> float:
    """The most a document with the question's keys ``present`` can score (before its boost):
    per word its best alternative with every term at its highest, whatever the document's
    length and how often it has the key."""
    total = 0.0
    for _w, (_word_keys, _positions, alternatives), chosen in _hits(present, by_word, words_of_key):
        best = 0.0
        parts = None  # as in _score: a compound's parts answered apart add up
        for i in chosen:
            alt = alternatives[i]
            if len(alt.keys) == 1:
                value = alt.weight * idf[alt.keys[0]]
            elif all(k in present for k in alt.keys):
                value = alt.weight * sum(idf[k] for k in alt.keys)
            else:
                continue
            if value > best:
                best = value
            if alt.part:
                if parts is None:
                    parts = {}
                if value > parts.get(alt.part, 0.0):
                    parts[alt.part] = value
        if parts is not None and len(parts) > 1:  # the highest _score may give (any best)
            best = max(best, sum(parts.values()))
        total += best
    return total * BOUND * BOUND_MARGIN


def _ranked(words, found: list[engine.Candidate], count: int, average: float, place, limit: int):
    """The candidates' scores (BM25 times the boost of place and availability) as ``(-score,
    asset)`` pairs, only those above 0, and their text scores (asset -> (score, best
    alternative per word)); and a function giving the rest, or None.

    Most candidates of a question with a common word cannot reach its first ``limit``: each
    candidate's highest possible score (``_bound``, the same for all documents with the same
    keys of the question, times its own boost) is known before it is weighed. Candidates are
    weighed from the highest bound down, and once ``limit`` scores are known and the next bound
    is below the lowest of them, no candidate left can come among them (nor tie with them: ties
    go by the lower asset number, so the bound must be strictly lower). Those are weighed only
    when the results need more than the first ``limit`` (an asset the viewer may not see)."""
    by_word, present_by_candidate, idf, words_of_key = _weighing(words, found, count)
    texts: dict[int, tuple] = {}
    scored: list[tuple[float, int]] = []

    def weigh(candidate, present, boost, into: list):
        text = _score(candidate, present, by_word, idf, words_of_key, average)
        texts[candidate.asset_id] = text
        score = text[0] * boost
        if score > 0:
            into.append((-score, candidate.asset_id))
        return score

    safe = all(
        alt.weight >= 0 for _keys, _positions, alternatives in by_word for alt in alternatives
    )
    if not SKIP_UNREACHABLE or not safe or len(found) <= limit:
        for candidate, present in zip(found, present_by_candidate, strict=True):
            weigh(candidate, present, _boost(candidate, place), scored)
        return texts, scored, None
    bounds: dict[frozenset, float] = {}
    order = []
    for n, (candidate, present) in enumerate(zip(found, present_by_candidate, strict=True)):
        bound = bounds.get(present)
        if bound is None:
            bound = bounds[present] = _bound(present, by_word, idf, words_of_key)
        boost = _boost(candidate, place)
        order.append((-bound * boost, n, boost))
    order.sort()
    lowest: list[float] = []  # the best ``limit`` scores so far, the lowest first (a heap)
    left = []
    for at, (minus_bound, n, boost) in enumerate(order):
        if len(lowest) == limit and -minus_bound < lowest[0]:
            left = order[at:]
            break
        score = weigh(found[n], present_by_candidate[n], boost, scored)
        if score > 0:
            if len(lowest) < limit:
                heapq.heappush(lowest, score)
            elif score > lowest[0]:
                heapq.heapreplace(lowest, score)

    def rest():  # the pairs of the candidates left out (and their text scores in ``texts``)
        more: list[tuple[float, int]] = []
        for _minus_bound, n, boost in left:
            weigh(found[n], present_by_candidate[n], boost, more)
        return more

    return texts, scored, rest if left else None


def _capped(entry, idf: dict[str, float]):
    """A word's alternatives with their weights lowered where the alternative is rarer in the
    collective than the word itself: a related word, a synonym or a translation cannot say more
    than the word that was asked (leren -> leraar, a rarer word, would outrank the gifts that
    say leren). Only when the word itself occurs in the collective."""
    keys, positions, alternatives = entry
    own = alternatives[0]
    if own.kind or len(own.keys) != 1 or own.keys[0] not in idf:
        return entry
    cap = idf[own.keys[0]]
    changed = None
    for i, alt in enumerate(alternatives):
        if i == 0 or alt.kind in ("", "part") or len(alt.keys) != 1:
            continue
        rarity = idf.get(alt.keys[0], 0.0)
        if rarity > cap:
            if changed is None:
                changed = list(alternatives)
            changed[i] = dataclasses.replace(alt, weight=alt.weight * cap / rarity)
    return entry if changed is None else (keys, positions, changed)


def _answering(word: QueryWord) -> list[Alternative]:
    """The alternatives of ``word`` that, found in a document, mean it needs no typo
    correction. A wide link (a topic, a kind, a definition) does not count for a rare or
    unknown word: it may be a typo of a word the collective has. It does for a common word as
    written ("broek", answered by "kleding"): that is what its writer meant, not "bedoelde u
    'boeken'?"."""
    surface = word.surface
    common = max(analysis.vocabulary.zipf(surface), analysis.english_vocabulary.zipf(surface))
    if common >= KNOWN_WORD_ZIPF:
        return word.alternatives
    return [alt for alt in word.alternatives if alt.kind != "wide"]


def _unmatched(words: list[QueryWord], found: list[engine.Candidate]) -> list[QueryWord]:
    """The words of the question that no candidate answers in any way."""
    present: set[str] = set().union(*(candidate.keys for candidate in found))
    return [
        word
        for word in words
        if not any(all(k in present for k in alt.keys) for alt in _answering(word))
    ]


def _answering_keys(word: QueryWord) -> list[str]:
    """The keys of ``word``'s alternatives that answer it (see ``_answering``)."""
    keys: list[str] = []
    for alt in _answering(word):
        keys.extend(k for k in alt.keys if k not in keys)
    return keys


def _correctable(words: list[QueryWord]) -> list[QueryWord]:
    return [w for w in words if len(w.surface) >= typos.MIN_WORD and not w.surface.isdigit()]


def _known(word: str) -> bool:
    """A word wordfreq's lists or the lexicon know is no typo ("kweken" is not "weken" when no
    gift says it); see _add_corrections."""
    return (
        analysis.vocabulary.zipf(word) > 0
        or analysis.english_vocabulary.zipf(word) >= KNOWN_WORD_ZIPF
        or lexicon.get().knows(word)
    )


def _unknown(words: list[QueryWord], vocabulary: typos.Vocabulary) -> list[QueryWord]:
    """The words long enough to correct that no document of the collective answers in any
    way (whether or not the viewer may see it: so a search corrects alike whether this
    process knew the collective's vocabulary before asking or read it after)."""
    return [
        word
        for word in _correctable(words)
        if not any(all(k in vocabulary.counts for k in alt.keys) for alt in _answering(word))
    ]


def _add_corrections(words: list[QueryWord], vocabulary: typos.Vocabulary) -> bool:
    """Give each word the collective's nearby words: by key ("schilderren"), else by the word
    as written when the mistake changed the stem ("reperaren" -> "repareren"), or, for a compound,
    a known part and a nearby part; True when any was found."""
    added = False
    for word in words:
        surface = word.surface
        if len(surface) < typos.MIN_WORD or surface.isdigit():
            continue
        own = analysis.key(surface)
        if _known(surface):
            # Not a typo, but maybe a form of it the stemmer keeps apart, one letter longer or
            # shorter at the end (eenzaamheid, eenzaam: "enzam"; eenzame: "enzame").
            for key in vocabulary.corrections(own, 1):
                if key.startswith(own) or own.startswith(key):
                    word.add(Alternative((key,), TYPO_WEIGHT, None, surface, "form"))
                    added = True
            continue
        limit = typos.allowed(surface)
        keys = vocabulary.corrections(own, limit)
        for other in () if keys else vocabulary.word_corrections(surface, limit):
            other_key = analysis.key(other)
            if other_key != own and other_key in vocabulary.counts and other_key not in keys:
                keys.append(other_key)
        for key in keys:
            word.add(Alternative((key,), TYPO_WEIGHT, None, surface, "typo"))
        if keys:
            added = True
            continue
        if len(surface) < typos.MIN_COMPOUND:
            continue
        # A compound with a mistake in one part: "gittaarles" = "gitaar" + "les".
        for cut in range(typos.MIN_LENGTH, len(surface) - typos.MIN_LENGTH + 1):
            head, tail = analysis.key(surface[:cut]), analysis.key(surface[cut:])
            # Each part keeps its place (1, 2), so a document with both counts both (see
            # _parts_together), as for a compound written right.
            for (exact, at), (loose, loose_at) in (((head, 1), (tail, 2)), ((tail, 2), (head, 1))):
                if exact not in vocabulary.counts or analysis.fold(exact) in analysis.STOP_WORDS:
                    continue
                if len(loose) < typos.MIN_LENGTH:
                    continue
                # A short part has many neighbours; only a letter left out is taken, the
                # commonest mistake in Dutch (a doubled letter written once: "kinderopas" =
                # "kinder" + "oppas").
                if len(loose) < typos.MIN_WORD:
                    found = vocabulary.with_letter_added(loose)
                else:
                    found = vocabulary.corrections(loose, 1)
                for key in found[:1]:
                    word.add(Alternative((exact,), TYPO_WEIGHT, None, surface, "typo", at))
                    word.add(Alternative((key,), TYPO_WEIGHT, None, surface, "typo", loose_at))
                    added = True
    return added


def _sure(words: list[QueryWord], keys) -> bool:
    """Whether a document with ``keys`` answers some word of the question with more than a
    loose link (``Alternative.loose``: a wide link of the lexicon, a word related to a
    compound's part): with the word itself, its forms, a compound part, a synonym, a
    translation, a corrected typo or a close related word. Any such alternative it has counts,
    not only the best one per word: a rare wide word may weigh more than a common part of the
    question, and the document still has that part."""
    have = set(keys)
    return any(
        not alt.loose and alt.weight > 0 and all(k in have for k in alt.keys)
        for word in words
        for alt in word.alternatives
    )


def _boost(candidate: engine.Candidate, place) -> float:
    factor = 1.0
    neighbourhood_id, district_id = place
    if neighbourhood_id and candidate.neighbourhood_id == neighbourhood_id:
        factor *= SAME_BUURT
    elif district_id and candidate.district_id == district_id:
        factor *= SAME_WIJK
    return factor * AVAILABILITY.get(candidate.availability, 1.0)


TYPO_REASON = gettext_noop("bedoelde u ‘%(theirs)s’?")
IN_TEXT_REASON = gettext_noop("‘%(word)s’ staat erin")
LIKE_REASON = gettext_noop("‘%(word)s’ lijkt op ‘%(theirs)s’")
IN_LABELS_REASON = gettext_noop("‘%(word)s’ staat bij de labels")
LIVES_IN_BUURT = gettext_noop("woont in dezelfde buurt")
IN_BUURT = gettext_noop("in dezelfde buurt")
LIVES_IN_WIJK = gettext_noop("woont in dezelfde wijk")
IN_WIJK = gettext_noop("in dezelfde wijk")
RESIDENT_SUMMARY = gettext_noop("%(name)s: %(offer)s — past bij ‘%(need)s’")
SUMMARY = gettext_noop("%(offer)s — past bij ‘%(need)s’")

_translated: dict[tuple, str] = {}


class Translator:
    """gettext for the active language, each message translated once per process: ten results
    with four or five sentences each made Django's gettext (which looks up the active language
    per call) a fifth of a search's own CPU."""

    __slots__ = ("language",)

    def __init__(self):
        self.language = get_language()

    def __call__(self, message: str) -> str:
        found = _translated.get((self.language, message))
        if found is None:
            found = _translated[(self.language, message)] = gettext(message)
        return found

    def availability(self, value: str) -> str:
        key = (self.language, Availability, value)
        found = _translated.get(key)
        if found is None:
            found = _translated[key] = str(Availability(value).label)
        return found


def _doc_words(asset: Asset) -> dict[str, str]:
    """Key -> the word of the asset it comes from, to say what matched."""
    result: dict[str, str] = {}
    for word in analysis.words(f"{asset.title} {asset.description[:2000]}"):
        for k in analysis.word_keys(word):
            result.setdefault(k, word)
    return result


def _reasons(
    asset: Asset, best_per_word, candidate: engine.Candidate, place, _: Translator
) -> list[str]:
    """Why ``asset`` answers, in words."""
    reasons: list[str] = []
    words = None
    for alt in best_per_word:
        if alt is None:
            continue
        if alt.reason is not None:
            said = alt.reason.text(_)
            if said not in reasons:
                reasons.append(said)
        if alt.kind in ("related", "wide", "translation", "joined"):
            continue  # the reason says it all
        if words is None:
            words = _doc_words(asset)
        theirs = [words.get(k) for k in alt.keys]
        if alt.kind == "typo":
            reason = _(TYPO_REASON) % {
                "theirs": " ".join(t or k for t, k in zip(theirs, alt.keys, strict=True))
            }
        elif all(theirs):
            theirs_text = " ".join(theirs)
            if theirs_text == alt.said:
                reason = _(IN_TEXT_REASON) % {"word": alt.said}
            else:
                reason = _(LIKE_REASON) % {
                    "word": alt.said,
                    "theirs": theirs_text,
                }
        else:  # the match is in a label
            reason = _(IN_LABELS_REASON) % {"word": alt.said}
        if reason not in reasons:
            reasons.append(reason)
    neighbourhood_id, district_id = place
    gift = asset.category == Category.GIFT
    if neighbourhood_id and candidate.neighbourhood_id == neighbourhood_id:
        reasons.append(_(LIVES_IN_BUURT) if gift else _(IN_BUURT))
    elif district_id and candidate.district_id == district_id:
        reasons.append(_(LIVES_IN_WIJK) if gift else _(IN_WIJK))
    if gift and asset.availability:
        reasons.append(_.availability(asset.availability))
    return reasons


def summary(asset: Asset, text: str, _: Translator) -> str:
    """One sentence a neighbour would write: who (a gift's resident by first name), what they
    offer, and the need it answers."""
    need = " ".join(text.split())
    if len(need) > 80:
        need = need[:77].rstrip() + "…"
    offer = asset.title.strip().rstrip(".")
    resident = getattr(asset, "resident", None) if asset.category == Category.GIFT else None
    if resident is not None and resident.name:
        first = resident.name.split()[0]
        offer = offer[:1].lower() + offer[1:] if offer[1:2].islower() else offer
        return _(RESIDENT_SUMMARY) % {
            "name": first,
            "offer": offer,
            "need": need,
        }
    return _(SUMMARY) % {"offer": offer, "need": need}


def search(
    *,
    collective,
    text: str,
    neighbourhood=None,
    limit: int = 10,
    viewer_access=None,
    categories=None,
) -> list[Match]:
    if viewer_access is not None and viewer_access.collective.pk != collective.pk:
        raise ValueError("viewer_access belongs to another collective")
    if limit <= 0:
        return []
    members_only = viewer_access is not None and not viewer_access.is_builder
    asked = _ask(collective, text, categories=categories, members_only=members_only)
    if asked is None:
        return []
    words, answer = asked
    found = answer.candidates
    if not found:
        return []
    place = _place(neighbourhood)
    texts, scored, rest = _ranked(words, found, answer.count, answer.average, place, limit)
    by_id = {c.asset_id: c for c in found}
    return _read_matches(
        collective,
        viewer_access,
        scored,
        texts,
        by_id,
        place,
        text=text,
        limit=limit,
        rest=rest,
        words=words,
    )


def _candidates(
    collective,
    words: list[QueryWord],
    categories,
    members_only: bool,
    *,
    cold: bool = False,
    keys: list[str] | None = None,
):
    """One question to the full-text index for the words' keys (or only ``keys``); ``cold``
    (this process does not know the collective's vocabulary): the vocabulary comes along when
    a word that may need correcting has no candidate (PostgreSQL; see engine.candidates)."""
    # Per word, the keys of its alternatives that make it answered (not the wide ones, as in
    # ``_unmatched``): a word answered only by a wide key still needs the vocabulary, and
    # asking with those keys too made the query think it did not, so that the vocabulary
    # was read in a round trip of its own afterwards.
    vocabulary_for = (
        [_answering_keys(word) for word in _correctable(words)] if cold and words else None
    )
    return engine.candidates(
        collective_id=collective.pk,
        keys=all_keys(words) if keys is None else keys,
        categories=list(categories) if categories else None,
        members_only=members_only,
        vocabulary_for=vocabulary_for,
    )


def _ask(
    collective, text: str, *, categories, members_only: bool
) -> tuple[list[QueryWord], engine.Found] | None:
    """The question's words and the index's candidates for them, read with the synonym list
    the index was asked with and with typos corrected; None when the question has no words."""
    version, table = synonyms.cached()
    # A collective whose vocabulary this process knows has its question's typos corrected
    # before asking: one round trip instead of two.
    known = typos.cached(collective.pk)
    for attempt in range(3):
        words = parse(text or "", table)
        if not all_keys(words):
            return None
        if known is not None:
            _add_corrections(_unknown(words, known[1]), known[1])
        answer = _candidates(collective, words, categories, members_only, cold=known is None)
        if known is not None and known[0] != answer.count:
            known = None  # the collective changed since: ask again without the old vocabulary
            continue
        if answer.synonyms_version == version or attempt == 2:
            break
        # The synonym list changed since this process read it (or it never did): read it
        # again and ask with the question as the new list reads it.
        version = answer.synonyms_version
        table = synonyms.load(version)
    # Only words long enough to correct need the collective's vocabulary ("pc" does not).
    missing = [] if known is not None else _correctable(_unmatched(words, answer.candidates))
    if missing:
        vocabulary = typos.vocabulary(collective.pk, answer.count, answer.vocabulary)
        asked = set(all_keys(words))
        if _add_corrections(_unknown(missing, vocabulary), vocabulary):
            # Some words are nowhere in the collective but near words that are: ask for the
            # documents of those words too (they count less, and the reason asks "bedoelde u
            # ...?"). Only the new keys are asked for; the documents found already stay.
            new = [k for k in all_keys(words) if k not in asked]
            if new:
                more = _candidates(collective, words, categories, members_only, keys=new)
                seen = {c.asset_id for c in answer.candidates}
                answer.candidates.extend(c for c in more.candidates if c.asset_id not in seen)
    return words, answer


def _read_matches(
    collective,
    viewer_access,
    scored: list,
    texts: dict,
    by_id: dict,
    place,
    *,
    text,
    limit,
    rest=None,
    words=(),
) -> list[Match]:
    """The best ``limit`` of the scored assets (``(-score, asset id)`` pairs) that the viewer
    may see, each with its reasons and a one-sentence summary; ``rest`` (see ``_ranked``)
    gives the scored assets left out, when the first ``limit`` do not suffice."""
    matches: list[Match] = []
    translate = Translator()
    position = 0
    # Only the best ``limit`` are put in order first (a search has 70-250 candidates and
    # nearly always shows its first ten); all of them only when some may not be shown.
    ranked = heapq.nsmallest(limit, scored) if len(scored) > limit else sorted(scored)
    # The index may be a moment behind or wider than what the viewer may see: read the assets
    # again through the assets' selector and fill up from further down the list.
    # The candidate query already checked consent (and for members, visibility), so the first
    # ``limit`` nearly always suffice: reading only those halves the assets made per search.
    while len(matches) < limit:
        if position >= len(ranked):
            if rest is not None:  # the assets that could not reach the first ``limit``
                scored = scored + rest()
                rest = None
            if position >= len(scored):
                break
            ranked = sorted(scored)
        chunk = ranked[position : position + limit - len(matches)]
        position += len(chunk)
        assets = visible.read(collective, viewer_access, [asset_id for _score, asset_id in chunk])
        for minus, asset_id in chunk:
            score = -minus
            asset = assets.get(asset_id)
            if asset is None:
                continue
            best_per_word = texts[asset_id][1]
            reasons = _reasons(asset, best_per_word, by_id[asset_id], place, translate)
            matches.append(
                Match(
                    asset=asset,
                    score=round(score, 4),
                    reasons=reasons,
                    summary=summary(asset, text, translate),
                    sure=_sure(words, by_id[asset_id].keys),
                )
            )
            if len(matches) == limit:
                break
    return matches


def explain(*, text: str, assets, neighbourhood=None) -> list[Match]:
    """How well each of ``assets`` (already read and allowed, e.g. one resident's gifts) fits
    ``text``, best first, with the same words, synonyms, lexicon and weights as ``search`` but
    without the index: for the message about one connection, which says why this neighbour
    came to mind. Assets that do not fit at all are left out."""
    assets = list(assets)
    if not assets:
        return []
    words = parse(text or "", synonyms.current())
    if not words:
        return []
    homes = {}
    for asset in assets:
        resident = getattr(asset, "resident", None) if asset.resident_id else None
        homes[asset.pk] = asset.neighbourhood_id or getattr(resident, "neighbourhood_id", None)
    districts = dict(
        Neighbourhood.objects.filter(pk__in={h for h in homes.values() if h}).values_list(
            "pk", "district_id"
        )
    )
    found = []
    for asset in assets:
        tags = " ".join(asset.tags.values_list("name", flat=True))
        keys = list(analysis.document_keys(asset.title, asset.description, tags))
        home = homes[asset.pk]
        found.append(
            engine.Candidate(
                asset.pk,
                keys,
                len(keys),
                home,
                districts.get(home),
                asset.availability,
            )
        )
    average = sum(c.length for c in found) / len(found) or 1.0
    texts = _text_scores(words, found, len(found), average)
    place = _place(neighbourhood)
    by_id = {a.pk: a for a in assets}
    matches = []
    translate = Translator()
    for candidate in found:
        score, best_per_word = texts[candidate.asset_id]
        if score <= 0:
            continue
        asset = by_id[candidate.asset_id]
        matches.append(
            Match(
                asset=asset,
                score=round(score * _boost(candidate, place), 4),
                reasons=_reasons(asset, best_per_word, candidate, place, translate),
                summary=summary(asset, text, translate),
                sure=_sure(words, candidate.keys),
            )
        )
    matches.sort(key=lambda m: (-m.score, m.asset.pk))
    return matches
