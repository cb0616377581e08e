"""Every benchmark runs at its small size in the suite, so none can rot unnoticed."""

import io

import pytest

from bench import (
    backup_restore,
    collective_archive,
    collective_pages,
    erasure_mentions,
    imports,
    map_clusters,
    matching,
    network_metrics,
    notices,
    public_pages,
    relevance,
    selfscan,
)


@pytest.mark.django_db
def test_collective_pages_benchmark_runs_small_and_stays_scoped():
    out = io.StringIO()
    figures = collective_pages.run(size="small", out=out)
    assert "ratio" in out.getvalue()
    for name, figure in figures.items():
        # Pages of one collective must not query more because other collectives exist.
        assert figure["queries"] == figure["baseline_queries"], name
        assert figure["queries"] <= 10, f"{name} makes {figure['queries']} queries"


@pytest.mark.django_db(transaction=True)
def test_backup_restore_benchmark_runs_small_and_restores_every_row():
    out = io.StringIO()
    figures = backup_restore.run(size="small", out=out)
    text = out.getvalue()
    assert "kring_restore" in text and "baseline" in text
    for installation in ("collective", "demo"):
        assert figures[installation]["restored"] == figures[installation]["rows"] > 0
        assert figures[installation]["restore_s"] > 0 < figures[installation]["baseline_restore_s"]


@pytest.mark.django_db
def test_collective_archive_benchmark_runs_small_and_moves_every_row():
    out = io.StringIO()
    figures = collective_archive.run(size="small", out=out)
    assert "baseline kring_backup" in out.getvalue()
    # Every row of the archive comes back (nothing was deleted, so no history is dropped).
    assert figures["imported"] == figures["rows"]


@pytest.mark.django_db
def test_matching_benchmark_runs_small():
    out = io.StringIO()
    figures = matching.run(size="small", out=out)
    assert "naive icontains in the collective" in out.getvalue()
    assert figures["p95"] > 0 and figures["build_s"] > 0 and figures["naive_p95"] > 0


@pytest.mark.django_db
def test_imports_benchmark_runs_small_through_the_web_import_engine():
    out = io.StringIO()
    figures = imports.run(size="small", out=out)
    text = out.getvalue()
    assert "rows/s" in text and "ru_maxrss" in text and "naive" in text
    assert figures["rows"] == 3_000 and figures["import_s"] > 0
    # Bulk writing must beat a form and a service call per row by far, even at small size.
    assert figures["ratio"] > 3, figures


@pytest.mark.django_db
def test_relevance_benchmark_prints_recall_and_ndcg():
    out = io.StringIO()
    figures = relevance.run(size="small", out=out)
    text = out.getvalue()
    assert "recall@10" in text and "nDCG@10" in text and "mrr" in text
    # The second set is scored on both halves, per kind of need, for every peer.
    assert "development half" in text and "test half" in text
    for half in ("development", "test"):
        kinds = figures["second"][half]["kring"]["kinds"]
        assert set(kinds) == set(relevance.KINDS)


def test_network_metrics_benchmark_runs_small_and_agrees_with_networkx():
    out = io.StringIO()
    figures = network_metrics.run(size="small", out=out)
    assert figures["betweenness_agrees"]
    text = out.getvalue()
    assert "NetworkX, full graph" in text and "ratio to igraph" in text
    # Small size: both graphs are above the lowered limit, so the estimate and its forecast run.
    assert figures["full_sources"] == 10 and 0 <= figures["full_agreement"] <= 1
    assert "top-100 overlap with the exact top-100" in text
    assert 0 <= figures["subset_overlap"] <= 1 and 0 <= figures["baseline_overlap"] <= 1


@pytest.mark.django_db
def test_map_clusters_benchmark_runs_small():
    out = io.StringIO()
    figures = map_clusters.run(size="small", out=out)
    assert figures["total"] == map_clusters.SIZES["small"]
    assert "baseline" in out.getvalue()


