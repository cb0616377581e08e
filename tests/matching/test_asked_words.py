"""How a question's words are read: a misspelt word's related words, known words that are no
typos, English questions and English compounds (issue 19)."""

import pytest
from django.utils import translation

from kring.matching import analysis, lexicon
from kring.matching.query import MISSPELT_FACTOR, parse
from kring.matching.synonyms import SynonymTable

from .test_search import gift, resident, search_for, titles

pytestmark = pytest.mark.django_db


def alternatives(text):
    (word,) = parse(text, SynonymTable([]))
    return {a.keys: a for a in word.alternatives}


def test_a_misspelt_word_shows_the_word_its_related_words_belong_to(builder, collective):
    # "schilderren" has the key of "schilderen": the lexicon answers for that word, and the
    # reason said "‘schilderren’ hoort bij ‘verven’", as if the misspelling were a word.
    gift(builder, resident(collective, "Mo"), "Maakt schilderijen")
    matches = search_for(collective, "schilderren")
    assert titles(matches) == ["Maakt schilderijen"]
    assert (
        matches[0].reasons[0]
        == "‘schilderren’ lijkt op ‘schilderen’, en dat hoort bij ‘schilderij’"
    )
    with translation.override("en"):
        reasons = search_for(collective, "schilderren")[0].reasons
    assert reasons[0] == "‘schilderren’ is like ‘schilderen’, which goes with ‘schilderij’"
    assert lexicon.get().spelt("schilderren") == "schilderen"
    assert lexicon.get().spelt("schilderen") == ""  # a word the lexicon knows
    assert lexicon.get().spelt("fietsen") == ""  # a word the word list knows
    assert lexicon.get().spelt("tuinmannen") == ""  # a form the word list lacks
    assert lexicon.get().spelt("uitlaaten") == "uitlaten"


def test_a_misspelt_words_synonyms_are_named_as_the_word_it_looks_like(builder, collective):
    gift(builder, resident(collective, "Mo"), "Verft graag muren")
    matches = search_for(collective, "schilderren")
    assert titles(matches) == ["Verft graag muren"]
    assert "synoniem: schilderen = verven" in matches[0].reasons


def test_a_misspelt_words_related_words_count_as_little_as_a_typo_correction():
    misspelt, right = alternatives("schilderren"), alternatives("schilderen")
    for keys, alternative in misspelt.items():
        if alternative.kind in ("related", "wide", "translation"):
            assert alternative.weight == pytest.approx(right[keys].weight * MISSPELT_FACTOR)
    assert misspelt[("schilder",)].weight == 1.0  # its own key as before


def test_a_related_word_whose_key_a_far_more_common_adjective_has_is_left_out(builder, collective):
    # goedje (stuff, a kind of paint) has the key of "goed": every "kan goed ..." answered.
    assert "goedje" not in [e.word for e in lexicon.get().related_to("schilderen")]
    gift(builder, resident(collective, "Ans"), "Kan goed rekenen")
    gift(builder, resident(collective, "Mo"), "Verft graag muren")
    assert titles(search_for(collective, "schilderen")) == ["Verft graag muren"]
    # A related word about as common as the adjective of its key stays (woning: gewoon).
    assert "woning" in [e.word for e in lexicon.get().related_to("bewoner")]


def test_a_known_word_no_gift_has_is_not_corrected(builder, collective):
    # "kweken" is one letter from "weken" (the key of week, also a part of "weekend"): the demo
    # showed the Huisartsenpost with "bedoelde u ‘weekend’?".
    gift(builder, resident(collective, "Joop"), "Groente in de moestuin")
    gift(builder, resident(collective, "Dirk"), "Helpt in het weekend")
    matches = search_for(collective, "groente kweken")
    assert titles(matches) == ["Groente in de moestuin"]
    assert not any(r.startswith("bedoelde u") for m in matches for r in m.reasons)


def test_a_known_word_meets_a_form_the_stemmer_keeps_apart(builder, collective):
    # eenzaamheid and eenzaam have the key "enzam", eenzame "enzame": one letter at the end.
    gift(builder, resident(collective, "Els"), "Op bezoek bij eenzame ouderen")
    matches = search_for(collective, "eenzaamheid")
    assert titles(matches) == ["Op bezoek bij eenzame ouderen"]
    assert "‘eenzaamheid’ lijkt op ‘eenzame’" in matches[0].reasons


