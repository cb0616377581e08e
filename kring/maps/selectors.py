"""Every read for the map, scoped to who asks through kring.assets.selectors.visible_assets.

Gifts never get a point: they belong to a resident, whose address must never reach a map. The
map shows how many gifts each buurt has (counted by the gift's buurt, or else its resident's)."""

import math

import numpy as np
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Q,
    Value,
    When,
)
from django.db.models.functions import (
    Coalesce,
)
from shapely.geometry import mapping, shape

from kring.assets.models import Asset, Category
from kring.assets.selectors import visible_assets
from kring.communities.access import CollectiveAccess
from kring.communities.selectors import neighbourhoods_of

from .cells import cell_range
from .clustering import MAX_ZOOM, SINGLES_ZOOM, TILE_PX, Points
from .models import ClusterCell
from .styles import MAPPED

CACHE_SECONDS = 300
FINGERPRINT_SECONDS = 30
MAX_SINGLES = 2000
CATEGORY_KEYS = [str(c) for c in MAPPED]


def _level(access: CollectiveAccess) -> str:
    # Buurtmakers and members see different sets; everyone of one level sees the same.
    return "b" if access.is_builder else "m"


def fingerprint_key(collective_id: int) -> str:
    return f"maps:fingerprint:{collective_id}"


def _fingerprint(access: CollectiveAccess) -> str:
    """Changes whenever an asset of the collective is added, changed or removed, so cached
    answers are never stale. Kept itself for FINGERPRINT_SECONDS and dropped at once when an
    asset is saved or deleted (signals in apps.py): in every node that shares the cache
    (KRING_CACHE_URL), while a process with a cache of its own sees a change made elsewhere
    within FINGERPRINT_SECONDS."""
    key = fingerprint_key(access.collective.pk)
    value = cache.get(key)
    if value is None:
        figures = Asset.objects.filter(collective=access.collective).aggregate(
            n=Count("id"), changed=Max("updated_at")
        )
        changed = figures["changed"].timestamp() if figures["changed"] else 0
        value = f"{figures['n']}:{changed}"
        cache.set(key, value, FINGERPRINT_SECONDS)
    return f"{access.collective.pk}:{_level(access)}:{value}"


def mapped_assets(access: CollectiveAccess, categories=None):
    categories = categories or CATEGORY_KEYS
    return visible_assets(access).filter(
        category__in=categories, latitude__isnull=False, longitude__isnull=False
    )


def map_points(access: CollectiveAccess, *, fingerprint: str | None = None) -> Points:
    fingerprint = fingerprint or _fingerprint(access)
    key = f"maps:points:{fingerprint}"
    points = cache.get(key)
    if points is None:
        # The category as its number, and rows straight from the cursor into numpy: the ORM's
        # per-row work is most of the cost at 100,000 rows.
        rows = (
            mapped_assets(access)
            .annotate(
                category_index=Case(
                    *(When(category=c, then=Value(i)) for i, c in enumerate(CATEGORY_KEYS)),
                    output_field=IntegerField(),
                )
            )
            .values_list("id", "latitude", "longitude", "category_index")
            .order_by()
        )
        sql, params = rows.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            points = Points.from_array(np.array(cursor.fetchall(), dtype=np.float64))
        cache.set(key, points, CACHE_SECONDS)
    return points


def snap_bbox(bbox, zoom: int):
    """Widen a viewport to whole tiles, so panning a little reuses the cached answer."""
    if bbox is None:
        return None
    west, south, east, north = bbox
    n = 2**zoom

    def tile_x(lon):
        return (lon + 180.0) / 360.0 * n

    def tile_y(lat):
        lat = max(min(lat, 85.0511), -85.0511)
        rad = math.radians(lat)
        return (1 - math.log(math.tan(rad) + 1 / math.cos(rad)) / math.pi) / 2 * n

    def lon_of(x):
        return x / n * 360.0 - 180.0

    def lat_of(y):
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / n))))

    x0, x1 = math.floor(tile_x(west)), math.ceil(tile_x(east))
    y0, y1 = math.floor(tile_y(north)), math.ceil(tile_y(south))
    return (lon_of(x0), lat_of(y1), lon_of(x1), lat_of(y0))


def _in_view(access: CollectiveAccess, bbox, categories):
    assets = mapped_assets(access, categories)
    if bbox is not None:
        west, south, east, north = bbox
        assets = assets.filter(
            latitude__gte=south, latitude__lte=north, longitude__gte=west, longitude__lte=east
        )
    return assets.order_by()


