"""Results that rest only on a loose link (a wide link of the lexicon, a word related to a
compound's part) are marked, so the search page can show them apart (Match.sure)."""

import pytest

from tests.matching.test_search import gift, resident, search_for

pytestmark = pytest.mark.django_db


def sure_and_loose(matches):
    return (
        [m.asset.title for m in matches if m.sure],
        [m.asset.title for m in matches if not m.sure],
    )


def test_a_result_with_only_a_wide_link_is_loose(builder, collective):
    person = resident(collective, "Ria")
    gift(builder, person, "Stuk grond te leen")  # the word itself
    gift(builder, person, "Zakken aarde over")  # a close related word (aarde: grond)
    gift(builder, person, "Help graag in de tuin")  # only a wide link (grond: tuin)
    sure, loose = sure_and_loose(search_for(collective, "een stukje grond"))
    assert sure == ["Stuk grond te leen", "Zakken aarde over"]
    assert loose == ["Help graag in de tuin"]


def test_a_compound_part_is_sure_and_a_word_related_to_it_loose(builder, collective):
    person = resident(collective, "Ria")
    gift(builder, person, "Stuk grond te leen")  # a part of the question's compound
    gift(builder, person, "Zakken aarde over")  # related to that part only
    sure, loose = sure_and_loose(search_for(collective, "tuingrond"))
    assert sure == ["Stuk grond te leen"]
    assert loose == ["Zakken aarde over"]


def test_a_result_with_the_word_and_a_wide_link_is_sure(builder, collective):
    person = resident(collective, "Ria")
    gift(builder, person, "Groente uit de tuin")  # groente itself, and grond: tuin
    gift(builder, person, "Help graag in de tuin")
    sure, loose = sure_and_loose(search_for(collective, "grond voor groente"))
    assert sure == ["Groente uit de tuin"]
    assert loose == ["Help graag in de tuin"]
