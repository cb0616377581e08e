"""The demo's year: how long ``load_demo`` takes to live it through the services (target: at
most 90 s for the full demo on the 2-core machine), and what the gemeente's pages cost on it.

Measured:
- build: ``load_demo`` (full: three collectives of 100 residents, about fifteen months of
  use; small: the test size), wall and CPU time, once;
- baseline for the build: the same three collectives brought in as bulk rows, from moving
  archives of the built demo (``import_collective``), what an installation would otherwise use
  to get a collective's data in;
- the municipality's dashboard page ("Opbrengsten") through Django's test client, with the
  figures prepared as ``load_demo`` leaves them but the cache emptied (what the first visitor
  after a restart meets), and warm; baseline: the raw counts alone (``base_cells``);
- the council report: the background task that makes its PDF, XLSX and CSV."""

import os
import tempfile
import time
from pathlib import Path

from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import timezone

from bench.registry import benchmark, summary, timings_ms


@benchmark("demo")
def run(size: str = "full", out=None) -> dict:
    from kring.communities.models import Collective
    from kring.core.models import User
    from kring.demo.builder import DEMO_SLUGS, load_demo
    from kring.exports.archive import export_collective, import_collective
    from kring.impact.aggregates import sharing_collectives
    from kring.impact.indicators import base_cells
    from kring.impact.models import ImpactReport
    from kring.impact.tasks import make_report

    repeat = 10 if size == "full" else 2
    wall, cpu = time.perf_counter(), time.process_time()
    result = load_demo(size=size)
    build_s, build_cpu = time.perf_counter() - wall, time.process_time() - cpu
    s = result.summary
    out.write(
        f"   build ({size}): {build_s:.1f} s wall, {build_cpu:.1f} s CPU; load average "
        f"{os.getloadavg()[0]:.2f}\n"
        f"   {s.residents} residents, {sum(s.initiatives.values())} initiatives, "
        f"{sum(s.connections.values()):,} connections, {s.activities} activities, "
        f"{sum(s.pledges.values())} pledges\n"
    )

    # Baseline: the same collectives as bulk rows from their moving archives.
    with tempfile.TemporaryDirectory() as folder:
        archives = []
        for collective in Collective.objects.filter(slug__in=DEMO_SLUGS):
            path = Path(folder) / f"{collective.slug}.zip"
            export_collective(collective, path)
            archives.append((collective.slug, path))
        started = time.perf_counter()
        for slug, path in archives:
            import_collective(path, slug=f"kopie-{slug}")
        bulk_s = time.perf_counter() - started
    Collective.objects.filter(slug__startswith="kopie-").delete()
    out.write(
        f"   baseline, the same collectives as bulk rows (moving archives): {bulk_s:.1f} s; "
        f"ratio build/baseline {build_s / bulk_s:.1f}×\n"
    )

    official = User.objects.get(email="gemeente@kringstad.example")
    year = timezone.localdate().year
    client = Client()
    client.force_login(official)
    page = f"/municipality/impact/?year={year}&compare={year - 1}"

    def baseline():
        groups: dict = {}
        for cid, gs in sharing_collectives(official.municipality).items():
            for g in gs:
                groups.setdefault(g, []).append(cid)
        return base_cells(collective_ids=groups, year=year)

    def dashboard_cold():
        cache.clear()
        response = client.get(page)
        assert response.status_code == 200, response.status_code

    def dashboard_warm():
        assert client.get(page).status_code == 200

    base = timings_ms(baseline, repeat)
    cold = timings_ms(dashboard_cold, repeat)
    warm = timings_ms(dashboard_warm, repeat)

    def report():
        made = ImpactReport.objects.create(
            municipality=official.municipality, year=year, created_by=official
        )
        make_report.call(made.pk)
        made.refresh_from_db()
        assert made.status == "klaar", made.status
        for file in (made.pdf, made.xlsx, made.csv):
            file.delete(save=False)
        made.delete()

    with override_settings(MEDIA_ROOT=tempfile.mkdtemp()):
        report_ms = timings_ms(report, max(1, repeat // 5))
    median = lambda v: sorted(v)[len(v) // 2]  # noqa: E731
    out.write(f"   {'raw counts (baseline)':28} {summary(base)}\n")
    out.write(f"   {'dashboard page, cold cache':28} {summary(cold)}\n")
    out.write(f"   {'dashboard page, warm':28} {summary(warm)}\n")
    out.write(f"   {'council report (PDF+XLSX+CSV)':28} {summary(report_ms)}\n")
    out.write(
        f"   ratio dashboard cold/baseline {median(cold) / median(base):.1f}×; load average "
        f"{os.getloadavg()[0]:.2f}\n"
    )
    return {
        "build_s": build_s,
        "build_cpu_s": build_cpu,
        "bulk_s": bulk_s,
        "baseline_ms": median(base),
        "dashboard_cold_ms": median(cold),
        "dashboard_warm_ms": median(warm),
        "report_ms": median(report_ms),
    }