def _cells(access: CollectiveAccess, *, zoom: int, bbox, categories) -> tuple[list, list]:
    """The grid cells of kring.maps.clustering, read from the table kept ready for them
    (kring.maps.cells): a few hundred rows instead of every point. ``bbox`` must be snapped to
    whole tiles (``snap_bbox``), so it holds whole cells. Returns (clusters, the ids of the
    single points)."""
    rows = ClusterCell.objects.filter(
        collective=access.collective, zoom=zoom, category__in=categories
    )
    if not access.is_builder:
        rows = rows.filter(members=True)
    if bbox is not None:
        x0, x1, y0, y1 = cell_range(bbox, zoom)
        rows = rows.filter(cell_x__gte=x0, cell_x__lte=x1, cell_y__gte=y0, cell_y__lte=y1)
    cells: dict[tuple[int, int], list] = {}
    position = {c: i for i, c in enumerate(CATEGORY_KEYS)}
    for cx, cy, category, n, lat, lon, ids in rows.values_list(
        "cell_x", "cell_y", "category", "n", "sum_lat", "sum_lon", "sum_id"
    ).order_by():
        cell = cells.get((cx, cy))
        if cell is None:
            cell = cells[(cx, cy)] = [0, 0.0, 0.0, 0, [0] * len(CATEGORY_KEYS)]
        cell[0] += n
        cell[1] += lat
        cell[2] += lon
        cell[3] += ids
        cell[4][position[category]] += n
    found, singles = [], []
    for n, lat, lon, ids, counts in cells.values():
        if n == 1:
            singles.append(ids)
        else:
            found.append(
                {
                    "lat": round(lat / n, 6),
                    "lon": round(lon / n, 6),
                    "count": n,
                    "categories": dict(zip(CATEGORY_KEYS, counts, strict=True)),
                }
            )
    found.sort(key=lambda c: (c["lat"], c["lon"]))
    singles.sort()
    return found, singles


def clusters(
    access: CollectiveAccess,
    *,
    zoom: int,
    bbox: tuple[float, float, float, float] | None,
    categories: list[str],
) -> dict:
    """The clustered map answer, cached per collective, visibility level, zoom, viewport and
    category filter. On a cache miss the database does the clustering (``_cells``); close in
    (SINGLES_ZOOM and beyond) it lists the points themselves."""
    zoom = max(0, min(MAX_ZOOM, zoom))
    categories = [c for c in CATEGORY_KEYS if c in categories]
    bbox = snap_bbox(bbox, zoom)
    fingerprint = _fingerprint(access)
    bbox_key = "all" if bbox is None else ",".join(f"{v:.5f}" for v in bbox)
    key = f"maps:clusters:{fingerprint}:{zoom}:{bbox_key}:{'.'.join(categories)}"
    answer = cache.get(key)
    if answer is not None:
        return answer
    if not categories:
        found, singles = [], []
    elif zoom >= SINGLES_ZOOM:
        found = []
        singles = list(
            _in_view(access, bbox, categories)
            .values_list("id", flat=True)
            .order_by("id")[: MAX_SINGLES + 1]
        )
    else:
        found, singles = _cells(access, zoom=zoom, bbox=bbox, categories=categories)
    clipped = len(singles) > MAX_SINGLES
    singles = singles[:MAX_SINGLES]
    points = {
        pk: (lat, lon, category, title)
        for pk, lat, lon, category, title in mapped_assets(access)
        .filter(pk__in=singles)
        .values_list("id", "latitude", "longitude", "category", "title")
        .order_by()
    }
    answer = {
        "categories": CATEGORY_KEYS,
        "clusters": found,
        "points": [
            {
                "id": pk,
                "lat": points[pk][0],
                "lon": points[pk][1],
                "category": points[pk][2],
                "title": points[pk][3],
            }
            for pk in singles
            if pk in points
        ],
        "total": int(sum(c["count"] for c in found) + len(singles)),
        "clipped": clipped,
    }
    cache.set(key, answer, CACHE_SECONDS)
    return answer


def all_points(access: CollectiveAccess, *, categories=None) -> list[dict]:
    """Every mapped point with its title, unclustered: the benchmark's baseline."""
    return [
        {"id": pk, "lat": lat, "lon": lon, "category": category, "title": title}
        for pk, lat, lon, category, title in mapped_assets(access, categories)
        .values_list("id", "latitude", "longitude", "category", "title")
        .order_by()
    ]


