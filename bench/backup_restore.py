"""Backup and restore of a whole installation (kring_backup / kring_restore, kring.privacy).

Two installations: one collective of N residents (each with two consents and a gift, N/2
other assets, N/10 initiatives with a need and an activity, N connections: the data of
``bench.collective_archive``), and the whole demo country (``load_demo``: the sample gemeente
with every demo collective after a lived year). Measured for each, once: ``write_backup``, and
``restore_backup`` into the emptied database (rows loaded, then every derived table checked
and, where needed, made again); wall time and peak memory.

Baseline, in the same run, what an operator would otherwise pick: on SQLite Django's own
``dumpdata`` / ``loaddata`` of the same tables; on PostgreSQL ``pg_dump -Fc`` / ``pg_restore``
into a new database. Peak memory: for the steps that run in this process, the highest resident
set size seen while the step ran (sampled every 5 ms) minus what the process held before it;
for pg_dump and pg_restore, the peak resident set size of their own process."""

import os
import resource
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from bench.registry import benchmark

SIZES = {"small": (100, "small"), "full": (2000, "full")}
# As Kring's own backup leaves them out: the page cache's data versions are set afresh by the
# database's triggers while the rows are loaded (loading the old ones would collide with those),
# and so is each collective's typo vocabulary, counted from the search documents.
EXCLUDE = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "core.dataversion",
    "core.kindversion",
    "matching.typoword",
]


def _rss() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # not Linux: the process's peak so far (never goes down)
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def measured(function) -> tuple[float, int]:
    """(seconds, peak memory growth in bytes) of ``function()`` run in this process."""
    start = _rss()
    peak = [start]
    done = threading.Event()

    def sample():
        while not done.wait(0.005):
            peak[0] = max(peak[0], _rss())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    try:
        function()
    finally:
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
    return seconds, max(peak[0], _rss()) - start


