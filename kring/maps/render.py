"""The map as a picture: SVG built here from the buurt boundaries and the clustered points (the
same clusters the browser shows), PNG converted from it with CairoSVG. No tiles: a picture for a
meeting should not depend on another server, and base maps have their own licences."""

from xml.sax.saxutils import escape

import cairosvg
import numpy as np
from django.utils.translation import gettext as _
from shapely.geometry import shape

from .clustering import cluster, mercator_px
from .selectors import CATEGORY_KEYS, boundaries, map_points, working_area_bounds
from .styles import SHAPE_PATHS, STYLES, legend

WIDTH = 800
MAP_HEIGHT = 560
LEGEND_HEIGHT = 70
MARGIN = 20


def _fitting_zoom(bounds, width: float, height: float) -> float:
    """The (fractional) zoom at which the working area fills the picture."""
    if not bounds:
        return 12.0
    (south, west), (north, east) = bounds
    x, y = mercator_px(np.array([south, north]), np.array([west, east]), 0)
    span_x, span_y = abs(float(x[1] - x[0])), abs(float(y[1] - y[0]))
    if span_x <= 0 and span_y <= 0:
        return 16.0
    scale = min(width / span_x if span_x else np.inf, height / span_y if span_y else np.inf)
    return float(min(18.0, np.log2(scale)))


def map_svg(access, *, width: int = WIDTH, map_height: int = MAP_HEIGHT) -> str:
    collection = boundaries(access)
    bounds = working_area_bounds(access)
    inner_w, inner_h = width - 2 * MARGIN, map_height - 2 * MARGIN
    zoom = _fitting_zoom(bounds, inner_w, inner_h)
    points = map_points(access)
    if bounds:
        (south, west), (north, east) = bounds
        x0, y1 = mercator_px(np.array([south]), np.array([west]), zoom)
        x1, y0 = mercator_px(np.array([north]), np.array([east]), zoom)
        offset_x = float(x0[0]) - (inner_w - float(x1[0] - x0[0])) / 2 - MARGIN
        offset_y = float(y0[0]) - (inner_h - float(y1[0] - y0[0])) / 2 - MARGIN
    else:
        offset_x = offset_y = 0.0

    def project(lat, lon):
        x, y = mercator_px(np.asarray(lat, dtype=float), np.asarray(lon, dtype=float), zoom)
        return x - offset_x, y - offset_y

    height = map_height + LEGEND_HEIGHT
    title = _("Kaart van de krachten van %(name)s") % {"name": access.collective.name}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="map-title map-desc" '
        'font-family="DejaVu Sans, Arial, sans-serif">',
        f'<title id="map-title">{escape(title)}</title>',
        f'<desc id="map-desc">{escape(_("Buurtgrenzen met groepen, instellingen, plekken en economie. Gaven van bewoners staan niet op de kaart."))}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<rect x="0" y="0" width="{width}" height="{map_height}" fill="#f4f6f5"/>',
    ]
    parts += _boundary_parts(collection, project)
    parts += _marker_parts(points, zoom, project)
    parts += _legend_parts(map_height)
    parts.append("</svg>")
    return "\n".join(parts)


def _boundary_parts(collection: dict, project) -> list[str]:
    """The buurten's outlines, then their names (above every outline)."""
    parts = []
    labels = []
    for feature in collection["features"]:
        geometry = shape(feature["geometry"])
        polygons = geometry.geoms if geometry.geom_type == "MultiPolygon" else [geometry]
        path = []
        for polygon in polygons:
            for ring in [polygon.exterior, *polygon.interiors]:
                lon, lat = np.asarray(ring.coords).T
                xs, ys = project(lat, lon)
                path.append(
                    "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in zip(xs, ys, strict=True)) + "Z"
                )
        parts.append(
            f'<path d="{"".join(path)}" fill="#ffffff" fill-opacity="0.8" stroke="#3d4a45" '
            'stroke-width="1.5" fill-rule="evenodd"/>'
        )
        centre = geometry.representative_point()
        cx, cy = project([centre.y], [centre.x])
        # A white halo drawn first, then the text: CairoSVG knows no paint-order.
        name = escape(feature["properties"]["name"])
        at = f'x="{cx[0]:.1f}" y="{cy[0]:.1f}" font-size="13" text-anchor="middle"'
        labels.append(
            f'<text {at} fill="none" stroke="#ffffff" stroke-width="4">{name}</text>'
            f'<text {at} fill="#3d4a45">{name}</text>'
        )
    return parts + labels


def _marker_parts(points, zoom: int, project) -> list[str]:
    """Groups of nearby assets as a counted circle, single ones as their category's marker."""
    parts = []
    found, singles = cluster(points, zoom=zoom, bbox=None, n_categories=len(CATEGORY_KEYS))
    for item in found:
        x, y = project([item["lat"]], [item["lon"]])
        radius = 11 + min(14, 3 * np.log2(item["count"]))
        parts.append(
            f'<circle cx="{x[0]:.1f}" cy="{y[0]:.1f}" r="{radius:.1f}" fill="#1b2a26" '
            'fill-opacity="0.85" stroke="#ffffff" stroke-width="2"/>'
            f'<text x="{x[0]:.1f}" y="{y[0] + 4.5:.1f}" font-size="13" font-weight="bold" '
            f'text-anchor="middle" fill="#ffffff">{item["count"]}</text>'
        )
    for position in singles:
        category = CATEGORY_KEYS[points.category[position]]
        style = STYLES[category]
        x, y = project([points.lat[position]], [points.lon[position]])
        parts.append(
            f'<path transform="translate({x[0] - 10:.1f} {y[0] - 10:.1f})" '
            f'd="{SHAPE_PATHS[style["shape"]]}" fill="{style["colour"]}" stroke="#1b2a26" '
            'stroke-width="1.5"/>'
        )
    return parts


def _legend_parts(map_height: int) -> list[str]:
    """The legend under the map: every category's marker and the counted circle."""
    parts = []
    x = MARGIN
    y = map_height + 28
    for entry in legend():
        parts.append(
            f'<path transform="translate({x} {y - 14})" d="{entry["path"]}" '
            f'fill="{entry["colour"]}" stroke="#1b2a26" stroke-width="1.5"/>'
        )
        parts.append(
            f'<text x="{x + 26}" y="{y + 1}" font-size="13" fill="#1b2a26">'
            f"{escape(str(entry['label']))}</text>"
        )
        x += 26 + 8 * len(str(entry["label"])) + 18
    parts.append(
        f'<circle cx="{MARGIN + 10}" cy="{y + 26}" r="10" fill="#1b2a26"/>'
        f'<text x="{MARGIN + 10}" y="{y + 30}" font-size="11" font-weight="bold" '
        'text-anchor="middle" fill="#ffffff">n</text>'
        f'<text x="{MARGIN + 26}" y="{y + 31}" font-size="13" fill="#1b2a26">'
        f"{escape(_('Groep van n krachten dicht bij elkaar'))}</text>"
    )
    return parts


def svg_to_png(svg: str, *, scale: float = 2.0) -> bytes:
    return cairosvg.svg2png(bytestring=svg.encode(), scale=scale)
