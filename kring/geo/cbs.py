"""Reading a CBS "wijk- en buurtkaart" export in GeoJSON: every feature checked, every problem
reported in plain Dutch with the feature's number, so a user can fix the file in one go. The
result is the regions of each level by code; ``kring.geo.shapes`` prepares their boundaries and
``kring.geo.services.import_regions`` stores them."""

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import codes

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
class Region:
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


class Errors(list):
    def add(self, number: int | None, message: str) -> None:
        if number is None:
            self.append(message)
        else:
            self.append(
                _("Object %(number)d: %(message)s") % {"number": number, "message": message}
            )


Progress = Callable[[float], None]


def no_progress(share: float) -> None:
    pass


def load(source, errors: Errors) -> dict | None:
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


def parse(
    data: Any, errors: Errors, progress: Progress = no_progress
) -> dict[str, dict[str, Region]] | None:
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
                mentioned_names[level].setdefault(parent_code(region.code, level), attrs[attr])

    # Parents that only their children mention: created from the codes, named if known.
    for level in (WIJK, BUURT):
        for region in list(regions[level].values()):
            for parent_level in _PARENTS[level]:
                parent = parent_code(region.code, parent_level)
                regions[parent_level].setdefault(parent, Region(parent_level, parent))
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


def _check_crs(crs: Any, errors: Errors) -> bool:
    if not crs:
        return True
    text = json.dumps(crs).lower()
    if "28992" in text:
        errors.add(None, rd_message())
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


def rd_message() -> str:
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


def parent_code(code: str, parent_level: str) -> str:
    """Parents follow from the code itself: BU05990101 lies in WK059901 and GM0599."""
    if parent_level == GEMEENTE:
        return "GM" + codes.digits(code)[:4]
    return "WK" + codes.digits(code)[:6]


def _parse_feature(number: int, attrs: dict[str, str], errors: Errors) -> Region | None:
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
            child_code, child_level = parent_code(code, parent_level), parent_level
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
    return Region(level, code, name, feature=number)


def _read_geometry(number: int, geometry: Any, errors: Errors):
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


def _add_region(regions, region: Region, errors: Errors) -> None:
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
