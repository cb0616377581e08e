"""Pictures drawn on the server as SVG: a trend line per month, a map of the wijken and the
social value as a range. No script and no style element (the Content Security Policy forbids
inline ones): only SVG presentation attributes. Every picture scales with its ``viewBox``
(width 100 % in the page), has a <title> and <desc>, never uses colour as the only cue
(hidden months are gaps with a word, the comparison year is dashed with square points, map
classes are patterns with the number written on each wijk) and has a table beside it."""

import math
from dataclasses import dataclass
from html import escape

from django.utils.translation import gettext as _
from shapely.geometry import shape
from shapely.ops import unary_union

from kring.geo.models import Neighbourhood

from .charts import MONTHS

INK = "#1b2a26"
GREEN = "#1b4d3e"
SOFT = "#3d4a45"  # 9:1 on white
GRID = "#c8d3cf"

# Map classes: the same patterns as the buurt map, each with a word in the legend.
PATTERNS = """<pattern id="{p}-0" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#ffffff"/><path d="M0 8 L8 0" stroke="#777" stroke-width="1"/></pattern>
<pattern id="{p}-1" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#e5f1ec"/><circle cx="4" cy="4" r="1" fill="#1b4d3e"/></pattern>
<pattern id="{p}-2" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#a8cfc0"/><circle cx="3" cy="3" r="1.5" fill="#1b4d3e"/></pattern>
<pattern id="{p}-3" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#5f9f88"/><line x1="0" y1="0" x2="0" y2="6" stroke="#0f3328" stroke-width="2"/></pattern>
<pattern id="{p}-4" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#1b4d3e"/><path d="M0 3 H6 M3 0 V6" stroke="#ffffff" stroke-width="1"/></pattern>"""


def _nice_top(peak: float) -> int:
    """A round number at or above ``peak`` for the top of the scale."""
    if peak <= 10:
        return 10
    step = 10 ** (len(str(int(peak))) - 1)
    for factor in (1, 1.5, 2, 2.5, 5, 10):
        if step * factor >= peak:
            return int(step * factor)
    return int(peak)


def _svg_open(uid: str, width: int, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{uid}-t {uid}-d" class="impact-picture" '
        'font-family="DejaVu Sans, Arial, sans-serif">',
        f'<title id="{uid}-t">{escape(title)}</title>',
        f'<desc id="{uid}-d">{escape(desc)}</desc>',
    ]


def trend_description(series: list, labels: list[str]) -> str:
    """The line in words, for screen readers: the shown months, the highest, the hidden."""
    shown = [(labels[i], f.value) for i, f in enumerate(series) if f.shown]
    hidden = [labels[i] for i, f in enumerate(series) if not f.shown]
    if not shown:
        return _("Geen maand is te tonen: de aantallen zijn te klein.")
    best = max(shown, key=lambda item: item[1])
    text = _("Per maand: %(list)s. Hoogste maand: %(month)s (%(value)s).") % {
        "list": ", ".join(f"{m} {v}" for m, v in shown),
        "month": best[0],
        "value": best[1],
    }
    if hidden:
        text += " " + _("Niet te tonen, want te klein: %(months)s.") % {"months": ", ".join(hidden)}
    return text


@dataclass(frozen=True)
class _Frame:
    """Where a trend chart draws: the canvas, its margins and the top of the scale, so every
    step places months and values the same way."""

    width: int
    height: int
    left: int
    right: int
    inner_h: int
    edge: int
    peak: int
    step: float
    base: int

    def x(self, i: int) -> float:
        return self.left + self.edge + i * self.step

    def xy(self, i: int, value) -> tuple[float, float]:
        return self.left + self.edge + i * self.step, self.base - value / self.peak * self.inner_h