def _peak_of(pid: int) -> int:
    """The program's own peak resident set size so far (VmHWM: counted from its exec, so not
    the copy of this process it was forked from), 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run_process(args: list[str], env: dict) -> tuple[float, int]:
    """(seconds, peak resident memory in bytes) of an outside program. The peak is read from
    the program every 5 ms while it runs. (The peak the kernel reports for a finished child
    includes the pages of the forked Python process before the program started: 150-250 MiB
    here for a pg_dump that uses 12.)"""
    started = time.perf_counter()
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _peak_of(process.pid))
        time.sleep(0.005)
    seconds = time.perf_counter() - started
    error = process.stderr.read().decode()
    process.stderr.close()
    if process.returncode != 0:
        raise RuntimeError(f"{args[0]} failed: {error[-2000:]}")
    return seconds, peak


def _pg_env_and_name():
    from django.db import connection

    s = connection.settings_dict
    env = dict(os.environ)
    env.update(
        {
            k: str(v)
            for k, v in {
                "PGHOST": s.get("HOST"),
                "PGPORT": s.get("PORT"),
                "PGUSER": s.get("USER"),
                "PGPASSWORD": s.get("PASSWORD"),
            }.items()
            if v
        }
    )
    return env, s["NAME"]


def _rows() -> int:
    from kring.privacy.backup import backed_up_models

    return sum(m._base_manager.count() for m in backed_up_models())


# What data migrations put in (in migration order), put back when this benchmark is done, so
# the benchmarks after it find an installed Kring.
STARTER_DATA = [
    ("kring.initiatives.migrations.0002_starter_tasks", "add_tasks"),
    ("kring.matching.migrations.0003_starter_synonyms", "add"),
    ("kring.impact.migrations.0002_starter_proxies", "add"),
    ("kring.impact.migrations.0006_sourced_proxies", "add"),
    ("kring.selfscan.migrations.0002_starter_themes", "add_themes"),
]


def _empty(*, starter_data: bool = False) -> None:
    import importlib

    from django.apps import apps
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    if starter_data:
        for module, function in STARTER_DATA:
            getattr(importlib.import_module(module), function)(apps, None)


def measure(label: str, tmp: Path, out) -> dict:
    from django.test import override_settings

    # Each installation its own anchor folder: one installation's anchor does not fit the other.
    with override_settings(KRING_AUDIT_ANCHOR_DIR=tmp / f"anchors {label}"):
        return _measure(label, tmp, out)


def _measure(label: str, tmp: Path, out) -> dict:
    from django.core.management import call_command
    from django.db import connection

    from kring.privacy.backup import restore_backup, write_backup

    rows = _rows()
    archive = tmp / f"{label}.tar.gz"
    backup_s, backup_mem = measured(lambda: write_backup(archive))
    if connection.vendor == "postgresql":
        env, name = _pg_env_and_name()
        dump = tmp / f"{label}.dump"
        base_backup_s, base_backup_mem = run_process(
            ["pg_dump", "-Fc", "--no-owner", "-f", str(dump), name], env
        )
        base_name = "dumped"
    else:
        dump = tmp / f"{label}.json"
        base_backup_s, base_backup_mem = measured(
            lambda: call_command(
                "dumpdata",
                natural_foreign=True,
                exclude=EXCLUDE,
                output=str(dump),
                verbosity=0,
            )
        )
        base_name = "dumpdata"
    _empty(starter_data=True)
    restore_summary = []
    restore_s, restore_mem = measured(lambda: restore_summary.append(restore_backup(archive)))
    restored = _rows()
    if restored != rows:
        raise AssertionError(f"restored {restored} rows of {rows}")
    parts = restore_summary[0].seconds
    if connection.vendor == "postgresql":
        target = f"{name}_pgrestore"[:63]
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{target}"')
            cursor.execute(f'CREATE DATABASE "{target}"')
        try:
            base_restore_s, base_restore_mem = run_process(
                ["pg_restore", "--no-owner", "-d", target, str(dump)], env
            )
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{target}"')
        base_restore_name = "pg_restore"
    else:
        _empty(starter_data=True)
        base_restore_s, base_restore_mem = measured(
            lambda: call_command("loaddata", str(dump), verbosity=0)
        )
        base_restore_name = "loaddata"
    archive_mb = archive.stat().st_size / 1e6
    dump_mb = dump.stat().st_size / 1e6
    mb = 1 / 2**20
    print(
        f"   {label}: {rows:,} rows; archive {archive_mb:.1f} MB, {base_name} {dump_mb:.1f} MB\n"
        f"     kring_backup   {backup_s:7.2f} s  peak +{backup_mem * mb:6.0f} MiB   "
        f"baseline {base_name if base_name != 'dumped' else 'pg_dump'} {base_backup_s:7.2f} s "
        f"peak {base_backup_mem * mb:4.0f} MiB   ratio {backup_s / base_backup_s:.2f}\n"
        f"     kring_restore  {restore_s:7.2f} s  peak +{restore_mem * mb:6.0f} MiB   "
        f"baseline {base_restore_name} {base_restore_s:7.2f} s "
        f"peak {base_restore_mem * mb:4.0f} MiB   ratio {restore_s / base_restore_s:.2f}\n"
        f"     of the restore: rows {parts['load']:.2f} s, audit log {parts['audit']:.2f} s, "
        f"derived tables {parts['derived']:.2f} s",
        file=out,
    )
    return {
        "rows": rows,
        "restored": restored,
        "backup_s": backup_s,
        "backup_mem": backup_mem,
        "restore_s": restore_s,
        "restore_mem": restore_mem,
        "restore_parts": parts,
        "baseline_backup_s": base_backup_s,
        "baseline_restore_s": base_restore_s,
        "archive_bytes": archive.stat().st_size,
    }


@benchmark("backup_restore")
def run(size: str = "full", out=None) -> dict:
    from django.test import override_settings

    from bench.collective_archive import populate
    from kring.demo.builder import load_demo
    from kring.geo.models import District, Municipality, Neighbourhood
    from kring.matching.services import rebuild_search_index

    residents, demo_size = SIZES[size]
    figures = {}
    # Its own media folder; each installation measured also gets its own audit anchor folder
    # (every backup anchors the audit log), never the demo's in var/.
    with tempfile.TemporaryDirectory() as tmp, override_settings(MEDIA_ROOT=Path(tmp) / "media"):
        tmp = Path(tmp)
        print(f"   load average {os.getloadavg()[0]:.2f}", file=out)
        _empty(starter_data=True)
        municipality = Municipality.objects.create(code="GM9995", name="Bewaarstad", year=2025)
        district = District.objects.create(
            code="WK999501", name="Wijk", year=2025, municipality=municipality
        )
        neighbourhood = Neighbourhood.objects.create(
            code="BU99950101", name="Buurt", year=2025, district=district
        )
        populate(residents, "bewaren", municipality, neighbourhood)
        # As in an installation in use, the search index is complete before the backup.
        rebuild_search_index()
        figures["collective"] = measure(f"one collective of {residents:,} residents", tmp, out)
        _empty(starter_data=True)
        load_demo(size=demo_size)
        figures["demo"] = measure(f"the demo country ({demo_size})", tmp, out)
        _empty(starter_data=True)
        print(f"   load average {os.getloadavg()[0]:.2f}", file=out)
    return figures
