import atexit
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

BENCHMARKS: dict[str, Callable] = {}
# Benchmarks that find and reuse their own data between runs (the database is not emptied for
# them); named here because the database is set up before the benchmark modules are imported.
REUSES_DATA = {"load", "twonode", "matching-kept", "matching-results"}
ROOT = Path(__file__).resolve().parent.parent
# python -m bench --skip-baseline: benchmarks leave out their slow naive baselines.
SKIP_BASELINE = False


def benchmark(name: str):
    def register(function):
        BENCHMARKS[name] = function
        return function

    return register


def setup_django(*, keep_data: bool = False) -> None:
    """Benchmarks run against their own database (never the demo's): a fresh SQLite file in
    var/, or KRING_BENCH_DATABASE_URL (for PostgreSQL). With keep_data, a PostgreSQL database
    keeps what an earlier run made (new migrations are still applied)."""
    url = os.environ.get("KRING_BENCH_DATABASE_URL")
    if not url:
        # One file per run, so two benchmark runs never share (or delete) each other's data.
        path = ROOT / "var" / f"bench-{os.getpid()}.sqlite3"
        path.parent.mkdir(exist_ok=True)
        atexit.register(_remove_sqlite, path)
        url = f"sqlite:///{path}"
    os.environ["KRING_DATABASE_URL"] = url
    # Benchmarks measure the demo's set-up (debug on, its keys) unless told otherwise.
    os.environ.setdefault("KRING_DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kring.settings")
    import django

    django.setup()
    from django.core.management import call_command

    if _has_tables() and not keep_data:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0, interactive=False)


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _has_tables() -> bool:
    from django.db import connection

    return "communities_collective" in connection.introspection.table_names()


def timings_ms(function: Callable, repeat: int) -> list[float]:
    function()  # warm caches, as a real server would be
    result = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        result.append((time.perf_counter() - started) * 1000)
    return result


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary(values: list[float]) -> str:
    return (
        f"p50 {statistics.median(values):7.2f} ms  p95 {percentile(values, 95):7.2f} ms"
        f"  max {max(values):7.2f} ms"
    )


def load_all() -> None:
    """Import every benchmark module so that it registers itself."""
    from bench import (  # noqa: F401
        backup_restore,
        collective_archive,
        collective_pages,
        demo,
        erasure_mentions,
        impact,
        imports,
        load,
        map_clusters,
        matching,
        matching_kept,
        network_metrics,
        notices,
        public_pages,
        relevance,
        selfscan,
        twonode,
    )
