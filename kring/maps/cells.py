"""The map's grid clusters kept ready in a table (kring.maps.models.ClusterCell), so a cold map
answer reads a few hundred rows instead of counting 100,000 points.

One row per collective, zoom level (0 up to SINGLES_ZOOM - 1), grid cell, category and whether
members may see the assets (visibility "leden" or "openbaar"; buurtmakers see both kinds). It
holds how many mapped assets lie in the cell and the sums of their latitudes, longitudes and
ids: the cluster's centre is the mean, and a cell with one asset names that asset by its id.
Every figure is a sum, so a change is applied as "take the old asset out, put the new one in".

Kept in step by the signals in apps.py (every asset save and delete: created, moved, other
category or visibility, deleted); bulk writes that skip signals call ``add_assets`` (new assets:
importers) or ``rebuild_cells`` (a whole collective: archive restore, the demo); the command
``rebuild_map_cells`` rebuilds them all.
Consents do not matter here: gifts, the only assets whose visibility hangs on a consent, are
never placed on the map.

The cells are those of kring.maps.clustering: x = (lon + 180) / 360 and y the Web Mercator
latitude as fractions of the world, times 2 ** (zoom + 2) (a tile is 256 px, a cell 64 px),
rounded down. Scaling by a power of two is exact, so every zoom level's cell comes from the one
pair (x, y), computed with Python's math the same way for one asset and for a rebuild."""

import math

import numpy as np
from django.db import connection, transaction

from kring.assets.models import Asset
from kring.core.choices import Visibility

from .clustering import LAT_LIMIT, SINGLES_ZOOM
from .models import ClusterCell
from .styles import MAPPED

ZOOMS = range(SINGLES_ZOOM)
CATEGORIES = [str(c) for c in MAPPED]
SEEN_BY_MEMBERS = {str(Visibility.MEMBERS), str(Visibility.PUBLIC)}
# What decides an asset's place in the table.
FIELDS = ("collective_id", "category", "visibility", "latitude", "longitude")


def world_xy(lat: float, lon: float) -> tuple[float, float]:
    """Web Mercator x and y as fractions of the world (0 at west and north, 1 at east and south)."""
    lat = max(min(lat, LAT_LIMIT), -LAT_LIMIT)
    rad = math.radians(lat)
    x = (lon + 180.0) / 360.0
    y = (1.0 - math.log(math.tan(rad) + 1.0 / math.cos(rad)) / math.pi) / 2.0
    return x, y


def entry(pk, collective_id, category, visibility, latitude, longitude):
    """What an asset adds to the table, or None when it is not on the map."""
    if category not in CATEGORIES or latitude is None or longitude is None:
        return None
    return (
        collective_id,
        category,
        visibility in SEEN_BY_MEMBERS,
        float(latitude),
        float(longitude),
        pk,
    )


def entry_of_instance(instance):
    deferred = instance.get_deferred_fields()
    if any(name in deferred for name in ("collective", "collective_id", *FIELDS[1:])):
        return entry_in_database(type(instance), instance.pk)
    return entry(instance.pk, *(getattr(instance, name) for name in FIELDS))


def entry_in_database(model, pk):
    if pk is None:
        return None
    row = model._base_manager.filter(pk=pk).values_list(*FIELDS).order_by().first()
    return None if row is None else entry(pk, *row)


def _keys(lat: float, lon: float):
    x, y = world_xy(lat, lon)
    return [
        (zoom, math.floor(x * 2 ** (zoom + 2)), math.floor(y * 2 ** (zoom + 2))) for zoom in ZOOMS
    ]


def _table():
    return connection.ops.quote_name(ClusterCell._meta.db_table)


def _upsert(rows: list[tuple]) -> None:
    """Add (collective, zoom, x, y, category, members, n, sum_lat, sum_lon, sum_id) rows to
    the table, each key at most once per call."""
    table = _table()
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(chunk))
        sql = (
            f"INSERT INTO {table} (collective_id, zoom, cell_x, cell_y, category, members, n, "
            f"sum_lat, sum_lon, sum_id) VALUES {values} "
            "ON CONFLICT (collective_id, zoom, cell_x, cell_y, category, members) DO UPDATE SET "
            f"n = {table}.n + excluded.n, sum_lat = {table}.sum_lat + excluded.sum_lat, "
            f"sum_lon = {table}.sum_lon + excluded.sum_lon, "
            f"sum_id = {table}.sum_id + excluded.sum_id"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [v for row in chunk for v in row])


def _add(item) -> None:
    collective_id, category, members, lat, lon, pk = item
    _upsert(
        [
            (collective_id, zoom, cx, cy, category, members, 1, lat, lon, pk)
            for zoom, cx, cy in _keys(lat, lon)
        ]
    )


