"""Boundaries of the regions read from a CBS export: repaired where invalid, simplified together
(neighbours keep a shared edge), rounded and written as GeoJSON, with a centre point for the map."""

import numpy as np
import shapely
from django.utils.translation import gettext as _

from .cbs import RD_X_RANGE, RD_Y_RANGE, Errors, Progress, no_progress, rd_message

# In degrees: about 2 to 3 metres in the Netherlands. Small enough to keep every street corner
# that matters on a buurt map, large enough to shrink CBS boundaries a lot.
SIMPLIFY_TOLERANCE = 0.00003
# About 10 centimetres; more digits only make the stored GeoJSON larger.
COORDINATE_GRID = 0.000001


def prepare_geometries(regions, errors: Errors, progress: Progress = no_progress) -> None:
    own = [r for level in regions.values() for r in level.values() if r.geometry is not None]
    if not own:
        return
    bounds = shapely.bounds(np.array([r.geometry for r in own], dtype=object))
    minx, miny, maxx, maxy = bounds[:, 0], bounds[:, 1], bounds[:, 2], bounds[:, 3]
    outside = (minx < -180) | (maxx > 180) | (miny < -90) | (maxy > 90)
    if outside.any():
        rd_like = (
            (minx >= RD_X_RANGE[0])
            & (maxx <= RD_X_RANGE[1])
            & (miny >= RD_Y_RANGE[0])
            & (maxy <= RD_Y_RANGE[1])
        )
        # One message for the file: the same mistake on every feature needs no list of 14,000.
        if rd_like[outside].all():
            errors.add(None, rd_message())
        else:
            errors.add(
                None,
                _(
                    "De coördinaten in dit bestand zijn geen lengte- en breedtegraden (WGS84). "
                    "Download de kaart van het CBS in WGS84 (EPSG:4326)."
                ),
            )
        return
    minx, miny, maxx, maxy = minx.min(), miny.min(), maxx.max(), maxy.max()
    if minx >= 50 and maxx <= 54 and miny >= 3 and maxy <= 8:
        errors.add(
            None,
            _(
                "Lengte- en breedtegraad lijken omgewisseld: GeoJSON zet de lengtegraad (rond 5 "
                "in Nederland) vóór de breedtegraad (rond 52)."
            ),
        )
        return

    for done, level in enumerate(regions.values(), start=1):
        progress(0.4 + 0.4 * (done - 1) / len(regions))
        items = [r for r in level.values() if r.geometry is not None]
        if not items:
            continue
        geoms = np.array([r.geometry for r in items], dtype=object)
        for i in np.flatnonzero(~shapely.is_valid(geoms)):
            geoms[i] = _repair(geoms[i])
            if geoms[i] is None:
                errors.add(
                    items[i].feature, _("de grens (geometry) is ongeldig en niet te herstellen.")
                )
        if errors:
            continue
        geoms = _round(_simplify(geoms))
        geoms = shapely.orient_polygons(geoms)
        points = shapely.point_on_surface(geoms)
        for region, geom, x, y in zip(
            items, geoms, shapely.get_x(points), shapely.get_y(points), strict=True
        ):
            region.boundary = _geojson(geom)
            region.latitude = round(float(y), 6)
            region.longitude = round(float(x), 6)


def _repair(geom):
    fixed = shapely.make_valid(geom)
    if fixed.geom_type == "GeometryCollection":
        parts = [g for g in fixed.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
        fixed = shapely.union_all(parts) if parts else None
    if fixed is None or fixed.is_empty or fixed.geom_type not in ("Polygon", "MultiPolygon"):
        return None
    return fixed


def _usable(geoms) -> np.ndarray:
    polygonal = np.isin(shapely.get_type_id(geoms), (3, 6))  # Polygon, MultiPolygon
    return polygonal & ~shapely.is_empty(geoms) & shapely.is_valid(geoms)


def _simplify(geoms: np.ndarray) -> np.ndarray:
    """Simplify the regions of one level together, so that neighbours keep sharing their
    border (no gaps where a map click finds no buurt). Where that fails, for example when the
    regions overlap, a region is simplified on its own."""
    try:
        simplified = shapely.coverage_simplify(geoms, SIMPLIFY_TOLERANCE)
    except shapely.errors.GEOSException:
        return shapely.simplify(geoms, SIMPLIFY_TOLERANCE, preserve_topology=True)
    bad = ~_usable(simplified)
    simplified[bad] = shapely.simplify(geoms[bad], SIMPLIFY_TOLERANCE, preserve_topology=True)
    return simplified


def _round(geoms: np.ndarray) -> np.ndarray:
    """Round to about 10 cm. Plain rounding keeps shared borders identical; the rare region
    that it makes invalid is snapped with set_precision, which is slower but always valid."""
    rounded = shapely.transform(geoms, lambda coords: np.round(coords, 6))
    bad = ~_usable(rounded)
    rounded[bad] = shapely.set_precision(geoms[bad], COORDINATE_GRID)
    return rounded


def _geojson(geom) -> dict:
    # Straight from the coordinate arrays: much faster than parsing shapely's GeoJSON text.
    def rings(polygon):
        return [shapely.get_coordinates(polygon.exterior).tolist()] + [
            shapely.get_coordinates(ring).tolist() for ring in polygon.interiors
        ]

    if geom.geom_type == "Polygon":
        return {"type": "Polygon", "coordinates": rings(geom)}
    return {"type": "MultiPolygon", "coordinates": [rings(part) for part in geom.geoms]}
