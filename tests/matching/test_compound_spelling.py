"""Compounds spelt wrong: a typo in a short part, the wrong linking letters, written apart."""

import pytest

from kring.matching import analysis, typos
from kring.matching.query import parse
from kring.matching.synonyms import SynonymTable

from .test_search import gift, resident, search_for, titles

pytestmark = pytest.mark.django_db


def _alternatives(text: str) -> list:
    return [a for word in parse(text, SynonymTable([])) for a in word.alternatives]


def test_a_compound_whose_short_head_misses_a_letter_is_found(builder, collective):
    # "kinderopas": kinder + opas, where "oppas" lost a letter; a part of four letters is only
    # corrected to a longer word (it has too many neighbours of its own length).
    gift(
        builder,
        resident(collective, "Emma"),
        "Babysitten",
        description="Ik pas op kinderen, ook 's avonds.",
    )
    gift(builder, resident(collective, "Piet"), "Kinderen leren zwemmen")
    matches = search_for(collective, "kinderopas gezocht")
    assert titles(matches)[0] == "Babysitten"
    assert matches[0].score < search_for(collective, "kinderoppas")[0].score


def test_a_compound_with_wrong_linking_letters_asks_for_the_word_meant(builder, collective):
    gift(builder, resident(collective, "Frans"), "Ik rijd u naar het ziekenhuis")
    gift(builder, resident(collective, "Mila"), "Kapster aan huis")
    matches = search_for(collective, "vervoer naar het ziekehuis")
    assert titles(matches)[0] == "Ik rijd u naar het ziekenhuis"
    assert "bedoelde u ‘ziekenhuis’?" in matches[0].reasons
    # A corrected word still counts less than the word written right.
    assert matches[0].score < search_for(collective, "vervoer naar het ziekenhuis")[0].score


def test_linking_letters_missing_or_too_many_are_put_right_only_for_unknown_words():
    def relinked(word):
        # Before the collective's vocabulary is asked, only the linking letters make a typo.
        return [a.keys[0] for a in _alternatives(word) if a.kind == "typo" and a.weight < 1]

    assert relinked("ziekehuis") == [analysis.key("ziekenhuis")]  # -en- missing
    assert relinked("voedselsbank") == [analysis.key("voedselbank")]  # an -s- too many
    assert relinked("huisenwerk") == [analysis.key("huiswerk")]
    assert relinked("ziekenhuis") == []  # a word as the dictionary has it stays
    assert relinked("rijbewijzen") == []


def test_two_words_that_together_are_a_word_ask_for_it(builder, collective):
    gift(
        builder,
        resident(collective, "Ans"),
        "Voedselbank",
        description="Elke donderdag een pakket.",
    )
    matches = search_for(collective, "voedsel bank aanmelden")
    assert titles(matches)[0] == "Voedselbank"
    assert "‘voedsel bank’ is één woord: ‘voedselbank’" in matches[0].reasons
    joined = [a for a in _alternatives("voedsel bank") if a.kind == "joined"]
    assert {a.said for a in joined} == {"voedsel bank"} and len(joined) == 2
    assert all(a.weight < 1 for a in joined)
    # Not for stop words or words that together are no word.
    assert not [a for a in _alternatives("op zaterdag oude fiets") if a.kind == "joined"]


def test_two_words_of_a_compound_written_apart_leave_their_wide_related_words_out():
    # "bank" alone links widely (a seat: auto, machine ...); in "voedsel bank" it is a part of
    # voedselbank, and a compound's parts have no wide related words.
    assert any(a.kind == "wide" and a.said == "bank" for a in _alternatives("bank"))
    assert not any(a.kind == "wide" for a in _alternatives("voedsel bank"))


def test_a_short_part_is_only_given_a_letter_it_lacks():
    # "pas" and "opa" are one letter from "opas" too, and more used; a short part has too many
    # such neighbours, so only a letter left out counts.
    vocabulary = typos.Vocabulary({"pas": 9, "opa": 8, "oppas": 1})
    assert vocabulary.with_letter_added("opas") == ["oppas"]
    assert vocabulary.with_letter_added("oppas") == []  # a known key needs nothing