def test_an_english_question_reads_a_word_english_uses_more_the_english_way(builder, collective):
    # "garden" is also Dutch (garde, a guard or a whisk; garen, yarn): in an English need its
    # Dutch related words (bewaken, opwinden ...) found "kan mensen met de auto rijden".
    assert analysis.written_in_english("help in my garden")
    assert analysis.written_in_english("Looking for help with gardening")
    # Dutch needs with loanwords stay Dutch ("met", "de" are Dutch though "mét", "dé" fold
    # into them).
    assert not analysis.written_in_english("hulp met de computer")
    assert not analysis.written_in_english("Hulp met mijn laptop en smartphone")
    assert not analysis.written_in_english("Kinderoppas in het weekend")
    gift(builder, resident(collective, "Joop"), "Werkt graag in de tuin")
    gift(builder, resident(collective, "Kees"), "Kan bewaken en opletten")
    matches = search_for(collective, "help in my garden")
    assert titles(matches) == ["Werkt graag in de tuin"]
    assert "‘garden’ is Engels voor ‘tuin’" in matches[0].reasons
    # In a Dutch question the same spelling keeps its Dutch readings.
    english = {a.keys for a in parse("help in my garden", SynonymTable([]))[0].alternatives}
    dutch = {a.keys for a in parse("garden voor de kazerne", SynonymTable([]))[0].alternatives}
    assert ("bewak",) in dutch - english


def test_an_english_compound_the_lexicon_lacks_is_read_by_its_parts(builder, collective):
    assert lexicon.get().english_parts("homework") == ("home", "work")
    assert lexicon.get().english_parts("haircut") == ("hair", "cut")
    assert lexicon.get().english_parts("gardening") == ()  # the lexicon translates it
    assert lexicon.get().english_parts("kinderoppas") == ()  # no English word
    # Dutch writes the parts' Dutch words as one word ("huiswerk", too common to be split).
    assert [e.word for e in lexicon.get().joined_dutch("homework", ("home", "work"))] == [
        "huiswerk"
    ]
    gift(builder, resident(collective, "Noor"), "Helpt kinderen met huiswerk")
    gift(builder, resident(collective, "Wim"), "Vlecht haren voor feestjes")
    gift(builder, resident(collective, "Bas"), "Brood bakken")
    matches = search_for(collective, "homework")
    assert titles(matches) == ["Helpt kinderen met huiswerk"]
    assert "‘homework’ is Engels voor ‘huiswerk’" in matches[0].reasons
    # "haircut" is no Dutch compound (no Dutch parts): its English parts' Dutch words count.
    matches = search_for(collective, "haircut")
    assert titles(matches) == ["Vlecht haren voor feestjes"]
    assert "‘hair’ is Engels voor ‘haren’" in matches[0].reasons


def test_a_common_dutch_word_in_a_dutch_question_is_not_read_as_english(builder, collective):
    # "bank" is English too (a river's bank: wal, oever). In "voedsel bank" it is the Dutch
    # word, and the demo showed a jeu de boules club "op de wal" for it.
    gift(builder, resident(collective, "Ina"), "Wandelen langs de wal van de gracht")
    assert analysis.written_in_dutch("voedsel bank")
    assert search_for(collective, "voedsel bank") == []
    # In an English question the English reading stays.
    assert not analysis.written_in_dutch("a walk along the river bank")
    assert titles(search_for(collective, "a walk along the river bank")) == [
        "Wandelen langs de wal van de gracht"
    ]


def test_knowing_is_a_light_verb_beside_what_is_known(builder, collective):
    # "iemand die veel weet van planten": the plants say what is asked, not "weet"; a gift that
    # shares only "weet" comes after one that knows about plants in other words.
    gift(builder, resident(collective, "Sophie"), "Weet hoe toeslagen werken")
    gift(builder, resident(collective, "Chloe"), "Kent veel planten en kruiden")
    assert titles(search_for(collective, "iemand die veel weet van planten"))[0] == (
        "Kent veel planten en kruiden"
    )
