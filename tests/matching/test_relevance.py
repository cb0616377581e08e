"""A quality check, not a timing: the labelled Dutch set must be found (recall@10 >= 0.9)."""

import pytest

from bench import relevance


@pytest.mark.django_db
def test_recall_at_10_on_the_labelled_dutch_set():
    data = relevance.load()
    assert len(data["needs"]) >= 50
    collective, labels = relevance.build_collective(distractors=150)
    figures = relevance.evaluate(collective, labels)
    assert figures["recall"] >= 0.9, figures["misses"]
    assert figures["ndcg"] >= 0.8, figures
