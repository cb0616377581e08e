"""Rules of the lexicon's builder that reach gifts the question words differently."""

import pytest

from kring.matching import lexicon

from .test_search import gift, resident, search_for, titles

pytestmark = pytest.mark.django_db


def test_an_english_noun_asks_for_its_irregular_plural_too():
    # Snowball's English stemmer makes "shelves" shelv and "shelf" shelf: WordNet's list of
    # irregular forms joins them.
    english = [e.word for e in lexicon.get().translations_of("plank")]
    assert "shelf" in english and "shelves" in english
    assert "knives" in [e.word for e in lexicon.get().translations_of("mes")]
    # A plural that is a Dutch word (reis: Portuguese reals) is not asked for.
    assert all("reis" not in e.word for e in lexicon.get().translations_of("echt"))


def test_a_dutch_question_finds_an_english_gift_through_an_irregular_plural(builder, collective):
    gift(builder, resident(collective, "Mark"), "Shelves and small repairs around the house")
    gift(builder, resident(collective, "Anja"), "Brood bakken")
    assert titles(search_for(collective, "planken ophangen")) == [
        "Shelves and small repairs around the house"
    ]


def test_an_english_word_is_translated_as_itself_before_the_words_of_its_key():
    # Snowball's English stemmer gives practice and practical one key ("practic").
    words = lexicon.get()
    assert [e.word for e in words.translations_of("practice")][:2] == ["praktijk", "oefenen"]
    assert "praktisch" in [e.word for e in words.translations_of("practical")]
    # A form with -ing still goes by its key, with the verb's words.
    assert "spelen" in [e.word for e in words.translations_of("playing")]


def test_a_verbs_stem_in_en_meets_its_infinitive(builder, collective):
    from kring.matching import analysis

    # The stemmer takes -en off "oefen" (oef) but keeps it in "oefenen" (oefen).
    assert analysis.key("oefen") == analysis.key("oefenen")
    assert analysis.key("bereken") == analysis.key("berekenen")
    # A noun more common than the verb made of it stays itself (teken, a sign; tekenen).
    assert analysis.key("teken") != analysis.key("tekenen")
    gift(builder, resident(collective, "Marijke"), "Ik oefen graag met nieuwkomers")
    gift(builder, resident(collective, "Anja"), "Brood bakken")
    assert titles(search_for(collective, "oefenen")) == ["Ik oefen graag met nieuwkomers"]