def line_chart(
    title: str, series: list, compare: list | None = None, *, uid: str, labels=None, years=None
) -> str:
    """A trend line over the months. ``series`` and ``compare`` are Figures (value when shown,
    display text otherwise). A hidden month breaks the line and says why under the axis."""
    labels = [str(m) for m in (labels or [_(m) for m in MONTHS])]
    frame = _frame(series, compare)
    parts = _svg_open(uid, frame.width, frame.height, title, trend_description(series, labels))
    parts += _scale(frame)
    if years:
        parts += _legend(frame, years, compare)
    if compare:
        parts += _line(frame, compare, main=False)
    parts += _line(frame, series, main=True)
    parts += _month_labels(frame, labels, series)
    parts.append("</svg>")
    return "".join(parts)


def _frame(series: list, compare: list | None) -> _Frame:
    """The canvas and a scale whose round top is above every shown value of both years."""
    width, height, left, right, top, bottom = 480, 270, 40, 16, 40, 52
    inner_w, inner_h = width - left - right, height - top - bottom
    edge = 16  # room between the axis labels and the first point
    values = [f.value for f in series if f.shown] + [f.value for f in compare or [] if f.shown]
    peak = _nice_top(max([*values, 1]))
    n = len(series)
    step = (inner_w - 2 * edge) / max(n - 1, 1)
    base = top + inner_h
    return _Frame(width, height, left, right, inner_h, edge, peak, step, base)


def _scale(frame: _Frame) -> list[str]:
    """Three grid lines (zero, half, top) with their values at the left."""
    parts = []
    left = frame.left
    for k in range(3):
        tick = frame.peak * k / 2
        y = frame.base - frame.inner_h * k / 2
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{frame.width - frame.right}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 4}" y="{y + 5:.1f}" font-size="14" text-anchor="end" '
            f'fill="{SOFT}">{int(tick)}</text>'
        )
    return parts


def _legend(frame: _Frame, years, compare: list | None) -> list[str]:
    """The year of the solid line and, when compared, the year of the dashed one: the two
    lines differ by shape, not only by colour."""
    left = frame.left
    parts = [
        f'<line x1="{left}" y1="14" x2="{left + 26}" y2="14" stroke="{GREEN}" '
        f'stroke-width="3"/><circle cx="{left + 13}" cy="14" r="4" fill="{GREEN}"/>'
        f'<text x="{left + 32}" y="19" font-size="15" fill="{INK}">{escape(str(years[0]))}</text>'
    ]
    if compare and len(years) > 1:
        parts.append(
            f'<line x1="{left + 90}" y1="14" x2="{left + 116}" y2="14" stroke="{SOFT}" '
            f'stroke-width="2" stroke-dasharray="5 3"/>'
            f'<rect x="{left + 99}" y="10" width="8" height="8" fill="#ffffff" '
            f'stroke="{SOFT}" stroke-width="2"/>'
            f'<text x="{left + 122}" y="19" font-size="15" fill="{INK}">'
            f"{escape(str(years[1]))}</text>"
        )
    return parts


def _runs(frame: _Frame, figures: list) -> list[list[tuple[float, float]]]:
    """The points of the shown months, cut into runs wherever a month is hidden: a hidden
    month is a gap in the line, never a guess."""
    runs, run = [], []
    for i, f in enumerate(figures):
        if f.shown:
            run.append(frame.xy(i, f.value))
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def _line(frame: _Frame, figures: list, *, main: bool) -> list[str]:
    """One year's line: solid with round labelled points for the main year, dashed with square
    points for the comparison year."""
    parts = []
    for points in _runs(frame, figures):
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        if len(points) > 1:
            parts.append(
                f'<polyline points="{path}" fill="none" '
                + (
                    f'stroke="{GREEN}" stroke-width="3"'
                    if main
                    else f'stroke="{SOFT}" stroke-width="2" stroke-dasharray="5 3"'
                )
                + "/>"
            )
    for i, f in enumerate(figures):
        if not f.shown:
            continue
        x, y = frame.xy(i, f.value)
        if main:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{GREEN}" '
                f'class="point" data-month="{i + 1}" data-value="{f.value}"/>'
                f'<text x="{x:.1f}" y="{y - 9:.1f}" font-size="15" text-anchor="middle" '
                f'fill="{INK}">{f.value}</text>'
            )
        else:
            parts.append(
                f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" '
                f'fill="#ffffff" stroke="{SOFT}" stroke-width="2"/>'
            )
    return parts