def add_assets(*, asset_ids) -> int:
    """Count assets that were just written in bulk (past the signals, so not counted yet) into
    the table: the hook for importers, beside kring.matching's ``index_assets``. Returns how
    many of them are on the map."""
    ids = list(asset_ids)
    placed = 0
    for start in range(0, len(ids), 5000):
        sums: dict[tuple, list] = {}
        rows = (
            Asset._base_manager.filter(
                pk__in=ids[start : start + 5000],
                category__in=CATEGORIES,
                latitude__isnull=False,
                longitude__isnull=False,
            )
            .values_list("id", *FIELDS)
            .order_by()
        )
        for row in rows:
            collective_id, category, members, lat, lon, pk = entry(*row)
            placed += 1
            for zoom, cx, cy in _keys(lat, lon):
                cell = sums.setdefault(
                    (collective_id, zoom, cx, cy, category, members), [0, 0.0, 0.0, 0]
                )
                cell[0] += 1
                cell[1] += lat
                cell[2] += lon
                cell[3] += pk
        with transaction.atomic():
            _upsert([(*key, *figures) for key, figures in sums.items()])
    return placed


def _remove(item) -> None:
    # Only UPDATE and DELETE: a row that is gone (its collective being deleted) stays gone.
    collective_id, category, members, lat, lon, pk = item
    table = _table()
    keys = _keys(lat, lon)
    cells = " OR ".join("(zoom = %s AND cell_x = %s AND cell_y = %s)" for _key in keys)
    where = f"collective_id = %s AND category = %s AND members = %s AND ({cells})"
    where_params = [collective_id, category, members, *(v for key in keys for v in key)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET n = n - 1, sum_lat = sum_lat - %s, sum_lon = sum_lon - %s, "
            f"sum_id = sum_id - %s WHERE {where}",
            [lat, lon, pk, *where_params],
        )
        cursor.execute(f"DELETE FROM {table} WHERE n <= 0 AND {where}", where_params)


def apply_change(before, after) -> None:
    """Move one asset's share of the table from ``before`` to ``after`` (entries or None)."""
    if before == after:
        return
    with transaction.atomic():
        if before is not None:
            _remove(before)
        if after is not None:
            _add(after)


def rebuild_cells(collective_id: int, *, asset_model=None, cell_model=None) -> int:
    """Count the collective's cells again from its assets; for bulk writes that skip signals.
    Returns the number of rows written. The models can be given (for a migration)."""
    asset_model = asset_model or Asset
    cell_model = cell_model or ClusterCell
    with transaction.atomic():
        cell_model.objects.filter(collective_id=collective_id).delete()
        cells = expected_cells(collective_id, asset_model=asset_model, cell_model=cell_model)
        cell_model.objects.bulk_create(cells, batch_size=2000)
        return len(cells)


def expected_cells(collective_id: int, *, asset_model=None, cell_model=None) -> list:
    """The collective's cells as its assets make them (unsaved ``ClusterCell`` objects)."""
    asset_model = asset_model or Asset
    cell_model = cell_model or ClusterCell
    rows = list(
        asset_model._base_manager.filter(
            collective_id=collective_id,
            category__in=CATEGORIES,
            latitude__isnull=False,
            longitude__isnull=False,
        )
        .values_list("id", "latitude", "longitude", "category", "visibility")
        .order_by()
    )
    if not rows:
        return []
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    lat = np.array([r[1] for r in rows], dtype=np.float64)
    lon = np.array([r[2] for r in rows], dtype=np.float64)
    category = np.array([CATEGORIES.index(r[3]) for r in rows], dtype=np.int64)
    members = np.array([r[4] in SEEN_BY_MEMBERS for r in rows], dtype=np.int64)
    xy = np.array([world_xy(r[1], r[2]) for r in rows], dtype=np.float64)
    cells = []
    for zoom in ZOOMS:
        factor = float(2 ** (zoom + 2))
        cx = np.floor(xy[:, 0] * factor).astype(np.int64)
        cy = np.floor(xy[:, 1] * factor).astype(np.int64)
        keys = (cx << 24) | (cy << 3) | (category << 1) | members
        unique, first, inverse, counts = np.unique(
            keys, return_index=True, return_inverse=True, return_counts=True
        )
        sum_lat = np.bincount(inverse, weights=lat, minlength=unique.size)
        sum_lon = np.bincount(inverse, weights=lon, minlength=unique.size)
        sum_id = np.bincount(inverse, weights=ids, minlength=unique.size).round().astype(np.int64)
        for i, at in enumerate(first.tolist()):
            cells.append(
                cell_model(
                    collective_id=collective_id,
                    zoom=zoom,
                    cell_x=int(cx[at]),
                    cell_y=int(cy[at]),
                    category=CATEGORIES[int(category[at])],
                    members=bool(members[at]),
                    n=int(counts[i]),
                    sum_lat=float(sum_lat[i]),
                    sum_lon=float(sum_lon[i]),
                    sum_id=int(sum_id[i]),
                )
            )
    return cells


def cell_range(bbox, zoom: int):
    """The cells inside a viewport snapped to whole tiles (kring.maps.selectors.snap_bbox):
    (first x, last x, first y, last y)."""
    west, south, east, north = bbox
    factor = 2 ** (zoom + 2)
    x_west, y_north = world_xy(north, west)
    x_east, y_south = world_xy(south, east)
    return (
        round(x_west * factor),
        round(x_east * factor) - 1,
        round(y_north * factor),
        round(y_south * factor) - 1,
    )
