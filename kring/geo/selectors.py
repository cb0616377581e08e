"""Read-only questions about regions."""

import threading
from dataclasses import dataclass

import shapely
from django.db.models import QuerySet
from shapely.geometry import shape

from .models import Neighbourhood


@dataclass(frozen=True)
class _Shape:
    # What the cached shape was built from: if any of it changes, the boundary changed too (the
    # centre is computed from the boundary on every import).
    fingerprint: tuple
    bounds: tuple[float, float, float, float]
    geometry: object  # prepared shapely geometry


# Prepared buurt boundaries by primary key, kept for the life of the process: building them is
# the slow part of a lookup, and boundaries change only with a new import.
_shapes: dict[int, _Shape] = {}
_lock = threading.Lock()


def clear_shape_cache() -> None:
    with _lock:
        _shapes.clear()


def neighbourhood_for_point(
    latitude: float, longitude: float, *, candidates=None
) -> Neighbourhood | None:
    """The buurt that holds this point (WGS84), or None.

    ``candidates`` limits the search, for example to a collective's working area; it may be a
    queryset or a list of buurten. A point on the border of two buurten gets the one with the
    lowest code, so the answer is always the same.
    """
    try:
        point = shapely.Point(float(longitude), float(latitude))
    except (TypeError, ValueError):
        return None
    if point.is_empty or not (-90 <= point.y <= 90 and -180 <= point.x <= 180):
        return None

    if candidates is None:
        candidates = Neighbourhood.objects.all()
    if isinstance(candidates, QuerySet):
        rows = list(
            candidates.filter(boundary__isnull=False).values_list(
                "pk", "code", "year", "latitude", "longitude"
            )
        )
        instances = {}
    else:
        instances = {n.pk: n for n in candidates if n.boundary}
        rows = [(n.pk, n.code, n.year, n.latitude, n.longitude) for n in instances.values()]

    shapes = _shapes_for(rows, instances)
    x, y = point.x, point.y
    # Bounding boxes first: a cheap comparison that rules out nearly every buurt.
    near = [
        (code, pk)
        for pk, code, *_rest in rows
        if (entry := shapes.get(pk)) is not None
        and entry.bounds[0] <= x <= entry.bounds[2]
        and entry.bounds[1] <= y <= entry.bounds[3]
    ]
    for _code, pk in sorted(near):
        if shapes[pk].geometry.covers(point):
            return instances.get(pk) or Neighbourhood.objects.filter(pk=pk).first()
    return None


def _shapes_for(rows: list[tuple], instances: dict[int, Neighbourhood]) -> dict[int, _Shape]:
    wanted = {pk: tuple(rest) for pk, *rest in rows}
    with _lock:
        missing = [
            pk for pk, fp in wanted.items() if getattr(_shapes.get(pk), "fingerprint", None) != fp
        ]
    if missing:
        if instances:
            boundaries = {pk: instances[pk].boundary for pk in missing}
        else:
            boundaries = {}
            # In chunks, so SQLite's limit on query parameters is never reached.
            for start in range(0, len(missing), 500):
                chunk = missing[start : start + 500]
                boundaries.update(
                    Neighbourhood.objects.filter(pk__in=chunk).values_list("pk", "boundary")
                )
        built = {}
        for pk, boundary in boundaries.items():
            geometry = _geometry(boundary)
            if geometry is not None:
                shapely.prepare(geometry)
                built[pk] = _Shape(wanted[pk], geometry.bounds, geometry)
        with _lock:
            _shapes.update(built)
    with _lock:
        return {pk: _shapes[pk] for pk in wanted if pk in _shapes}


def _geometry(boundary):
    try:
        geometry = shape(boundary)
    except (
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        AttributeError,
        shapely.errors.GEOSException,
    ):
        return None
    if geometry.is_empty or geometry.geom_type not in ("Polygon", "MultiPolygon"):
        return None
    return geometry
