"""Import of gemeenten, wijken and buurten from a CBS "wijk- en buurtkaart" export in GeoJSON.

The import is all-or-nothing: every feature is checked first and every problem is reported in
plain Dutch with the feature's number, so a user can fix the file in one go. Only a file without
errors is written, in one transaction with bulk operations (the whole country is about 18,000
regions).
"""

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kring.core.bulk import update_rows

from . import codes
from .models import District, Municipality, Neighbourhood

# In degrees: about 2 to 3 metres in the Netherlands. Small enough to keep every street corner
# that matters on a buurt map, large enough to shrink CBS boundaries a lot.
SIMPLIFY_TOLERANCE = 0.00003
# About 10 centimetres; more digits only make the stored GeoJSON larger.
COORDINATE_GRID = 0.000001

GEMEENTE, WIJK, BUURT = "gemeente", "wijk", "buurt"
# The levels above each level, nearest first.
_PARENTS = {GEMEENTE: (), WIJK: (GEMEENTE,), BUURT: (WIJK, GEMEENTE)}

# Attribute names in current CBS exports first, then the upper-case ones of older exports.
ATTRIBUTE_ALIASES = {
    "gemeentecode": ("gemeentecode", "gm_code"),
    "gemeentenaam": ("gemeentenaam", "gm_naam"),
    "wijkcode": ("wijkcode", "wk_code"),
    "wijknaam": ("wijknaam", "wk_naam"),
    "buurtcode": ("buurtcode", "bu_code"),
    "buurtnaam": ("buurtnaam", "bu_naam"),
}

# Rough extent of the Dutch RD grid (EPSG:28992), to recognise a file in the wrong system.
RD_X_RANGE = (-7_000, 300_000)
RD_Y_RANGE = (289_000, 629_000)
# Names in a GeoJSON "crs" member that mean WGS84 or practically the same (ETRS89, < 1 m apart).
ACCEPTED_CRS_MARKERS = ("crs84", "4326", "4258", "wgs84", "wgs 84")


@dataclass
class LevelCounts:
    created: int = 0
    updated: int = 0


@dataclass
class ImportResult:
    municipalities: LevelCounts = field(default_factory=LevelCounts)
    districts: LevelCounts = field(default_factory=LevelCounts)
    neighbourhoods: LevelCounts = field(default_factory=LevelCounts)
    errors: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def stored(self) -> bool:
        return self.ok and not self.dry_run


@dataclass
class _Region:
    level: str
    code: str
    name: str = ""
    # Number of the feature that describes this region itself; None if only its children
    # mention it (then its boundary is left as it is).
    feature: int | None = None
    geometry: Any = None
    boundary: dict | None = None
    latitude: float | None = None
    longitude: float | None = None


class _Errors(list):
    def add(self, number: int | None, message: str) -> None:
        if number is None:
            self.append(message)
        else:
            self.append(
                _("Object %(number)d: %(message)s") % {"number": number, "message": message}
            )


Progress = Callable[[float], None]


def _no_progress(share: float) -> None:
    pass