def test_load_benchmark_runs_small_against_gunicorn_without_errors(tmp_path):
    """The load benchmark serves its own database with gunicorn, so it runs as a process."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("KRING_") and k != "DJANGO_SETTINGS_MODULE"
    }
    env["KRING_BENCH_DATABASE_URL"] = f"sqlite:///{tmp_path / 'load.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--size", "small", "load"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    summary = [line for line in result.stdout.splitlines() if "all pages:" in line]
    assert summary and " 0 errors" in summary[0], result.stdout


def test_twonode_benchmark_runs_small_through_the_proxy_and_stops_everything(tmp_path):
    """Redis, the nodes and HAProxy are processes of their own; the benchmark runs as one too,
    and must leave none of them running."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from bench import cluster

    missing = cluster.needed_programs()
    assert not missing, f"install {', '.join(missing)} (make test does so with apt-get)"
    root = Path(__file__).resolve().parents[1]
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("KRING_") and k != "DJANGO_SETTINGS_MODULE"
    }
    env["KRING_BENCH_DATABASE_URL"] = f"sqlite:///{tmp_path / 'twonode.sqlite3'}"
    bench = subprocess.Popen(
        [sys.executable, "-m", "bench", "--size", "small", "twonode"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = bench.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        # SIGTERM, not SIGKILL: the benchmark then stops Redis, the nodes and the proxies.
        bench.terminate()
        stdout, stderr = bench.communicate(timeout=60)
        raise AssertionError("the benchmark did not finish in 600 s\n" + stdout + stderr) from None
    assert bench.returncode == 0, stdout + stderr
    lines = stdout.splitlines()
    for setup in ("1 node × 2 workers", "2 nodes × 1 worker "):
        line = next((line for line in lines if setup in line), "")
        assert " 0 errors" in line and "/s)" in line, stdout
    assert any("ratio two nodes / one node: throughput" in line for line in lines), stdout
    # Nothing the benchmark started is left: Redis, three gunicorn nodes, two proxies.
    assert "   stopped: 6 of 6 started processes\n" in stdout, stdout


@pytest.mark.django_db(transaction=True)
def test_impact_benchmark_runs_small():
    from bench import impact

    out = io.StringIO()
    figures = impact.run(size="small", out=out)
    assert "aggregates, warm" in out.getvalue() and "PDF report" in out.getvalue()
    assert figures["cells"] > 0 and figures["pdf_ms"] > 0
    # The municipality asked while a writer process kept recording, and saw its changes.
    assert "while a collective records" in out.getvalue()
    assert figures["writing_records"] > 0 and figures["writing_changed_p95"] > 0
    assert figures["writing_first_ms"] > 0


@pytest.mark.django_db
def test_selfscan_benchmark_runs_small_with_constant_queries():
    out = io.StringIO()
    figures = selfscan.run(size="small", out=out)
    assert "ratio" in out.getvalue()
    assert "; 30 statements" in out.getvalue()
    for name, figure in figures.items():
        assert figure["queries"] == figure["baseline_queries"], name
        assert figure["queries"] > 0, name


@pytest.mark.django_db
def test_public_pages_benchmark_runs_small_within_the_phone_budget():
    from kring.public.views import MEMBERS_PER_PAGE

    out = io.StringIO()
    figures = public_pages.run(size="small", out=out)
    assert "1st visit" in out.getvalue()
    assert len(figures) == len(public_pages.pages())
    for name, figure in figures.items():
        # More members, articles or meetings must not mean more queries per page.
        assert figure["queries"] == figure["baseline_queries"], name
        # Everything a page loads comes from our own host (also what the CSP demands).
        assert figure["foreign"] == [], (name, figure["foreign"])
        budget = (
            public_pages.MAP_BUDGET if name == "member map" else public_pages.FIRST_VISIT_BUDGET
        )
        assert figure["first_visit_gz"] < budget, (name, figure["first_visit_gz"])
        # Only the map needs JavaScript; every other page reads fine without.
        assert figure["needs_js"] == (name == "member map"), name
    # The directory is paginated: 60 members, never more than one page of cards at a time.
    assert figures["members"]["member_cards"] == MEMBERS_PER_PAGE
    assert 0 < figures["members page 2"]["member_cards"] <= MEMBERS_PER_PAGE
    assert figures["members search"]["member_cards"] <= MEMBERS_PER_PAGE


@pytest.mark.django_db
def test_demo_benchmark_runs_small():
    from bench import demo

    out = io.StringIO()
    figures = demo.run(size="small", out=out)
    text = out.getvalue()
    assert "ratio build/baseline" in text and "dashboard page" in text
    assert figures["build_s"] > 0 and figures["bulk_s"] > 0 and figures["report_ms"] > 0


@pytest.mark.django_db
def test_erasure_mentions_benchmark_runs_small_and_reads_only_its_collective():
    from kring.privacy.text_places import PLACES

    out = io.StringIO()
    figures = erasure_mentions.run(size="small", out=out)
    assert "ratio to baseline" in out.getvalue()
    # The ten texts that name her in the measured collective, none of the other's.
    assert figures["found"] == 10
    assert figures["queries"] == len(PLACES)


@pytest.mark.django_db
def test_notices_benchmark_runs_small_and_agrees_with_its_baseline():
    out = io.StringIO()
    figures = notices.run(size="small", out=out)
    assert "ratio" in out.getvalue() and "baseline" in out.getvalue()
    collective = figures["collective"]
    assert collective["found"] > 0 and collective["mails"] > 0
    # Asking the engine once per ask finds (nearly) whom asking it per resident finds.
    assert collective["agree"] >= 0.8 * collective["naive_pairs"] > 0
    assert collective["ratio"] > 1
