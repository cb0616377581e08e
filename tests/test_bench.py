"""Every benchmark runs at its small size in the suite, so none can rot unnoticed."""

import io

import pytest

from bench import collective_pages


@pytest.mark.django_db
def test_collective_pages_benchmark_runs_small_and_stays_scoped():
    out = io.StringIO()
    figures = collective_pages.run(size="small", out=out)
    assert "ratio" in out.getvalue()
    for name, figure in figures.items():
        # Pages of one collective must not query more because other collectives exist.
        assert figure["queries"] == figure["baseline_queries"], name
        assert figure["queries"] <= 10, f"{name} makes {figure['queries']} queries"