def boundaries(access: CollectiveAccess, *, tolerance: float = 0.00005) -> dict:
    """The collective's buurten as a GeoJSON FeatureCollection, simplified for drawing, with the
    number of gifts and mapped assets in each buurt."""
    per_buurt = buurt_counts(access)
    neighbourhoods = neighbourhoods_of(access.collective).defer(None).filter(boundary__isnull=False)
    key = "maps:boundaries:" + ",".join(
        f"{n.pk}-{n.year}-{n.latitude}" for n in neighbourhoods.only("pk", "year", "latitude")
    )
    geometries = cache.get(key)
    if geometries is None:
        geometries = {}
        for neighbourhood in neighbourhoods.only("pk", "boundary"):
            try:
                geometry = shape(neighbourhood.boundary).simplify(tolerance)
            except (ValueError, TypeError, KeyError, AttributeError, IndexError):
                continue
            if not geometry.is_empty:
                geometries[neighbourhood.pk] = mapping(geometry)
        cache.set(key, geometries, CACHE_SECONDS)
    features = []
    for neighbourhood in neighbourhoods.only("pk", "code", "name"):
        if neighbourhood.pk not in geometries:
            continue
        counts = per_buurt.get(neighbourhood.pk, {})
        features.append(
            {
                "type": "Feature",
                "geometry": geometries[neighbourhood.pk],
                "properties": {
                    "code": neighbourhood.code,
                    "name": neighbourhood.name,
                    "gifts": counts.get(str(Category.GIFT), 0),
                    "assets": sum(counts.get(c, 0) for c in CATEGORY_KEYS),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def buurt_counts(access: CollectiveAccess) -> dict[int | None, dict[str, int]]:
    """Per buurt: visible assets per category. A gift without a buurt counts in its resident's."""
    rows = (
        visible_assets(access)
        .annotate(buurt=Coalesce(F("neighbourhood_id"), F("resident__neighbourhood_id")))
        .values_list("buurt", "category")
        .annotate(n=Count("id"))
        .order_by()
    )
    result: dict[int | None, dict[str, int]] = {}
    for buurt, category, n in rows:
        result.setdefault(buurt, {})[category] = n
    return result


def buurt_table(access: CollectiveAccess) -> dict:
    """The text alternative of the map: per buurt the gifts and the mapped assets per category."""
    counts = buurt_counts(access)
    columns = [str(Category.GIFT), *CATEGORY_KEYS]
    names = dict(neighbourhoods_of(access.collective).values_list("pk", "name"))
    rows = []
    for pk, name in sorted(names.items(), key=lambda item: item[1]):
        row = counts.get(pk, {})
        rows.append({"name": name, "counts": [row.get(c, 0) for c in columns]})
    outside = {}
    for pk, row in counts.items():
        if pk not in names:
            for c, n in row.items():
                outside[c] = outside.get(c, 0) + n
    if outside:
        rows.append({"name": None, "counts": [outside.get(c, 0) for c in columns]})
    labels = [Category(c).label for c in columns]
    totals = [sum(r["counts"][i] for r in rows) for i in range(len(columns))]
    return {"columns": columns, "labels": labels, "rows": rows, "totals": totals}


def asset_list(access: CollectiveAccess, *, categories: list[str]):
    """The list beside the map: the same assets, for keyboard and screen-reader users."""
    return (
        mapped_assets(access, categories)
        .select_related("neighbourhood")
        .defer("neighbourhood__boundary")
        .order_by("neighbourhood__name", "category", "title", "id")
    )


def unplaced_count(access: CollectiveAccess) -> int:
    return (
        visible_assets(access)
        .filter(category__in=CATEGORY_KEYS)
        .filter(Q(latitude__isnull=True) | Q(longitude__isnull=True))
        .count()
    )


def working_area_bounds(access: CollectiveAccess) -> list[list[float]] | None:
    """[[south, west], [north, east]] of the working area, or of the mapped points."""
    collection = boundaries(access)
    xs, ys = [], []
    for feature in collection["features"]:
        minx, miny, maxx, maxy = shape(feature["geometry"]).bounds
        xs += [minx, maxx]
        ys += [miny, maxy]
    if not xs:
        points = map_points(access)
        if not len(points):
            return None
        xs = [float(points.lon.min()), float(points.lon.max())]
        ys = [float(points.lat.min()), float(points.lat.max())]
    return [[min(ys), min(xs)], [max(ys), max(xs)]]


def zoom_for_bounds(bounds, width_px: int = 800, height_px: int = 600) -> int:
    """The largest zoom at which ``bounds`` fit in a window of this size."""
    if not bounds:
        return 12
    (south, west), (north, east) = bounds
    for zoom in range(MAX_ZOOM, -1, -1):
        scale = TILE_PX * 2**zoom
        width = (east - west) / 360 * scale
        lat_px = [
            (1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi)
            / 2
            * scale
            for lat in (south, north)
        ]
        if width <= width_px and abs(lat_px[0] - lat_px[1]) <= height_px:
            return zoom
    return 0
