"""Municipality figures for a gemeente with 20 collectives of 2,000 residents each (40 buurten
in 8 wijken), every collective sharing everything. Targets: the dashboard's aggregates in at
most 200 ms and the PDF report in at most 3 s.

Measured:
- baseline: the raw counts alone (the GROUP BY queries of ``indicators.base_cells``), what
  any dashboard must at least do;
- aggregates, first time: ``municipality_figures`` with an empty cache and an empty
  ``FigureStore``: every collective counted and every table suppressed anew (what the very
  first question of a gemeente pays, once);
- aggregates, cold cache: the cache emptied (a restart, another worker, the 30 s gone) but the
  stored counts and suppression patterns kept: what a municipality user usually meets;
- aggregates, one new record: one collective counted again, the changed table suppressed
  again if its pattern is new;
- aggregates, warm: the same call again within 30 s (the figures come from the cache);
- PDF: the council report's PDF from those figures (WeasyPrint), plus XLSX and CSV;
- while a collective keeps recording: with Redis as the shared cache (Debian's redis-server,
  started by the benchmark as its own process, when it is installed; else the memory cache), a
  writer process records connections through the services (``record_connection``, as a
  buurtmaker does on the phone) and now and then a new resident (``create_resident``), and a
  worker process runs the queued tasks (the new figures asked for after the changes), while
  the municipality asks after each change: for a while the dashboard's answer from the kept
  figures (``prepared.answer``; target p95 ≤ 200 ms), then as long the figures counted in the
  request (``municipality_figures``, what the dashboard did before), with the ratio and how
  old the kept figures were; then the very first question (an empty cache; target ≤ 1 s) both ways,
  and the answer when nothing is made yet (the "being prepared" page)."""

import contextlib
import datetime
import logging
import multiprocessing
import os
import random
import socket
import tempfile
import threading
import time
from pathlib import Path

from django.core.cache import cache
from django.utils import timezone

from bench import cluster
from bench.registry import benchmark, percentile, summary, timings_ms

SIZES = {
    "small": (2, 200, 2, 2),
    "full": (20, 2_000, 8, 5),
}  # collectives, residents, wijken, buurten/wijk
YEAR = 2025
# While a collective records: seconds of asking, pause between two records of the writer.
WRITING = {"small": (2, 0.1), "full": (45, 0.25)}