def _month_labels(frame: _Frame, labels: list[str], series: list) -> list[str]:
    """The months under the axis and, under a hidden month, why it is not shown."""
    parts = []
    base = frame.base
    for i, label in enumerate(labels):
        x = frame.x(i)
        parts.append(
            f'<text x="{x:.1f}" y="{base + 21}" font-size="16" text-anchor="middle" '
            f'fill="{INK}">{escape(label)}</text>'
        )
        if not series[i].shown:
            parts.append(
                f'<text x="{x:.1f}" y="{base + 42}" font-size="15" text-anchor="middle" '
                f'font-style="italic" fill="{SOFT}">{escape(series[i].display)}</text>'
            )
    return parts


def _rings(geometry) -> list:
    polygons = getattr(geometry, "geoms", [geometry])
    rings = []
    for polygon in polygons:
        if polygon.geom_type != "Polygon":
            continue
        rings.append(list(polygon.exterior.coords))
        rings.extend(list(hole.coords) for hole in polygon.interiors)
    return rings


def area_map(title: str, areas: list[dict], *, uid: str) -> str:
    """A map of the wijken: ``areas`` holds per wijk its ``name``, ``geometry`` (GeoJSON),
    ``display`` (the shown figure or its mark) and ``class`` (0 hidden or small, 1-4)."""
    width, height, pad = 480, 380, 10
    shapes = []
    for area in areas:
        try:
            geometry = shape(area["geometry"]).buffer(0)
        except (ValueError, TypeError, KeyError, AttributeError):
            continue
        if not geometry.is_empty:
            shapes.append((area, geometry))
    desc = "; ".join(f"{a['name']}: {a['display']}" for a, _g in shapes) or _(
        "Er zijn nog geen grenzen van wijken bekend."
    )
    parts = _svg_open(uid, width, height, title, desc)
    parts.append(f"<defs>{PATTERNS.format(p=uid)}</defs>")
    if not shapes:
        parts.append(
            f'<text x="{width / 2}" y="{height / 2}" font-size="14" text-anchor="middle" '
            f'fill="{INK}">{escape(desc)}</text></svg>'
        )
        return "".join(parts)
    west, south, east, north = unary_union([g for _a, g in shapes]).bounds
    squeeze = math.cos(math.radians((south + north) / 2))
    span_x, span_y = max((east - west) * squeeze, 1e-9), max(north - south, 1e-9)
    scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)
    off_x = (width - span_x * scale) / 2
    off_y = (height - span_y * scale) / 2

    def project(lon, lat):
        return off_x + (lon - west) * squeeze * scale, off_y + (north - lat) * scale

    for area, geometry in shapes:
        d = " ".join(
            "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (project(*pt[:2]) for pt in ring)) + " Z"
            for ring in _rings(geometry)
        )
        parts.append(
            f'<path d="{d}" fill="url(#{uid}-{area["class"]})" fill-rule="evenodd" '
            f'stroke="{INK}" stroke-width="1.5"><title>{escape(area["name"])}: '
            f"{escape(area['display'])}</title></path>"
        )
    for area, geometry in shapes:
        point = geometry.representative_point()
        x, y = project(point.x, point.y)
        label = f"{area['name']}: {area['display']}"
        box = 9 * len(label) + 12
        parts.append(
            f'<rect x="{x - box / 2:.1f}" y="{y - 15:.1f}" width="{box:.1f}" height="26" '
            f'rx="3" fill="#ffffff" stroke="{INK}" stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}" font-size="16" text-anchor="middle" '
            f'fill="{INK}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def legend(uid: str, threshold: int) -> str:
    """The map classes in words, each with its pattern."""
    words = [
        _("verborgen of minder dan %(n)s") % {"n": threshold},
        _("10 tot 25"),
        _("25 tot 50"),
        _("50 tot 100"),
        _("100 of meer"),
    ]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 {24 * len(words) + 4}" '
        f'role="img" aria-label="{escape(_("Legenda van de kaart"))}" '
        'class="impact-picture impact-map-legend">',
        f"<defs>{PATTERNS.format(p=uid)}</defs>",
    ]
    for i, word in enumerate(words):
        y = 4 + i * 24
        parts.append(
            f'<rect x="2" y="{y}" width="28" height="18" fill="url(#{uid}-{i})" stroke="{INK}"/>'
            f'<text x="40" y="{y + 14}" font-size="14" fill="{INK}">{escape(word)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def wijk_geometries(wijken, *, tolerance: float = 0.0002) -> dict[int, dict]:
    """Wijk id -> GeoJSON geometry, simplified for drawing (about 20 m): the wijk's own
    boundary, else the union of its buurten (one query for all of them, whatever their
    number)."""

    shapes = {}
    missing = []
    for wijk in wijken:
        try:
            shapes[wijk.pk] = shape(wijk.boundary).buffer(0) if wijk.boundary else None
        except (ValueError, TypeError, KeyError, AttributeError):
            shapes[wijk.pk] = None
        if shapes[wijk.pk] is None or shapes[wijk.pk].is_empty:
            missing.append(wijk.pk)
    if missing:
        parts: dict[int, list] = {}
        for district_id, boundary in Neighbourhood.objects.filter(
            district_id__in=missing, boundary__isnull=False
        ).values_list("district_id", "boundary"):
            try:
                parts.setdefault(district_id, []).append(shape(boundary).buffer(0))
            except (ValueError, TypeError, KeyError, AttributeError):
                continue
        for district_id, geometries in parts.items():
            shapes[district_id] = unary_union(geometries)
    return {
        pk: geometry.simplify(tolerance, preserve_topology=True).__geo_interface__
        for pk, geometry in shapes.items()
        if geometry is not None and not geometry.is_empty
    }


def range_chart(summary, *, uid: str, euro) -> str:
    """The social value as a range: one bar from low to high per outcome that can be shown,
    a mark at the middle value, and the total. Outcomes with hidden numbers are named in the
    page beside it (and in the <desc>), never drawn as € 0."""
    rows = [(str(v.proxy.localized.label), v.low, v.euros, v.high) for v in summary.counted]
    rows.append((_("Samen"), summary.low, summary.central, summary.high))
    width, left, right, row_h = 420, 4, 4, 74
    height = 10 + row_h * len(rows)
    peak = max([float(r[3] or 0) for r in rows] + [1.0])
    inner = width - left - right
    parts = _svg_open(
        uid, width, height, _("Maatschappelijke waarde als bandbreedte"), summary.headline
    )
    for i, (label, low, mid, high) in enumerate(rows):
        y = 24 + i * row_h
        total = i == len(rows) - 1
        x_low = left + float(low) / peak * inner
        x_high = left + float(high) / peak * inner
        x_mid = left + float(mid) / peak * inner
        weight = ' font-weight="bold"' if total else ""
        # About 46 characters fit at 16 px; a longer label (often the English) gets smaller.
        size = 16 if len(label) <= 46 else max(11, int(16 * 46 / len(label)))
        words = (_("%(low)s tot %(high)s, midden %(mid)s") if low != high else "%(mid)s") % {
            "low": euro(low),
            "high": euro(high),
            "mid": euro(mid),
        }
        parts.append(
            f'<text x="{left}" y="{y}" font-size="{size}" fill="{INK}"{weight}>{escape(label)}</text>'
            f'<rect x="{left}" y="{y + 8}" width="{inner}" height="18" fill="#f1f5f3" '
            f'stroke="{GRID}"/>'
            f'<rect x="{x_low:.1f}" y="{y + 8}" width="{max(x_high - x_low, 3):.1f}" height="18" '
            f'fill="{GREEN if total else "#5f9f88"}" stroke="{INK}"/>'
            f'<line x1="{x_mid:.1f}" y1="{y + 3}" x2="{x_mid:.1f}" y2="{y + 31}" '
            f'stroke="{INK}" stroke-width="4"/>'
            f'<text x="{left}" y="{y + 48}" font-size="15" fill="{SOFT}"{weight}>'
            f"{escape(words)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
