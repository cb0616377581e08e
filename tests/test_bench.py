"""Every benchmark runs at its small size in the suite, so none can rot unnoticed."""

import io

import pytest

from bench import collective_pages, matching, relevance


@pytest.mark.django_db
def test_collective_pages_benchmark_runs_small_and_stays_scoped():
    out = io.StringIO()
    figures = collective_pages.run(size="small", out=out)
    assert "ratio" in out.getvalue()
    for name, figure in figures.items():
        # Pages of one collective must not query more because other collectives exist.
        assert figure["queries"] == figure["baseline_queries"], name
        assert figure["queries"] <= 10, f"{name} makes {figure['queries']} queries"


@pytest.mark.django_db
def test_matching_benchmark_runs_small():
    out = io.StringIO()
    figures = matching.run(size="small", out=out)
    assert "faster" in out.getvalue()
    assert figures["p95"] > 0 and figures["build_s"] > 0


@pytest.mark.django_db
def test_relevance_benchmark_prints_recall_and_ndcg():
    out = io.StringIO()
    relevance.run(size="small", out=out)
    assert "recall@10" in out.getvalue() and "nDCG@10" in out.getvalue()
