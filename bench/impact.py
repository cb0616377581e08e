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
- PDF: the council report's PDF from those figures (WeasyPrint), plus XLSX and CSV."""

import datetime
import os
import random
import time

from django.core.cache import cache
from django.utils import timezone

from bench.registry import benchmark, summary, timings_ms

SIZES = {
    "small": (2, 200, 2, 2),
    "full": (20, 2_000, 8, 5),
}  # collectives, residents, wijken, buurten/wijk
YEAR = 2025


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
    return {
        "baseline_ms": median(base),
        "first_ms": median(first_times),
        "cold_ms": median(cold_times),
        "warm_ms": median(warm),
        "changed_ms": median(changed),
        "pdf_ms": median(pdf_times),
        "cells": len(cells),
        "hidden": hidden,
    }