def populate(collectives: int, residents: int, wijken: int, per_wijk: int):
    from kring.assets.models import Asset
    from kring.communities.models import Collective
    from kring.core.models import User
    from kring.geo.models import District, Municipality, Neighbourhood
    from kring.impact.models import ShareGroup, SharingChoice
    from kring.initiatives.models import Activity, Connection, Initiative, Need
    from kring.people.models import Resident

    rng = random.Random(11)
    gm = Municipality.objects.create(code="GM9996", name="Telstad", year=2025)
    buurten = []
    for w in range(1, wijken + 1):
        d = District.objects.create(
            municipality=gm, code=f"WK9996{w:02d}", name=f"Wijk {w}", year=2025
        )
        for b in range(1, per_wijk + 1):
            buurten.append(
                Neighbourhood.objects.create(
                    district=d,
                    code=f"BU9996{w:02d}{b:02d}",
                    name=f"Buurt {w}.{b}",
                    year=2025,
                    boundary={
                        "type": "Polygon",
                        "coordinates": [
                            [
                                [5 + b / 100, 52 + w / 100],
                                [5.01 + b / 100, 52 + w / 100],
                                [5.01 + b / 100, 52.01 + w / 100],
                                [5 + b / 100, 52 + w / 100],
                            ]
                        ],
                    },
                )
            )
    aware = lambda m, d=15: timezone.make_aware(datetime.datetime(YEAR, m, d, 12))  # noqa: E731
    for c in range(collectives):
        collective = Collective.objects.create(
            name=f"Collectief {c}",
            slug=f"tel-{c}",
            kind="wijkcentrum",
            legal_form="stichting",
            municipality=gm,
        )
        area = rng.sample(buurten, min(4, len(buurten)))
        collective.working_area.set(area)
        SharingChoice.objects.create(
            collective=collective, municipality=gm, groups=list(ShareGroup.values)
        )
        people = Resident.objects.bulk_create(
            Resident(collective=collective, name=f"Bewoner {c}.{i}", neighbourhood=rng.choice(area))
            for i in range(residents)
        )
        for m in range(1, 13):
            Resident.objects.filter(pk__in=[p.pk for p in people[m - 1 :: 12]]).update(
                created_at=aware(m)
            )
        gifts = Asset.objects.bulk_create(
            Asset(
                collective=collective,
                category="gift",
                resident=p,
                gift_kind="handen",
                title="Fietsen maken",
                neighbourhood=p.neighbourhood,
            )
            for p in people[: residents // 2]
        )
        for m in range(1, 13):
            Asset.objects.filter(pk__in=[g.pk for g in gifts[m - 1 :: 12]]).update(
                created_at=aware(m)
            )
        initiatives = [
            Initiative.objects.create(
                collective=collective,
                title=f"Plan {c}.{i}",
                status=rng.choice(["idee", "loopt"]),
                neighbourhood=rng.choice(area),
            )
            for i in range(residents // 40)
        ]
        needs = Need.objects.bulk_create(
            Need(initiative=i, text="Hulp", question=rng.choice(["zelf", "met_hulp", "instelling"]))
            for i in initiatives
        )
        pairs = [rng.sample(people, 2) for _ in range(residents)]
        Connection.objects.bulk_create(
            Connection(
                collective=collective,
                resident=a,
                other_resident=b,
                kind="voorgesteld",
                happened_on=datetime.date(YEAR, rng.randint(1, 12), rng.randint(1, 28)),
                need=rng.choice(needs) if rng.random() < 0.2 else None,
            )
            for a, b in pairs
        )
        Activity.objects.bulk_create(
            Activity(
                collective=collective,
                initiative=rng.choice(initiatives),
                title="Bijeenkomst",
                date=datetime.date(YEAR, rng.randint(1, 12), rng.randint(1, 28)),
                start_time=datetime.time(10),
                end_time=datetime.time(12),
                hours_given=rng.randint(2, 20),
            )
            for _ in range(residents // 10)
        )
    official = User.objects.create_user("tel@example.org", "x", name="Tel", municipality=gm)
    return official


@contextlib.contextmanager
def shared_cache(out):
    """Django's cache in Redis (its own redis-server on a free port) for what runs inside,
    when redis-server is installed; else the cache stays the process' own memory."""
    from django.test import override_settings

    if cluster.program("redis-server") is None:
        out.write("   (no redis-server: the memory cache of this process instead)\n")
        yield "the memory cache of the asking process (no redis-server installed)"
        return
    with tempfile.TemporaryDirectory(prefix="kring-impact-") as folder:
        processes = cluster.Processes(Path(folder))
        port = cluster.free_port()
        try:
            cluster.start_redis(processes, port)
            cluster.wait_until(
                lambda: socket.create_connection(("127.0.0.1", port), timeout=1).close() is None,
                "redis answering",
                processes,
            )
            redis = {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": f"redis://127.0.0.1:{port}/1",
                "KEY_PREFIX": "kring-bench",
                "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 5},
            }
            with override_settings(CACHES={"default": redis}):
                yield "Redis (own redis-server), shared by the writer and the asking process"
        finally:
            processes.stop_all()


def _keep_recording(
    collective_id: int, user_id: int, pause: float, stop, written, turn=contextlib.nullcontext
) -> None:
    """The writer process: a buurtmaker of one collective records connections between its
    residents (dated in the measured year) and now and then a new resident, through the
    services, until told to stop."""
    from django.db import connections

    from kring.communities.access import CollectiveAccess
    from kring.communities.models import Membership
    from kring.people.models import Resident

    connections.close_all()  # the parent's connection is not ours
    rng = random.Random(5)
    membership = Membership.objects.select_related("user", "collective").get(
        collective_id=collective_id, user_id=user_id
    )
    access = CollectiveAccess(membership.user, membership.collective, membership)
    residents = list(Resident.objects.filter(collective_id=collective_id)[:400])
    try:
        while not stop.is_set():
            with turn():
                _record_one(access, residents, rng, written.value)
            with written.get_lock():
                written.value += 1
            stop.wait(pause)
    finally:
        connections.close_all()


def _record_one(access, residents: list, rng: random.Random, n: int) -> None:
    """One record of the writer: mostly a connection, every tenth a new resident."""
    from kring.initiatives import services as initiatives
    from kring.initiatives.models import Connection
    from kring.people import services as people
    from kring.people.models import Resident

    if n % 10 == 9:
        someone = rng.choice(residents)
        people.create_resident(
            access=access,
            resident=Resident(name=f"Nieuwe buur {n}", neighbourhood_id=someone.neighbourhood_id),
        )
    else:
        a, b = rng.sample(residents, 2)
        initiatives.record_connection(
            access=access,
            connection=Connection(
                resident=a,
                other_resident=b,
                kind="ontmoet",
                happened_on=datetime.date(YEAR, rng.randint(1, 12), rng.randint(1, 28)),
            ),
        )


def _keep_preparing(stop, ran, turn=contextlib.nullcontext) -> None:
    """The background worker: runs the queued tasks (the figures asked for after changes)
    one after the other, as ``manage.py db_worker`` does, until told to stop."""
    from django.db import connections
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    if turn is contextlib.nullcontext:
        connections.close_all()  # the parent's connection is not ours
    logging.getLogger("django_tasks").setLevel(logging.WARNING)  # a line per task otherwise
    worker = Worker(
        queue_names=["default"],
        interval=0.2,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="bench-worker",
        excluded_queue_names=[],
    )
    try:
        while not stop.is_set():
            with turn():
                ready = DBTaskResult.objects.ready().filter(backend_name="default").first()
                if ready is not None:
                    ready.claim(worker.worker_id)
                    worker.run_task(ready)
            if ready is None:
                stop.wait(0.2)
            else:
                with ran.get_lock():
                    ran.value += 1
    finally:
        if turn is contextlib.nullcontext:
            connections.close_all()


def while_recording(official, size: str, out) -> dict:
    """The municipality asks while one collective keeps recording (a writer process) and a
    background worker makes new figures; after each change either the dashboard's answer
    from the kept figures (``prepared.answer``) or, in turn, the figures counted in the
    request (``municipality_figures``, what the dashboard did before)."""
    from django.db import connections
    from django.test import override_settings

    from kring.communities.models import Membership, Role
    from kring.core.models import User
    from kring.impact import prepared
    from kring.impact.aggregates import municipality_figures
    from kring.impact.models import FigureStore, PreparedFigures
    from kring.people.models import Resident

    seconds, pause = WRITING[size]
    collective_id = (
        Resident.objects.filter(collective__municipality=official.municipality)
        .values_list("collective_id", flat=True)
        .first()
    )
    builder = User.objects.create_user("schrijver@example.org", None, name="Schrijver")
    Membership.objects.create(user=builder, collective_id=collective_id, role=Role.BUILDER)

    def counted():
        return municipality_figures(user=official, year=YEAR)

    def kept():
        return prepared.answer(user=official, year=YEAR)

    # Tasks go to the database and the worker below runs them (the suite's settings run them
    # in the request instead).
    database_tasks = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    with shared_cache(out) as which, override_settings(TASKS=database_tasks):
        cache.clear()
        # What the worker made when the collectives started sharing.
        prepared.prepare(municipality=official.municipality, year=YEAR)
        counted()  # the figures as they are before the writer starts
        context = multiprocessing.get_context("fork")
        stop, written, ran = context.Event(), context.Value("i", 0), context.Value("i", 0)
        args = (collective_id, builder.pk, pause, stop, written)
        failed: list = []
        turn = contextlib.nullcontext
        if connections["default"].vendor == "sqlite" and connections["default"].is_in_memory_db():
            # The test suite's database lives in this process' memory: threads write and
            # prepare there, taking turns with the questions (an in-memory database locks
            # whole tables).
            lock = threading.Lock()

            def turn():
                return lock

            def in_thread(target, *target_args):
                def run():
                    try:
                        target(*target_args, turn=turn)
                    except Exception as error:  # reported below
                        failed.append(error)

                return threading.Thread(target=run, daemon=True)

            writer = in_thread(_keep_recording, *args)
            worker = in_thread(_keep_preparing, stop, ran)
            kind = "a writer thread and a worker thread (in-memory test database)"
        else:
            connections.close_all()  # the writer must not share this process' connection
            writer = context.Process(target=_keep_recording, args=args)
            worker = context.Process(target=_keep_preparing, args=(stop, ran))
            kind = "a writer process, a worker process"
        writer.start()
        worker.start()
        times: dict[str, list] = {"kept": [], "counted": [], "kept_cpu": [], "counted_cpu": []}
        ages, stale = [], 0
        first: dict[str, list] = {"kept": [], "counted": [], "nothing": []}
        try:
            # First the dashboard as it is now, then as it was (counting in the request), each
            # for the same time, with the same writer and worker going.
            for how in ("kept", "counted"):
                until = time.monotonic() + seconds
                seen = written.value
                while time.monotonic() < until and writer.is_alive():
                    if written.value == seen:
                        time.sleep(0.005)
                        continue
                    seen = written.value
                    with turn():
                        started, cpu = time.perf_counter(), time.process_time()
                        answer = kept() if how == "kept" else counted()
                        times[how].append((time.perf_counter() - started) * 1000)
                        times[f"{how}_cpu"].append((time.process_time() - cpu) * 1000)
                    if how == "kept":
                        ages.append((timezone.now() - answer.made_at).total_seconds())
                        stale += answer.stale
            # The very first question of the gemeente while the collective goes on recording:
            # a node with an empty cache and the figures the worker made (now), everything
            # counted in the request (before), and nothing made yet (the "being prepared" page).
            for _ in range(3 if size == "full" else 2):
                with turn():
                    cache.clear()
                    first["kept"].append(_timed(kept))
                    cache.clear()
                    FigureStore.objects.all().delete()
                    first["counted"].append(_timed(counted))
            for _ in range(3 if size == "full" else 2):
                with turn():
                    cache.clear()
                    PreparedFigures.objects.all().delete()
                    first["nothing"].append(_timed(kept))
                    nothing = kept()
        finally:
            stop.set()
            for process in (writer, worker):
                process.join(60)
                if process.is_alive() and hasattr(process, "kill"):
                    process.kill()
        records, recomputes = written.value, ran.value
        cache.clear()
    broken = [p.exitcode for p in (writer, worker) if getattr(p, "exitcode", 0) not in (0, None)]
    if failed or broken or not times["kept"] or not times["counted"]:
        raise RuntimeError(f"the writer or worker stopped ({failed or broken}) after {records}")
    if nothing.figures is not None:
        raise RuntimeError("with nothing made yet the dashboard still had figures")
    p95 = {k: percentile(v, 95) for k, v in times.items()}
    out.write(
        f"   while a collective records ({records} records in 2 × {seconds} s by {kind}; the "
        f"worker ran {recomputes} tasks; cache: {which}; load average "
        f"{os.getloadavg()[0]:.2f}):\n"
        f"   {'  after a change, kept':26} {summary(times['kept'])} ({len(times['kept'])} "
        f"answers; target p95 ≤ 200 ms)\n"
        f"   {'  after a change, counted':26} {summary(times['counted'])} "
        f"({len(times['counted'])}; before: counted in the request)\n"
        f"   {'':26} ratio p95 counted/kept {p95['counted'] / p95['kept']:.1f}×; the kept "
        f"figures were {percentile(ages, 50):.0f} s old at p50, {max(ages):.0f} s at most; "
        f"{stale} of {len(ages)} answers said new ones were being made\n"
        f"   {'  first question, kept':26} {summary(first['kept'])} (target ≤ 1,000 ms)\n"
        f"   {'  first question, counted':26} {summary(first['counted'])} (before); ratio "
        f"{percentile(first['counted'], 50) / percentile(first['kept'], 50):.1f}×\n"
        f"   {'  nothing made yet':26} {summary(first['nothing'])} (the page says the "
        f"figures are being prepared)\n"
        f"   {'':26} CPU of the asking process (its threads, not the database's), p50: after "
        f"a change kept {percentile(times['kept_cpu'], 50):.0f} ms, counted "
        f"{percentile(times['counted_cpu'], 50):.0f} ms\n"
    )
    return {
        "writing_records": records,
        "writing_recomputes": recomputes,
        "writing_changed_p50": percentile(times["kept"], 50),
        "writing_changed_p95": p95["kept"],
        "writing_counted_p50": percentile(times["counted"], 50),
        "writing_counted_p95": p95["counted"],
        "writing_first_ms": percentile(first["kept"], 50),
        "writing_first_counted_ms": percentile(first["counted"], 50),
        "writing_nothing_ms": percentile(first["nothing"], 50),
        "writing_age_max_s": max(ages),
    }


def _timed(function) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


@benchmark("impact")
def run(size: str = "full", out=None) -> dict:
    from kring.impact import dashboard, reports
    from kring.impact.aggregates import municipality_figures, sharing_collectives
    from kring.impact.indicators import base_cells
    from kring.impact.models import FigureStore

    collectives, residents, wijken, per_wijk = SIZES[size]
    repeat = 10 if size == "full" else 2
    started = time.perf_counter()
    official = populate(collectives, residents, wijken, per_wijk)
    out.write(
        f"   {collectives} collectives × {residents:,} residents, {wijken * per_wijk} buurten "
        f"made in {time.perf_counter() - started:.1f} s; load average {os.getloadavg()[0]:.2f}\n"
    )

    def baseline():
        groups: dict = {}
        for cid, gs in sharing_collectives(official.municipality).items():
            for g in gs:
                groups.setdefault(g, []).append(cid)
        return base_cells(collective_ids=groups, year=YEAR)

    def figures():
        return municipality_figures(user=official, year=YEAR)

    def first():
        cache.clear()
        FigureStore.objects.all().delete()
        return figures()

    def cold():
        cache.clear()
        return figures()

    base = timings_ms(baseline, repeat)
    first_times = timings_ms(first, max(2, repeat // 5))
    cold_times = timings_ms(cold, repeat)
    warm = timings_ms(figures, repeat)
    from kring.people.models import Resident

    someone = Resident.objects.filter(collective__municipality=official.municipality).first()

    def after_new_resident():
        # One new record: the figures are counted again, only its table is suppressed again.
        new = Resident.objects.create(
            collective_id=someone.collective_id,
            name="Nieuw",
            neighbourhood_id=someone.neighbourhood_id,
        )
        Resident.objects.filter(pk=new.pk).update(
            created_at=timezone.make_aware(datetime.datetime(YEAR, 3, 10, 12))
        )
        return figures()

    changed = timings_ms(after_new_resident, max(2, repeat // 2))
    context = dashboard.build(user=official, year=YEAR, compare=YEAR - 1)

    def pdf():
        return reports.as_pdf(context, [])

    pdf_times = timings_ms(pdf, max(2, repeat // 5))
    started = time.perf_counter()
    reports.as_xlsx(context)
    reports.as_csv(context)
    exports_ms = (time.perf_counter() - started) * 1000
    shown = figures()
    cells = shown.all()
    hidden = sum(1 for f in cells if not f.shown)
    out.write(f"   {'raw counts (baseline)':26} {summary(base)}\n")
    out.write(f"   {'aggregates, first time':26} {summary(first_times)}\n")
    out.write(f"   {'aggregates, cold cache':26} {summary(cold_times)}\n")
    out.write(f"   {'aggregates, warm':26} {summary(warm)}\n")
    out.write(f"   {'aggregates, one new record':26} {summary(changed)}\n")
    out.write(f"   {'PDF report':26} {summary(pdf_times)}\n")
    out.write(f"   XLSX + CSV {exports_ms:.0f} ms; {len(cells):,} cells, {hidden:,} hidden\n")
    median = lambda v: sorted(v)[len(v) // 2]  # noqa: E731
    out.write(
        f"   residents in the gemeente: {shown.get('residents').display}; ratio warm/baseline "
        f"{median(warm) / median(base):.2f}×; load average {os.getloadavg()[0]:.2f}\n"
    )
    cache.clear()
    writing = while_recording(official, size, out)
    return {
        **writing,
        "baseline_ms": median(base),
        "first_ms": median(first_times),
        "cold_ms": median(cold_times),
        "warm_ms": median(warm),
        "changed_ms": median(changed),
        "pdf_ms": median(pdf_times),
        "cells": len(cells),
        "hidden": hidden,
    }