def import_regions(
    *,
    features: dict | str | os.PathLike,
    year: int,
    sample: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Check a CBS GeoJSON export and, if it has no errors, store its regions.

    ``features`` is parsed GeoJSON, a path, or an open (binary or text) file. Regions with a code
    that already exists are updated, so importing the same file twice changes nothing.
    ``progress(share)`` is called now and then with the share done (0.0 to 1.0).
    """
    progress = progress or _no_progress
    result = ImportResult(dry_run=dry_run)
    errors = _Errors()
    if not 1980 <= year <= 2100:
        errors.add(None, _("Het jaar %(year)s is geen geldig jaartal.") % {"year": year})

    data = _load(features, errors)
    # Reading the JSON, the features, the geometries and writing take roughly these shares.
    progress(0.15)
    regions = _parse(data, errors, progress) if data is not None else None
    if regions is not None and not errors:
        _prepare_geometries(regions, errors, progress)

    result.errors = list(errors)
    if errors or regions is None:
        return result

    if dry_run:
        # The same counting as the real write, without touching the tables.
        for model, level, counts_attr in _LEVELS:
            existing = set(model.objects.values_list("code", flat=True))
            counts = getattr(result, counts_attr)
            counts.updated = sum(1 for code in regions[level] if code in existing)
            counts.created = len(regions[level]) - counts.updated
        return result

    _write(regions, year=year, sample=sample, result=result, progress=progress)
    return result


# --- Reading -------------------------------------------------------------------------------


def _load(source, errors: _Errors) -> dict | None:
    if isinstance(source, dict):
        return source
    try:
        if isinstance(source, str | os.PathLike):
            with Path(source).open("rb") as handle:
                raw = handle.read()
        elif hasattr(source, "read"):
            raw = source.read()
        else:
            errors.add(None, _("Kring kan dit bestand niet lezen."))
            return None
    except FileNotFoundError:
        errors.add(None, _("Het bestand %(name)s bestaat niet.") % {"name": source})
        return None
    except OSError as exc:
        errors.add(
            None,
            _("Het bestand %(name)s kan niet worden gelezen: %(reason)s")
            % {"name": source, "reason": exc.strerror or exc},
        )
        return None
    if isinstance(raw, bytes):
        try:
            # utf-8-sig also reads files that start with a byte order mark.
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            errors.add(
                None,
                _(
                    "Dit is geen tekstbestand. Kies een GeoJSON-bestand "
                    "(bijvoorbeeld buurten.geojson), geen shapefile, zip of GeoPackage."
                ),
            )
            return None
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        errors.add(
            None,
            _(
                "Het bestand is geen geldige GeoJSON: er staat een fout in op regel %(line)d, "
                "teken %(column)d."
            )
            % {"line": exc.lineno, "column": exc.colno},
        )
        return None


def _attributes(properties: dict) -> dict[str, str]:
    lowered = {str(key).strip().lower(): value for key, value in properties.items()}
    found = {}
    for name, aliases in ATTRIBUTE_ALIASES.items():
        for alias in aliases:
            value = lowered.get(alias)
            if value is not None and str(value).strip():
                found[name] = str(value).strip()
                break
    return found


def _parse(
    data: Any, errors: _Errors, progress: Progress = _no_progress
) -> dict[str, dict[str, _Region]] | None:
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = {"type": "FeatureCollection", "features": [data]}
    if not (
        isinstance(data, dict)
        and data.get("type") == "FeatureCollection"
        and isinstance(data.get("features"), list)
    ):
        errors.add(
            None,
            _(
                "Het bestand is geen GeoJSON-kaart: er staat geen FeatureCollection in. "
                "Download de wijk- en buurtkaart van het CBS als GeoJSON."
            ),
        )
        return None
    if not data["features"]:
        errors.add(None, _("Het bestand bevat geen gebieden."))
        return None
    if not _check_crs(data.get("crs"), errors):
        return None

    regions = {GEMEENTE: {}, WIJK: {}, BUURT: {}}
    # Names of parents as their children mention them; a region's own feature wins.
    mentioned_names = {GEMEENTE: {}, WIJK: {}}
    total = len(data["features"])
    for number, feature in enumerate(data["features"], start=1):
        if number % 500 == 0:
            progress(0.15 + 0.25 * number / total)
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            errors.add(number, _("dit is geen GeoJSON-Feature."))
            continue
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            errors.add(number, _("de eigenschappen (properties) zijn onleesbaar."))
            continue
        attrs = _attributes(properties)
        region = _parse_feature(number, attrs, errors)
        if region is None:
            continue
        region.geometry = _read_geometry(number, feature.get("geometry"), errors)
        _add_region(regions, region, errors)
        for level, attr in ((GEMEENTE, "gemeentenaam"), (WIJK, "wijknaam")):
            if level in _PARENTS[region.level] and attrs.get(attr):
                mentioned_names[level].setdefault(_parent_code(region.code, level), attrs[attr])

    # Parents that only their children mention: created from the codes, named if known.
    for level in (WIJK, BUURT):
        for region in list(regions[level].values()):
            for parent_level in _PARENTS[level]:
                parent = _parent_code(region.code, parent_level)
                regions[parent_level].setdefault(parent, _Region(parent_level, parent))
    for level, names in mentioned_names.items():
        for code, name in names.items():
            region = regions[level].get(code)
            if region is not None and region.feature is None:
                region.name = name
    for level in (GEMEENTE, WIJK):
        for region in regions[level].values():
            if not region.name:
                # No name anywhere: the code stands in until a file with names is imported.
                region.name = region.code
    return regions


def _check_crs(crs: Any, errors: _Errors) -> bool:
    if not crs:
        return True
    text = json.dumps(crs).lower()
    if "28992" in text:
        errors.add(None, _rd_message())
        return False
    if not any(marker in text for marker in ACCEPTED_CRS_MARKERS):
        errors.add(
            None,
            _(
                "Het bestand gebruikt een ander coördinatenstelsel dan WGS84. Download de kaart "
                "van het CBS in WGS84 (EPSG:4326)."
            ),
        )
        return False
    return True


def _rd_message() -> str:
    return _(
        "De coördinaten in dit bestand zijn in het Rijksdriehoekstelsel (RD, EPSG:28992). "
        "Kring heeft WGS84 (EPSG:4326) nodig: het CBS biedt de wijk- en buurtkaart ook zo aan. "
        "Download die versie en probeer het opnieuw."
    )


_CODE_FIELDS = {
    GEMEENTE: ("gemeentecode", "GM", 4, codes.validate_municipality_code),
    WIJK: ("wijkcode", "WK", 6, codes.validate_district_code),
    BUURT: ("buurtcode", "BU", 8, codes.validate_neighbourhood_code),
}


def _code_problem(level: str, code: str) -> str | None:
    """What is wrong with a code, in words a volunteer understands; None if it is valid."""
    attr, prefix, length, validate = _CODE_FIELDS[level]
    try:
        validate(code)
    except ValidationError:
        pass
    else:
        return None
    values = {"field": attr, "code": code, "prefix": prefix, "length": length}
    if not code.startswith(prefix):
        return _("de %(field)s %(code)s begint niet met %(prefix)s.") % values
    if len(code) - len(prefix) != length:
        return _("de %(field)s %(code)s heeft niet %(length)d tekens na %(prefix)s.") % values
    if level == GEMEENTE:
        return _("de %(field)s %(code)s heeft na %(prefix)s niet alleen cijfers.") % values
    return (
        _(
            "de %(field)s %(code)s klopt niet: na %(prefix)s komen eerst 4 cijfers van de "
            "gemeente, daarna alleen cijfers of hoofdletters."
        )
        % values
    )


def _parent_code(code: str, parent_level: str) -> str:
    """Parents follow from the code itself: BU05990101 lies in WK059901 and GM0599."""
    if parent_level == GEMEENTE:
        return "GM" + codes.digits(code)[:4]
    return "WK" + codes.digits(code)[:6]


def _parse_feature(number: int, attrs: dict[str, str], errors: _Errors) -> _Region | None:
    if "buurtcode" in attrs:
        level = BUURT
    elif "wijkcode" in attrs:
        level = WIJK
    elif "gemeentecode" in attrs:
        level = GEMEENTE
    else:
        errors.add(
            number,
            _(
                "er staat geen gemeentecode, wijkcode of buurtcode bij. Is dit wel de wijk- en "
                "buurtkaart van het CBS?"
            ),
        )
        return None

    code_attr, _prefix, _length, _validate = _CODE_FIELDS[level]
    code = attrs[code_attr]
    ok = True
    problem = _code_problem(level, code)
    if problem:
        errors.add(number, problem)
        ok = False

    name_attr = {GEMEENTE: "gemeentenaam", WIJK: "wijknaam", BUURT: "buurtnaam"}[level]
    name = attrs.get(name_attr, "")
    if not name:
        errors.add(number, _("de %(field)s ontbreekt.") % {"field": name_attr})
        ok = False

    # A child's parent codes must be valid and the codes must nest.
    child_code, child_level = code, level
    for parent_level in _PARENTS[level]:
        parent_attr = _CODE_FIELDS[parent_level][0]
        parent = attrs.get(parent_attr)
        if parent is None:
            child_code, child_level = _parent_code(code, parent_level), parent_level
            continue
        problem = _code_problem(parent_level, parent)
        if problem:
            errors.add(number, problem)
            ok = False
            break
        if ok and child_level == BUURT and not codes.neighbourhood_belongs_to(child_code, parent):
            errors.add(
                number,
                _(
                    "de buurtcode %(child)s hoort niet bij wijkcode %(parent)s: een buurtcode "
                    "begint met de 6 tekens van de wijkcode."
                )
                % {"child": child_code, "parent": parent},
            )
            ok = False
        elif ok and child_level == WIJK and not codes.district_belongs_to(child_code, parent):
            errors.add(
                number,
                _(
                    "de wijkcode %(child)s hoort niet bij gemeentecode %(parent)s: een wijkcode "
                    "begint met de 4 cijfers van de gemeentecode."
                )
                % {"child": child_code, "parent": parent},
            )
            ok = False
        child_code, child_level = parent, parent_level
    if not ok:
        return None
    return _Region(level, code, name, feature=number)


def _read_geometry(number: int, geometry: Any, errors: _Errors):
    if not geometry:
        errors.add(number, _("er staat geen grens (geometry) bij."))
        return None
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in ("Polygon", "MultiPolygon"):
        errors.add(
            number,
            _("de grens is een %(kind)s; Kring verwacht een Polygon of MultiPolygon.")
            % {"kind": kind or _("onbekend type")},
        )
        return None
    try:
        geom = _polygonal(kind, geometry["coordinates"])
    except (ValueError, TypeError, KeyError, IndexError, shapely.errors.GEOSException):
        errors.add(number, _("de grens (geometry) is onleesbaar."))
        return None
    if geom.is_empty:
        errors.add(number, _("de grens (geometry) is leeg."))
        return None
    return geom


def _polygonal(kind: str, coordinates: list):
    """Build a Polygon or MultiPolygon from GeoJSON coordinates through numpy arrays: several
    times faster than shapely.geometry.shape, which goes point by point in Python."""

    def polygon(rings):
        shell, *holes = (shapely.linearrings(np.asarray(ring, dtype=float)) for ring in rings)
        return shapely.polygons(shell, holes or None)

    if kind == "Polygon":
        return polygon(coordinates)
    return shapely.multipolygons([polygon(rings) for rings in coordinates])


def _add_region(regions, region: _Region, errors: _Errors) -> None:
    known = regions[region.level].get(region.code)
    if known is None or known.feature is None:
        regions[region.level][region.code] = region
        return
    if known.name != region.name:
        errors.add(
            region.feature,
            _(
                "%(code)s staat ook in object %(other)d, maar met een andere naam "
                "(%(name)s en %(other_name)s)."
            )
            % {
                "code": region.code,
                "other": known.feature,
                "name": region.name,
                "other_name": known.name,
            },
        )
        return
    # The same region in two parts (CBS exports land and water separately): one boundary.
    if known.geometry is not None and region.geometry is not None:
        known.geometry = shapely.union(known.geometry, region.geometry)


# --- Geometry ------------------------------------------------------------------------------


def _prepare_geometries(regions, errors: _Errors, progress: Progress = _no_progress) -> None:
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
            errors.add(None, _rd_message())
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


# --- Writing -------------------------------------------------------------------------------

_LEVELS = (
    (Municipality, GEMEENTE, "municipalities"),
    (District, WIJK, "districts"),
    (Neighbourhood, BUURT, "neighbourhoods"),
)
_PARENT_FIELD = {GEMEENTE: None, WIJK: ("municipality_id", GEMEENTE), BUURT: ("district_id", WIJK)}


def _write(
    regions, *, year: int, sample: bool, result: ImportResult, progress: Progress = _no_progress
) -> None:
    ids: dict[str, dict[str, int]] = {}
    with transaction.atomic():
        for done, (model, level, counts_attr) in enumerate(_LEVELS):
            progress(0.8 + 0.2 * done / len(_LEVELS))
            parent = _PARENT_FIELD[level]
            existing = dict(model.objects.values_list("code", "id"))
            new, changed = [], {}
            for region in regions[level].values():
                values = {"name": region.name, "year": year, "is_sample": sample}
                if region.feature is not None:
                    values.update(
                        boundary=region.boundary,
                        latitude=region.latitude,
                        longitude=region.longitude,
                    )
                if parent:
                    parent_attr, parent_level = parent
                    values[parent_attr] = ids[parent_level][_parent_code(region.code, parent_level)]
                pk = existing.get(region.code)
                if pk is None:
                    new.append(model(code=region.code, **values))
                else:
                    # Regions only mentioned by their children keep their boundary (and their
                    # name if the file has none), so they are updated with fewer fields.
                    if region.feature is None and region.name == region.code:
                        del values["name"]
                    changed.setdefault(tuple(values), []).append(model(pk=pk, **values))
            model.objects.bulk_create(new, batch_size=500)
            for fields, objs in changed.items():
                update_rows(model, fields, objs)
            counts = getattr(result, counts_attr)
            counts.created = len(new)
            counts.updated = sum(len(objs) for objs in changed.values())
            ids[level] = dict(model.objects.values_list("code", "id"))
