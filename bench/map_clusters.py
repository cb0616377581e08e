"""Map data for a whole city: 100,000 assets of one collective, asked for at the zoom level that
shows the whole city. The clustered answer (kring.maps) must come in at most 100 ms.

Baseline, in the same run: the unclustered answer, every visible point with its title read from
the database and serialised as JSON (what a browser-side clustering library would need).
Measured: the clustered JSON view through Django's test client, (a) cold: the cache emptied
before every request, so the answer is made again from the cluster table (kring.maps.cells);
(b) after a change: before every request one asset moves through save(), so the request is the
first answer after a change; (c) warm: a repeat of the same view, served from the cache; (d) new
view: each request another zoom level and viewport."""

import json
import random
import time

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse

from bench.registry import benchmark, summary, timings_ms

SIZES = {"small": 2_000, "full": 100_000}
# Rotterdam, roughly: the whole-city view.
CITY = (4.35, 51.86, 4.60, 51.98)
WHOLE_CITY_ZOOM = 12


def populate(n: int):
    from kring.assets.models import Asset
    from kring.communities.models import Collective, Membership
    from kring.core.models import User
    from kring.geo.models import Municipality
    from kring.maps.cells import rebuild_cells

    municipality = Municipality.objects.create(code="GM9997", name="Kaartstad", year=2025)
    collective = Collective.objects.create(
        name="Kaartcollectief",
        slug="kaart",
        kind="wijkcentrum",
        legal_form="stichting",
        municipality=municipality,
    )
    rng = random.Random(7)
    categories = ["association", "institution", "place", "economy"]
    batch = []
    for i in range(n):
        category = categories[i % 4]
        batch.append(
            Asset(
                collective=collective,
                category=category,
                title=f"Bron {i}",
                institution_type="school" if category == "institution" else "",
                latitude=rng.uniform(CITY[1], CITY[3]),
                longitude=rng.uniform(CITY[0], CITY[2]),
                visibility="leden",
            )
        )
        if len(batch) == 5000:
            Asset.objects.bulk_create(batch)
            batch = []
    Asset.objects.bulk_create(batch)
    # bulk_create skips signals: the map's cluster cells are counted in one go, as importers do.
    rebuild_cells(collective.pk)
    if connection.vendor == "postgresql":
        # What autovacuum does soon after a bulk load; without it the planner guesses 78 rows.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE assets_asset")
            cursor.execute("ANALYZE maps_clustercell")
    user = User.objects.create_user("kaart@example.org", "x", name="Kaart")
    Membership.objects.create(user=user, collective=collective, role="buurtmaker")
    return collective, user


@benchmark("map_clusters")
def run(size: str = "full", out=None) -> dict:
    from kring.assets.models import Asset
    from kring.communities.access import collective_access
    from kring.maps.selectors import all_points

    n = SIZES[size]
    repeat = 20 if size == "full" else 3
    started = time.perf_counter()
    collective, user = populate(n)
    out.write(f"   {n:,} assets placed in {time.perf_counter() - started:.1f} s\n")
    access = collective_access(user, collective.slug)
    client = Client()
    client.force_login(user)
    url = reverse("maps:clusters", args=[collective.slug])
    params = {"zoom": WHOLE_CITY_ZOOM, "bbox": ",".join(str(v) for v in CITY)}

    def baseline():
        return json.dumps({"points": all_points(access)})

    def clustered():
        response = client.get(url, params)
        assert response.status_code == 200
        return response

    def cold():
        cache.clear()
        return clustered()

    # The first answer after a change: one asset moves (through save(), its signals keep the
    # cluster table in step and drop the cached answers), then the map is asked; only the
    # request is timed.
    movers = iter(Asset.objects.filter(collective=collective).order_by("?")[: repeat * 2])
    rng = random.Random(11)

    def after_change():
        asset = next(movers)
        asset.latitude = rng.uniform(CITY[1], CITY[3])
        asset.longitude = rng.uniform(CITY[0], CITY[2])
        asset.save()
        started = time.perf_counter()
        clustered()
        return (time.perf_counter() - started) * 1000

    # New views of a city already loaded: every request another zoom level and viewport.
    views = iter(
        [
            {
                "zoom": zoom,
                "bbox": f"{4.35 + d:.4f},{51.86 + d / 2:.4f},{4.50 + d:.4f},{51.94 + d / 2:.4f}",
            }
            for d in (0.001 * i for i in range(200))
            for zoom in (12, 13, 14)
        ]
    )

    def new_view():
        response = client.get(url, next(views))
        assert response.status_code == 200

    base = timings_ms(baseline, repeat)
    cold_times = timings_ms(cold, repeat)
    changed_times = [after_change() for _ in range(repeat)]
    warm_times = timings_ms(clustered, repeat)
    pan_times = timings_ms(new_view, repeat)
    answer = json.loads(clustered().content)
    size_base = len(baseline())
    size_clustered = len(clustered().content)
    out.write(f"   {'unclustered (baseline)':28} {summary(base)}   {size_base / 1e6:6.2f} MB\n")
    out.write(
        f"   {'clustered, cold cache':28} {summary(cold_times)}   {size_clustered / 1e3:6.1f} kB\n"
    )
    out.write(f"   {'clustered, after a change':28} {summary(changed_times)}\n")
    out.write(f"   {'clustered, warm cache':28} {summary(warm_times)}\n")
    out.write(f"   {'clustered, new view':28} {summary(pan_times)}\n")
    median_base = sorted(base)[len(base) // 2]
    median_cold = sorted(cold_times)[len(cold_times) // 2]
    median_warm = sorted(warm_times)[len(warm_times) // 2]
    out.write(
        f"   clusters {len(answer['clusters'])}, single points {len(answer['points'])}, "
        f"total {answer['total']:,}; ratio baseline/cold {median_base / median_cold:.1f}×, "
        f"baseline/warm {median_base / median_warm:.1f}×\n"
    )
    cache.clear()
    return {
        "total": answer["total"],
        "baseline_ms": median_base,
        "cold_ms": median_cold,
        "after_change_ms": sorted(changed_times)[len(changed_times) // 2],
        "warm_ms": median_warm,
        "new_view_ms": sorted(pan_times)[len(pan_times) // 2],
    }
